package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// runCmd runs the goldthread command line with args and returns its exit
// status and output.
func runCmd(t *testing.T, ctx context.Context, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(k string) string { return vars[k] }}
	code := run(ctx, e, args)
	return code, out.String(), errOut.String()
}

func TestHelpAndUsage(t *testing.T) {
	ctx := context.Background()
	code, out, _ := runCmd(t, ctx, nil, "help")
	for _, c := range []string{"serve", "migrate", "demo", "programs", "coach", "audit"} {
		if !strings.Contains(out, "  "+c) {
			t.Errorf("help does not list %s", c)
		}
	}
	if code != 0 {
		t.Errorf("help exit %d", code)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"UnknownCommand", []string{"serv"}, "unknown command"},
		{"UnknownFlag", []string{"programs", "--dbb", "x"}, "flag provided but not defined: -dbb"},
		{"StrayArgument", []string{"migrate", "extra"}, "unexpected argument"},
		{"HalfTLS", []string{"serve", "--tls-cert", "c.pem"}, "both --tls-cert and --tls-key"},
		{"AuditWithoutVerb", []string{"audit"}, "audit verify"},
		{"NoCommand", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runCmd(t, ctx, nil, c.args...)
			if code != 2 || !strings.Contains(errOut, c.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, errOut, c.want)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Fatal("a stack trace reached the user")
			}
		})
	}
}

func TestUnreadableDatabase(t *testing.T) {
	code, _, errOut := runCmd(t, context.Background(), nil, "programs", "--db", filepath.Join(t.TempDir(), "no", "such", "dir", "x.db"))
	if code != 1 || !strings.Contains(errOut, "cannot open") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCmd(t, context.Background(), nil, "migrate", "--db", "postgres://u:secret@127.0.0.1:1/x?connect_timeout=2")
	if code != 1 || strings.Contains(errOut, "secret") {
		t.Fatalf("exit %d, stderr %q: want 1 and no password", code, errOut)
	}
}

func TestDemoProgramsAndAudit(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "gt.db")
	vars := map[string]string{"GOLDTHREAD_DB": db}
	code, out, errOut := runCmd(t, ctx, vars, "demo")
	if code != 0 || !strings.Contains(out, "loaded") {
		t.Fatalf("demo: %d %q %q", code, out, errOut)
	}
	if code, out, _ = runCmd(t, ctx, vars, "demo"); code != 0 || !strings.Contains(out, "nothing changed") {
		t.Fatalf("second demo: %d %q", code, out)
	}
	code, out, _ = runCmd(t, ctx, vars, "programs")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	row := regexp.MustCompile(`^\d+\t[^\t]+\tus-[a-z0-9-]+$`)
	if code != 0 || len(lines) != 3 {
		t.Fatalf("programs: %d %q", code, out)
	}
	for _, l := range lines {
		if !row.MatchString(l) {
			t.Errorf("programs line %q is not id<TAB>name<TAB>rule pack", l)
		}
	}
	if code, out, _ = runCmd(t, ctx, vars, "audit", "verify"); code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("audit verify: %d %q", code, out)
	}
	if code, out, _ = runCmd(t, ctx, vars, "migrate"); code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %d %q", code, out)
	}
}

// TestServeStopsGracefully starts the server, uses it, and stops it the
// way SIGTERM does.
func TestServeStopsGracefully(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := filepath.Join(t.TempDir(), "gt.db")
	pr, pw := io.Pipe()
	var errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: pw, stderr: &errOut, getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- run(ctx, e, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}); pw.Close() }()
	buf := make([]byte, 256)
	n, _ := pr.Read(buf)
	m := regexp.MustCompile(`http://[0-9.:]+`).FindString(string(buf[:n]))
	if m == "" {
		t.Fatalf("no address in %q (stderr %s)", buf[:n], errOut.String())
	}
	go io.Copy(io.Discard, pr)
	res, err := http.Get(m + "/readyz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("readyz: %v", err)
	}
	res.Body.Close()
	cancel()
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(errOut.String(), "stopped cleanly") {
			t.Fatalf("exit %d; log %s", code, errOut.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}
