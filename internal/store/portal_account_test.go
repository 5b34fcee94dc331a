package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

var cheapHash = password.Params{Memory: 64, Time: 1, Threads: 1}

const joinPassword = "a walk by the river on sunday"

func join(db *store.DB, in store.PortalJoin) (store.SignInStep, error) {
	return db.JoinPortal(context.Background(), in, "192.0.2.7", store.SessionWeb, store.DefaultSessionPolicy, cheapHash)
}

// portalFixture is the fixture agency with its clock at Mar 2, 2026, 15:00.
func portalFixture(t *testing.T, db *store.DB) (*storetest.Fixture, *storetest.Clock) {
	t.Helper()
	f := storetest.MustFixture(t, db)
	clock := &storetest.Clock{T: time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)}
	db.Now = clock.Now
	return f, clock
}

// TestPortalInvitation: a peer invites Renee, who has no account; she
// joins with the code on her phone, chooses a username and a password and
// is signed in; the code and the link then never work again; only hashes
// are kept and the code is never audited.
func TestPortalInvitation(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f, clock := portalFixture(t, db)
		inv, err := db.InvitePortal(ctx, f.Peer, f.MineToo.ID)
		if err != nil || len(inv.Code) != 11 || inv.Code[5] != '-' || inv.Token == "" || !inv.Expires.Equal(clock.T.Add(72*time.Hour)) {
			t.Fatalf("%v %+v", err, inv)
		}
		t.Run("StaffSeeItInvitedUntilItExpires", func(t *testing.T) {
			acct, err := db.PortalAccount(ctx, f.Supervisor, f.MineToo.ID)
			if err != nil || acct.State != goldthread.PortalInvited || acct.Invitation == nil || acct.Invitation.Code != "" ||
				!acct.Invitation.Expires.Equal(inv.Expires) || acct.Invitation.InvitedBy != "Pat Peer" {
				t.Fatalf("%v %+v %+v", err, acct, acct.Invitation)
			}
		})
		t.Run("OnlyHashesAreKeptAndTheCodeIsNeverAudited", func(t *testing.T) {
			var tokenHash, codeHash string
			rows, err := db.QueryRaw(ctx, "SELECT token_hash, code_hash FROM portal_invitation WHERE id = ?", inv.ID)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				rows.Scan(&tokenHash, &codeHash)
			}
			rows.Close()
			sum := sha256.Sum256([]byte(strings.ReplaceAll(inv.Code, "-", "")))
			if codeHash != hex.EncodeToString(sum[:]) || strings.Contains(tokenHash+codeHash, inv.Token) {
				t.Fatalf("stored %s / %s", tokenHash, codeHash)
			}
			evs, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{ParticipantID: f.MineToo.ID, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, ev := range evs {
				found = found || (ev.RecordType == "portal_invitation" && ev.Action == goldthread.ActionCreate && ev.ActorID == f.Peer.UserID)
				if strings.Contains(ev.Detail, inv.Code[:5]) || strings.Contains(ev.Detail, inv.Token) {
					t.Fatalf("the code is in the audit trail: %+v", ev)
				}
			}
			if !found {
				t.Fatal("the invitation is not audited")
			}
		})
		clock.Advance(71 * time.Hour)
		step, err := join(db, store.PortalJoin{Code: " " + strings.ToLower(strings.ReplaceAll(inv.Code, "-", " ")), SignInName: "Renee.A", Password: joinPassword})
		token, actor := step.Token, step.Actor
		t.Run("JoinedAndSignedIn", func(t *testing.T) {
			if err != nil || token == "" || actor.ParticipantID != f.MineToo.ID || !actor.Has(goldthread.RoleParticipant) || actor.Name != "Renee Alvarez" {
				t.Fatalf("%v %+v", err, actor)
			}
			if a, err := db.Authenticate(ctx, token, store.SessionWeb, "192.0.2.7", store.DefaultSessionPolicy); err != nil || a.UserID != actor.UserID {
				t.Fatalf("the session does not work: %v", err)
			}
			if _, err := db.SignIn(ctx, "renee.a", joinPassword, "192.0.2.7", store.SessionWeb, store.DefaultSessionPolicy); err != nil {
				t.Fatalf("sign in with the chosen username: %v", err)
			}
			acct, err := db.PortalAccount(ctx, f.Peer, f.MineToo.ID)
			if err != nil || acct.State != goldthread.PortalActive || acct.SignInName != "renee.a" || acct.Invitation != nil {
				t.Fatalf("%v %+v", err, acct)
			}
		})
		t.Run("ErrCodeAndLinkWorkOnce", func(t *testing.T) {
			for _, in := range []store.PortalJoin{{Code: inv.Code}, {Token: inv.Token}} {
				in.SignInName, in.Password = "renee.b", joinPassword
				_, err := join(db, in)
				wantKind(t, err, goldthread.EUNAUTHORIZED, "code")
			}
		})
	})
}

