package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/passkey"
	"github.com/goldthread/goldthread/internal/passkey/passkeytest"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/totp"
)

// TestResetSecondFactors: after a lost phone an administrator removes the
// person's passkeys, turns their app off and ends their sessions at once;
// nobody else may, and the person is asked to set a factor up again when
// the agency requires one.
func TestResetSecondFactors(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		pol := store.DefaultSessionPolicy
		party, _ := passkey.New(passkeyOrigin)
		peer, email := f.Peer, f.Emails[goldthread.RolePeer]
		addPasskey(t, db, party, passkeytest.New(passkeyOrigin), peer, "Lost phone")
		enrolTOTP(t, db, peer)
		clock.Advance(totp.Step)
		step, err := db.SignIn(ctx, email, storetest.Password, "", store.SessionWeb, pol)
		if err != nil || !step.NeedsSecondStep() {
			t.Fatalf("before the reset the password alone should not sign in: %v", err)
		}
		// A session open on the lost phone.
		if _, err := db.ExecRaw(ctx, `INSERT INTO user_session (token_hash, user_id, agency_id, kind, created_at, last_seen_at, expires_at, ip)
			VALUES ('lost-phone', ?, ?, 'web', ?, ?, ?, '')`, peer.UserID, peer.AgencyID, clock.T.Add(-time.Hour), clock.T, clock.T.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if st, _ := db.StaffMember(ctx, f.Admin, peer.UserID); !st.TOTP || st.Passkeys != 1 {
			t.Fatalf("staff page reads totp=%v passkeys=%d", st.TOTP, st.Passkeys)
		}

		t.Run("OnlyAnAdministrator", func(t *testing.T) {
			if err := db.ResetSecondFactors(ctx, f.Supervisor, peer.UserID); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
			if err := db.ResetSecondFactors(ctx, f.Admin, f.ParticipantUser.UserID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("a participant account: %v", err)
			}
		})
		if err := db.ResetSecondFactors(ctx, f.Admin, peer.UserID); err != nil {
			t.Fatal(err)
		}
		t.Run("FactorsAreGoneAndSessionsEnded", func(t *testing.T) {
			if st, _ := db.StaffMember(ctx, f.Admin, peer.UserID); st.TOTP || st.Passkeys != 0 {
				t.Fatalf("after the reset totp=%v passkeys=%d", st.TOTP, st.Passkeys)
			}
			step, err := db.SignIn(ctx, email, storetest.Password, "", store.SessionWeb, pol)
			token, actor := step.Token, step.Actor
			if err != nil || token == "" || actor.MFAEnabled {
				t.Fatalf("after the reset the password signs in with no second factor: %v", err)
			}
			rows, err := db.QueryRaw(ctx, "SELECT COUNT(*) FROM user_session WHERE user_id = ? AND revoked_at IS NULL AND created_at < ?", peer.UserID, clock.T)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var open int
			rows.Next()
			rows.Scan(&open)
			if open != 0 {
				t.Fatalf("%d older sessions still open", open)
			}
		})
		t.Run("Audited", func(t *testing.T) {
			evs, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSettingChange, ActorID: f.Admin.UserID})
			if len(evs) == 0 || evs[0].RecordID != peer.UserID || evs[0].Detail != "mfa_reset passkeys_removed=1 totp=off sessions=ended" {
				t.Fatalf("%+v", evs)
			}
		})
	})
}

// TestUnlinkSSO: an administrator sees when a colleague was linked to the
// identity provider and can remove the link; a new subject for the same
// verified email is refused while linked and accepted after.
func TestUnlinkSSO(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		pol := store.DefaultSessionPolicy
		email := f.Emails[goldthread.RolePeer]
		if _, err := db.SignInSSO(ctx, f.Agency.Slug, ssoAs("sub-old", email), "", pol); err != nil {
			t.Fatal(err)
		}
		if st, _ := db.StaffMember(ctx, f.Admin, f.Peer.UserID); st.SSOSince.IsZero() {
			t.Fatal("the staff page does not see the link")
		}
		if _, err := db.SignInSSO(ctx, f.Agency.Slug, ssoAs("sub-new", email), "", pol); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
			t.Fatalf("a new subject while linked: %v", err)
		}
		if err := db.UnlinkSSO(ctx, f.Supervisor, f.Peer.UserID); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("a supervisor unlinked: %v", err)
		}
		if err := db.UnlinkSSO(ctx, f.Admin, f.Peer.UserID); err != nil {
			t.Fatal(err)
		}
		if err := db.UnlinkSSO(ctx, f.Admin, f.Peer.UserID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
			t.Fatalf("unlinking twice: %v", err)
		}
		if st, _ := db.StaffMember(ctx, f.Admin, f.Peer.UserID); !st.SSOSince.IsZero() {
			t.Fatal("still shown as linked")
		}
		if _, err := db.SignInSSO(ctx, f.Agency.Slug, ssoAs("sub-new", email), "", pol); err != nil {
			t.Fatalf("after the unlink the new subject should link by email: %v", err)
		}
		evs, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSettingChange, ActorID: f.Admin.UserID})
		if len(evs) == 0 || evs[0].Detail != "sso_unlinked" || evs[0].RecordID != f.Peer.UserID {
			t.Fatalf("%+v", evs)
		}
	})
}
