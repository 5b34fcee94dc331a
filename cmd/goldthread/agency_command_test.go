package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
)

// runWithStdin is runCmd with standard input.
func runWithStdin(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
	return run(context.Background(), e, args), out.String(), errOut.String()
}

// TestAgencyCreate: the operator creates an agency and its administrator
// with the password on standard input; the administrator can sign in; a
// bad flag names itself; the first-run code exists only while no agency
// does.
func TestAgencyCreate(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "g.db")
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	code, err := firstRunCode(ctx, db)
	if err != nil || len(code) != 14 || strings.Count(code, "-") != 2 || strings.ContainsAny(code, "01OIL") {
		t.Fatalf("first-run code %q %v", code, err)
	}
	args := []string{"agency", "create", "--db", dbPath, "--name", "Blue Ridge Peers", "--slug", "blue-ridge",
		"--time-zone", "America/New_York", "--admin-name", "Morgan Lee", "--admin-email", "morgan@blueridge.example"}
	if c, _, errOut := runWithStdin(t, "", args...); c != 2 || !strings.Contains(errOut, "standard input") {
		t.Fatalf("no password: exit %d %q", c, errOut)
	}
	bad := append(append([]string{}, args...), "--slug", "Blue Ridge")
	if c, _, errOut := runWithStdin(t, "a long first password 2026\n", bad...); c != 2 || !strings.HasPrefix(errOut, "--slug:") {
		t.Fatalf("bad slug: exit %d %q", c, errOut)
	}
	c, out, errOut := runWithStdin(t, "a long first password 2026\n", args...)
	if c != 0 || !strings.Contains(out, `"blue-ridge" created`) {
		t.Fatalf("create: exit %d %q %q", c, out, errOut)
	}
	if step, err := db.SignIn(ctx, "morgan@blueridge.example", "a long first password 2026", "", store.SessionWeb, store.DefaultSessionPolicy); err != nil || !step.Actor.Has("administrator") {
		t.Fatalf("the administrator cannot sign in: %v", err)
	}
	if c, _, errOut := runWithStdin(t, "a long first password 2026\n", args...); c != 1 || !strings.Contains(errOut, "exists already") {
		t.Fatalf("the same slug again: exit %d %q", c, errOut)
	}
	if code, err := firstRunCode(ctx, db); code != "" || err != nil {
		t.Fatalf("a setup code with an agency in the database: %q %v", code, err)
	}
}