// TestPortalInvitationRules: who may invite, a newer invitation replacing
// an older one, expiry, and bad choices that leave the invitation usable.
func TestPortalInvitationRules(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f, clock := portalFixture(t, db)
		t.Run("ErrDenyByDefault", func(t *testing.T) {
			for _, a := range []goldthread.Actor{f.Billing, f.Admin, f.Auditor, f.ParticipantUser} {
				if _, err := db.InvitePortal(ctx, a, f.MineToo.ID); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
					t.Errorf("%v invited: %v", a.Roles, err)
				}
				if _, err := db.PortalAccount(ctx, a, f.MineToo.ID); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
					t.Errorf("%v read the account: %v", a.Roles, err)
				}
			}
			if _, err := db.InvitePortal(ctx, f.OtherPeer, f.MineToo.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Errorf("a peer invited someone off their caseload: %v", err)
			}
		})
		t.Run("ErrNewerInvitationReplacesTheOlder", func(t *testing.T) {
			old, err := db.InvitePortal(ctx, f.Peer, f.MineToo.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.InvitePortal(ctx, f.Clinician, f.MineToo.ID); err != nil {
				t.Fatal(err)
			}
			_, err = join(db, store.PortalJoin{Code: old.Code, SignInName: "renee", Password: joinPassword})
			wantKind(t, err, goldthread.EUNAUTHORIZED, "code")
		})
		t.Run("ErrExpiredAfter72Hours", func(t *testing.T) {
			inv, err := db.InvitePortal(ctx, f.Peer, f.MineToo.ID)
			if err != nil {
				t.Fatal(err)
			}
			clock.Advance(72 * time.Hour)
			defer clock.Advance(-72 * time.Hour)
			_, err = join(db, store.PortalJoin{Token: inv.Token, SignInName: "renee", Password: joinPassword})
			wantKind(t, err, goldthread.EUNAUTHORIZED, "code")
			evs, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSignInFailed, Limit: 1})
			if len(evs) != 1 || evs[0].Detail != "expired_code" || evs[0].ParticipantID != f.MineToo.ID || evs[0].IP != "192.0.2.7" {
				t.Fatalf("audit %+v", evs)
			}
			if acct, _ := db.PortalAccount(ctx, f.Peer, f.MineToo.ID); acct.State != goldthread.PortalNone {
				t.Fatalf("state %s after the invitation lapsed", acct.State)
			}
		})
		t.Run("BadChoicesNameTheFieldAndKeepTheInvitation", func(t *testing.T) {
			inv, err := db.InvitePortal(ctx, f.Peer, f.MineToo.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct{ name, pw, field string }{
				{"", joinPassword, "sign_in_name"},
				{"r", joinPassword, "sign_in_name"},
				{"renee@", joinPassword, "sign_in_name"},
				{"renee alvarez", joinPassword, "sign_in_name"},
				{"peer@fixture.test", joinPassword, "sign_in_name"}, // taken
				{"renee", "short", "password"},
				{"renee", "renee alvarez 2026", "password"}, // her own name
			} {
				_, err := join(db, store.PortalJoin{Code: inv.Code, SignInName: c.name, Password: c.pw})
				if goldthread.ErrorKind(err) != goldthread.EINVALID || goldthread.ErrorField(err) != c.field {
					t.Errorf("%q / %q: %v; want EINVALID on %s", c.name, c.pw, err, c.field)
				}
			}
			if _, err := join(db, store.PortalJoin{Code: inv.Code, SignInName: "renee@example.org", Password: joinPassword}); err != nil {
				t.Fatalf("the invitation was spent by refused attempts: %v", err)
			}
		})
	})
}

