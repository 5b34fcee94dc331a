package main

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/bench"
	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
)

// TestTwoServeProcessesShareOneDatabase builds the binary and runs two
// `goldthread serve` processes on one SQLite file, as the crash test runs
// one: wrong passwords sent to A make B refuse that account from that
// address (429), tokens and grants made on A sign notes on B, and under
// create + sign load split between them nothing fails; afterwards every
// note answered as signed is there and signed once, and `audit verify`
// and `integrity verify` pass. It builds the binary, so it runs where the
// crash test does: under CI=true or with GOLDTHREAD_CRASH_TEST=1.
func TestTwoServeProcessesShareOneDatabase(t *testing.T) {
	if os.Getenv("CI") != "true" && os.Getenv(crashEnv) == "" {
		t.Skipf("builds the binary and runs two servers (~15 s): set %s=1 or CI=true to run it", crashEnv)
	}
	ctx := context.Background()
	dir := t.TempDir()
	bin := filepath.Join(dir, "goldthread")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dbPath := filepath.Join(dir, "two.db")
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	const peers = 4
	a, err := seed.Run(ctx, db, seed.Options{Slug: "two", Participants: 2 * peers, Caseload: 2})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	// One after the other: the first makes the secret key file the second
	// reads, as an operator starts a second server once the first is up.
	addrA, addrB := freeAddr(t), freeAddr(t)
	serverA := startServe(t, bin, dbPath, addrA)
	serverB := startServe(t, bin, dbPath, addrB)
	baseA, baseB := "http://"+addrA, "http://"+addrB
	client := &http.Client{Timeout: 10 * time.Second}

	var mu sync.Mutex
	var acknowledged []int64
	writers := make([]*bench.Writer, peers)
	for i := range peers {
		token, err := bench.SignIn(ctx, client, baseA, a.PeerEmails[i], seed.Password)
		if err != nil {
			t.Fatal(err)
		}
		writers[i] = &bench.Writer{Base: baseA, HTTP: client, Token: token, Password: seed.Password, ProgramID: a.Program.ID,
			People: a.Participants[2*i : 2*i+2], Zone: seed.Zone(),
			Signed: func(id int64) { mu.Lock(); acknowledged = append(acknowledged, id); mu.Unlock() }}
		if err := writers[i].TakeGrant(ctx); err != nil {
			t.Fatal(err)
		}
		writers[i].Base = []string{baseA, baseB}[i%2] // made on A, used on B for odd peers
	}

	// Ten wrong passwords on A start a wait of 16 s for that account from
	// this address; B must know.
	guess := `{"email":"` + a.PeerEmails[0] + `","password":"not the password"}`
	for range 10 {
		res, err := client.Post(baseA+"/api/v1/tokens", "application/json", strings.NewReader(guess))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	right := `{"email":"` + a.PeerEmails[0] + `","password":"` + seed.Password + `"}`
	res, err := client.Post(baseB+"/api/v1/tokens", "application/json", strings.NewReader(right))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("server B after ten wrong passwords on server A: %d; want 429", res.StatusCode)
	}

	r := bench.Run(ctx, "two", peers, 2*time.Second, func(ctx context.Context, c int) string { return writers[c].CreateAndSign(ctx) })
	if r.ErrorText() != "0" || r.OK == 0 {
		t.Fatalf("load through two servers: %d notes signed, errors %s; want some and none", r.OK, r.ErrorText())
	}
	for _, s := range []*exec.Cmd{serverA, serverB} {
		s.Process.Signal(os.Interrupt)
		s.Wait()
	}

	db, err = store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := verifyServersRun(ctx, db, acknowledged); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"audit", "verify"}, {"integrity", "verify"}} {
		out, err := exec.Command(bin, append(args, "--db", dbPath)...).CombinedOutput()
		if err != nil {
			t.Fatalf("%v after two servers: %v\n%s", args, err, out)
		}
	}
	t.Logf("%d notes signed through two serve processes in 2 s (%.1f/s)", len(acknowledged), r.Rate())
}
