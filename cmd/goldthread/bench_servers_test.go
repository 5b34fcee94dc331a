package main

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestTwoServersUnderLoadLoseNothing runs two servers on one database
// (each its own store.DB and connections, as two `goldthread serve`
// processes; PostgreSQL is the production case, SQLite shares one file)
// under create + sign load from four peers, half of them on the second
// server with sessions and grants made on the first. No request fails,
// the second server answers its share, and afterwards every note answered
// as signed is there and signed once, the audit chain verifies and every
// signed record's hash holds. About a second of load per run.
func TestTwoServersUnderLoadLoseNothing(t *testing.T) {
	storetest.EnginesTwice(t, func(t *testing.T, a, b *store.DB) {
		ctx := context.Background()
		run, err := benchServers(ctx, [2]*store.DB{a, b}, []int{4}, time.Second, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		r := run.Rows[0]
		for _, res := range []struct {
			name string
			ok   int
			errs string
		}{{"one server", r.One.OK, r.One.ErrorText()}, {"two servers", r.Two.OK, r.Two.ErrorText()}} {
			if res.errs != "0" || res.ok == 0 {
				t.Fatalf("through %s: %d notes signed, errors %s; want some and no errors", res.name, res.ok, res.errs)
			}
		}
		if r.OnB == 0 {
			t.Fatal("the second server answered nothing")
		}
		if len(run.Signed) != r.One.OK+r.Two.OK {
			t.Fatalf("%d signatures acknowledged; the runs counted %d", len(run.Signed), r.One.OK+r.Two.OK)
		}
		// Read through the second server's connections: what A wrote, B sees.
		checked, err := verifyServersRun(ctx, b, run.Signed)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s (%.1f notes/s through one server, %.1f through two)", checked, r.One.Rate(), r.Two.Rate())
	})
}