// TestWrongInvitationCodesPauseJoining: wrong codes from many addresses
// are counted together and audited; past the ceiling, even a good code
// waits, until the hour has passed.
func TestWrongInvitationCodesPauseJoining(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f, clock := portalFixture(t, db)
		inv, err := db.InvitePortal(ctx, f.Peer, f.MineToo.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 200; i++ {
			_, err := db.JoinPortal(ctx, store.PortalJoin{Code: fmt.Sprintf("ZZZZZ%05d", i), SignInName: "x", Password: "y"},
				fmt.Sprintf("198.51.100.%d", i%250), store.SessionWeb, store.DefaultSessionPolicy, cheapHash)
			if goldthread.ErrorField(err) != "code" {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		// A code that matches nothing belongs to no agency, so the trail
		// holds it outside any agency's report, like an unknown email.
		rows, err := db.QueryRaw(ctx, `SELECT COUNT(DISTINCT ip) FROM audit_event WHERE action = ? AND record_type = 'portal_invitation'
			AND detail = 'unknown_code' AND outcome = 'failure'`, goldthread.ActionSignInFailed)
		if err != nil {
			t.Fatal(err)
		}
		var addresses int
		for rows.Next() {
			rows.Scan(&addresses)
		}
		rows.Close()
		if addresses != 200 {
			t.Fatalf("%d addresses in the audited failures; want 200", addresses)
		}
		_, err = join(db, store.PortalJoin{Code: inv.Code, SignInName: "renee", Password: joinPassword})
		var paused *store.JoinPaused
		if !errors.As(err, &paused) || paused.Wait <= 0 || paused.Wait > time.Hour {
			t.Fatalf("a good code after 200 wrong ones from 200 addresses: %v", err)
		}
		clock.Advance(time.Hour + time.Second)
		if _, err := join(db, store.PortalJoin{Code: inv.Code, SignInName: "renee", Password: joinPassword}); err != nil {
			t.Fatalf("still paused an hour later: %v", err)
		}
	})
}

// TestPortalAccess: staff turn Marcus's account off (his sessions end at
// once, he cannot sign in, no invitation can be sent) and on again; an
// invitation to an account that exists sets a new sign-in name and
// password and ends the old sessions.
func TestPortalAccess(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		email := f.Emails[goldthread.RoleParticipant]
		signIn := func(email, pw string) (string, error) {
			step, err := db.SignIn(ctx, email, pw, "192.0.2.7", store.SessionWeb, store.DefaultSessionPolicy)
			token := step.Token
			return token, err
		}
		live := func(token string) bool {
			_, err := db.Authenticate(ctx, token, store.SessionWeb, "192.0.2.7", store.DefaultSessionPolicy)
			return err == nil
		}
		token, err := signIn(email, storetest.Password)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("ErrNoAccountToTurnOff", func(t *testing.T) {
			_, err := db.SetPortalAccess(ctx, f.Peer, f.MineToo.ID, false, "lost_device")
			if goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("TurnedOffEndsSessionsAtOnce", func(t *testing.T) {
			if _, err := db.SetPortalAccess(ctx, f.Supervisor, f.Mine.ID, false, "because"); goldthread.ErrorField(err) != "reason" {
				t.Fatalf("turned off without a reason from the list: %v", err)
			}
			if !live(token) {
				t.Fatal("a refused change ended the session")
			}
			acct, err := db.SetPortalAccess(ctx, f.Supervisor, f.Mine.ID, false, "lost_device")
			if err != nil || acct.State != goldthread.PortalDisabled {
				t.Fatalf("%v %+v", err, acct)
			}
			if live(token) {
				t.Fatal("the participant's session outlived the account")
			}
			if _, err := signIn(email, storetest.Password); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("signed in while turned off: %v", err)
			}
			if _, err := db.InvitePortal(ctx, f.Peer, f.Mine.ID); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("invited while turned off: %v", err)
			}
			evs, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{ActorID: f.Supervisor.UserID, Action: goldthread.ActionUpdate, Limit: 1})
			if len(evs) != 1 || evs[0].RecordType != "portal_account" || evs[0].Detail != "active=false reason=lost_device sessions_ended=1" {
				t.Fatalf("audit %+v", evs)
			}
		})
		t.Run("TurnedOnAgain", func(t *testing.T) {
			if acct, err := db.SetPortalAccess(ctx, f.Peer, f.Mine.ID, true, ""); err != nil || acct.State != goldthread.PortalActive {
				t.Fatalf("%v %+v", err, acct)
			}
			if token, err = signIn(email, storetest.Password); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("InvitationResetsAForgottenPassword", func(t *testing.T) {
			inv, err := db.InvitePortal(ctx, f.Peer, f.Mine.ID)
			if err != nil {
				t.Fatal(err)
			}
			if acct, _ := db.PortalAccount(ctx, f.Peer, f.Mine.ID); acct.State != goldthread.PortalActive || acct.Invitation == nil {
				t.Fatalf("%+v", acct)
			}
			if _, err := join(db, store.PortalJoin{Token: inv.Token, SignInName: "marcus.bell", Password: joinPassword}); err != nil {
				t.Fatal(err)
			}
			if live(token) {
				t.Fatal("a session with the old password outlived the reset")
			}
			if _, err := signIn("marcus.bell", joinPassword); err != nil {
				t.Fatalf("the new sign-in: %v", err)
			}
			if _, err := signIn(email, storetest.Password); err == nil {
				t.Fatal("the old sign-in still works")
			}
		})
	})
}
