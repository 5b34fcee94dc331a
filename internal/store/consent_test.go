package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func TestConsentInEffect(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Now = (&storetest.Clock{T: planClock}).Now
		f := storetest.MustFixture(t, db)
		c := goldthread.Consent{ParticipantID: f.Mine.ID, Kind: goldthread.ConsentPart2, Recipient: "Mountain Housing Partners",
			Purpose: "Housing application", Information: "Dates of service and attendance", Signed: day26(2, 1), Expires: day26(8, 1)}
		storetest.Part2Elements(&c)
		if err := db.AddConsent(ctx, f.Peer, &c); err != nil {
			t.Fatal(err)
		}
		inEffect := func(recipient string, on goldthread.Date) bool {
			t.Helper()
			_, ok, err := db.ConsentInEffect(ctx, f.Peer, f.Mine.ID, recipient, on)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		t.Run("InEffectBetweenSignatureAndExpiry", func(t *testing.T) {
			if !inEffect("mountain housing partners ", day26(3, 1)) {
				t.Fatal("not in effect on March 1")
			}
		})
		t.Run("NotBeforeSignedNorAfterExpiry", func(t *testing.T) {
			if inEffect("Mountain Housing Partners", day26(1, 31)) || inEffect("Mountain Housing Partners", day26(8, 2)) {
				t.Fatal("in effect outside its dates")
			}
		})
		t.Run("OnlyForItsRecipient", func(t *testing.T) {
			if inEffect("Another Agency", day26(3, 1)) {
				t.Fatal("covers a recipient it does not name")
			}
		})
		t.Run("RevokedStopsSharingFromThatDay", func(t *testing.T) {
			if _, err := db.RevokeConsent(ctx, f.Peer, c.ID, day26(6, 1), "Asked to stop sharing"); err != nil {
				t.Fatal(err)
			}
			if inEffect("Mountain Housing Partners", day26(6, 1)) || !inEffect("Mountain Housing Partners", day26(5, 31)) {
				t.Fatal("revocation does not stop sharing from its date")
			}
			if _, err := db.RevokeConsent(ctx, f.Peer, c.ID, day26(6, 2), ""); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("second revocation: %v", err)
			}
		})
		t.Run("ErrOutOfReach", func(t *testing.T) {
			if _, _, err := db.ConsentInEffect(ctx, f.OtherPeer, f.Mine.ID, "x", day26(3, 1)); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
			if _, err := db.RevokeConsent(ctx, f.OtherPeer, c.ID, day26(6, 1), ""); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrReadersCannotRecordConsents", func(t *testing.T) {
			c2 := c
			if err := db.AddConsent(ctx, f.Billing, &c2); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
		})
		for field, mut := range map[string]func(*goldthread.Consent){
			"kind":       func(c *goldthread.Consent) { c.Kind = "verbal" },
			"recipient":  func(c *goldthread.Consent) { c.Recipient = " " },
			"purpose":    func(c *goldthread.Consent) { c.Purpose = "" },
			"expires_on": func(c *goldthread.Consent) { c.Expires = c.Signed },
			"signed_on":  func(c *goldthread.Consent) { c.Signed, c.Expires = day26(7, 1), day26(9, 1) },
		} {
			t.Run("Err_"+field, func(t *testing.T) {
				c2 := c
				mut(&c2)
				if err := db.AddConsent(ctx, f.Peer, &c2); goldthread.ErrorField(err) != field {
					t.Fatalf("err = %v; want EINVALID on %s", err, field)
				}
			})
		}
		t.Run("ListedWithRevocation", func(t *testing.T) {
			// A consent of its own, so the subtest does not lean on the
			// revocation above.
			listed := c
			listed.Recipient = "Riverside Food Bank"
			if err := db.AddConsent(ctx, f.Peer, &listed); err != nil {
				t.Fatal(err)
			}
			if _, err := db.RevokeConsent(ctx, f.Peer, listed.ID, day26(6, 1), "Asked to stop sharing"); err != nil {
				t.Fatal(err)
			}
			list, err := db.Consents(ctx, f.ParticipantUser, f.Mine.ID)
			i := slices.IndexFunc(list, func(x goldthread.Consent) bool { return x.ID == listed.ID })
			if err != nil || i < 0 || list[i].Revoked != day26(6, 1) || list[i].StatusOn(day26(6, 15)) != "revoked" {
				t.Fatalf("%v %+v", err, list)
			}
		})
	})
}
