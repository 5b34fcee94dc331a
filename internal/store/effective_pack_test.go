package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// A certification without an expiry date expires after the renewal period
// of the agency's effective pack: its override of the pack's period counts.
func TestCredentialRenewalFollowsTheAgencyOverride(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		if _, err := db.SetRuleOverride(ctx, f.Admin, ncPack, "credentials.CPSS.renewal_months", "12", "our MCO asks for yearly renewal"); err != nil {
			t.Fatal(err)
		}
		issued := goldthread.NewDate(2025, 6, 1)
		c, err := db.AddCredential(ctx, f.Admin, f.Peer.UserID, store.CredentialInput{Type: "CPSS", Number: "C-9", Issuer: "NCCPSS",
			Issued: issued, Evidence: "certificate seen"})
		if err != nil {
			t.Fatal(err)
		}
		if want := goldthread.NewDate(2026, 6, 1); c.Expires != want {
			t.Fatalf("expires %s; want %s (12 months, the agency's override)", c.Expires, want)
		}
	})
}

// Credential types come from the rule packs (every pack's certifications)
// and the licences; a type no pack or licence list has is refused.
func TestCredentialTypesComeFromThePacks(t *testing.T) {
	types := store.CredentialTypes()
	for _, want := range []string{"CPSS", "CMPSS", "NYCPS", "FPA", "YPA", "LCSW", "other"} {
		if !slices.Contains(types, want) {
			t.Errorf("credential types %v lack %s", types, want)
		}
	}
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := storetest.MustFixture(t, db)
		_, err := db.AddCredential(context.Background(), f.Admin, f.Peer.UserID, store.CredentialInput{Type: "XYZ", Number: "1",
			Issued: goldthread.NewDate(2025, 6, 1)})
		if goldthread.ErrorField(err) != "type" {
			t.Fatalf("an unknown type: %v", err)
		}
	})
}

// The group size a session shows (and enforces) is the agency's: its
// override of group.max_size, not the pack file's 12.
func TestGroupSizeFollowsTheAgencyOverride(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f, clock := newGroupEnv(t, db)
		if _, err := db.SetRuleOverride(ctx, f.Admin, ncPack, "group.max_size", "8", "MCO contract: groups of at most 8"); err != nil {
			t.Fatal(err)
		}
		g, err := db.CreateGroupSession(ctx, f.Peer, groupInput(f, clock.T))
		if err != nil {
			t.Fatal(err)
		}
		if g, err = db.GroupSession(ctx, f.Peer, g.ID); err != nil || g.MaxSize != 8 {
			t.Fatalf("max size %d; want the agency's 8 (%v)", g.MaxSize, err)
		}
	})
}

// The continuing education a credential's renewal needs follows the
// agency's rule override of it, like the renewal period does.
func TestCEHoursFollowTheAgencyOverride(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		if _, err := db.SetRuleOverride(ctx, f.Admin, ncPack, "credentials.CPSS.ce_hours", "30", "our MCO asks for more training"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddCredential(ctx, f.Admin, f.Peer.UserID, store.CredentialInput{Type: "CPSS", Number: "C-9", Issuer: "NCCPSS",
			Issued: goldthread.NewDate(2025, 6, 1), Evidence: "certificate seen"}); err != nil {
			t.Fatal(err)
		}
		totals, err := db.CETotals(ctx, f.Admin, f.Peer.UserID)
		if err != nil || len(totals) != 1 || totals[0].RequiredHours != 30 {
			t.Fatalf("CE totals %+v %v; want 30 hours, the agency's override", totals, err)
		}
	})
}
