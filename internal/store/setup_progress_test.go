package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestSetupProgressCountsCertifiedPeers: the set-up checklist is done only
// when every active peer has a credential billing accepts today: verified
// (a peer's own entry is not until checked), not revoked, in effect.
func TestSetupProgressCountsCertifiedPeers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Now = (&storetest.Clock{T: time.Date(2026, 6, 15, 16, 0, 0, 0, time.UTC)}).Now
		f := storetest.MustFixture(t, db)
		certified := func() int {
			t.Helper()
			p, err := db.SetupProgress(ctx, f.Admin)
			if err != nil {
				t.Fatal(err)
			}
			if p.Peers != 2 {
				t.Fatalf("%d peers; the fixture has Pat and Oli", p.Peers)
			}
			if p.Done() && p.CertifiedPeers < p.Peers {
				t.Error("the checklist is done while a peer has no credential in effect")
			}
			return p.CertifiedPeers
		}
		if n := certified(); n != 0 {
			t.Fatalf("%d certified peers before any credential", n)
		}
		add := func(who goldthread.Actor, staff int64, issued, expires goldthread.Date) {
			t.Helper()
			if _, err := db.AddCredential(ctx, who, staff, store.CredentialInput{Type: "CPSS", Number: "C-9", Issued: issued, Expires: expires}); err != nil {
				t.Fatal(err)
			}
		}
		add(f.Peer, f.Peer.UserID, goldthread.NewDate(2026, 1, 5), goldthread.NewDate(2027, 1, 5))
		add(f.Admin, f.OtherPeer.UserID, goldthread.NewDate(2024, 1, 5), goldthread.NewDate(2026, 6, 14))
		if n := certified(); n != 0 {
			t.Fatalf("%d certified peers; an unverified and an expired credential count for none", n)
		}
		add(f.Admin, f.Peer.UserID, goldthread.NewDate(2026, 1, 5), goldthread.NewDate(2027, 1, 5))
		add(f.Admin, f.OtherPeer.UserID, goldthread.NewDate(2026, 6, 15), goldthread.Date{})
		if n := certified(); n != 2 {
			t.Fatalf("%d certified peers; want Pat and Oli", n)
		}
	})
}
