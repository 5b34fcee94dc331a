package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/totp"
)

const testIssuer = "https://idp.fixture.test"

// ssoAs is a verified identity at the fixture's provider.
func ssoAs(subject, email string, mut ...func(*store.SSOIdentity)) store.SSOIdentity {
	id := store.SSOIdentity{Issuer: testIssuer, Subject: subject, Email: email, EmailVerified: true, AMR: []string{"pwd"}}
	for _, m := range mut {
		m(&id)
	}
	return id
}

// lastFailure returns the detail of the newest failed sign-in event.
func lastFailure(t *testing.T, db *store.DB, f *storetest.Fixture) goldthread.AuditEvent {
	t.Helper()
	evs, err := db.AuditEvents(context.Background(), f.Auditor, store.AuditFilter{Action: goldthread.ActionSignInFailed, Limit: 1})
	if err != nil || len(evs) == 0 {
		t.Fatalf("no failed sign-in audited: %v", err)
	}
	return evs[0]
}

func TestSSOState(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		refused := func(t *testing.T, state string) {
			t.Helper()
			if n, v, err := db.TakeSSOState(ctx, state); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED || n != "" || v != "" {
				t.Fatalf("got %q %q %v; want EUNAUTHORIZED and nothing", n, v, err)
			}
		}
		t.Run("StateGivesBackItsNonceAndVerifierOnce", func(t *testing.T) {
			state, nonce, verifier, err := db.StartSSO(ctx, "192.0.2.5")
			if err != nil || len(state) < 43 || len(nonce) < 43 || len(verifier) < 43 || state == nonce || nonce == verifier {
				t.Fatalf("%q %q %q %v", state, nonce, verifier, err)
			}
			n, v, err := db.TakeSSOState(ctx, state)
			if err != nil || n != nonce || v != verifier {
				t.Fatalf("took %q %q %v", n, v, err)
			}
			refused(t, state)
		})
		t.Run("StateExpiresAfterTenMinutes", func(t *testing.T) {
			state, _, _, _ := db.StartSSO(ctx, "")
			clock.Advance(10*time.Minute + time.Second)
			refused(t, state)
		})
		t.Run("UnknownStateRefused", func(t *testing.T) {
			refused(t, "")
			refused(t, "made-up-state")
		})
		t.Run("OnlyTheHashOfTheStateIsKept", func(t *testing.T) {
			state, _, _, _ := db.StartSSO(ctx, "")
			if n := countRows(t, db, "SELECT COUNT(*) FROM sso_state WHERE state_hash = ? OR nonce = ? OR verifier = ?", state, state, state); n != 0 {
				t.Fatal("the raw state is in the database")
			}
		})
		t.Run("ExpiredStatesAreCleared", func(t *testing.T) {
			clock.Advance(time.Hour)
			db.StartSSO(ctx, "")
			if n := countRows(t, db, "SELECT COUNT(*) FROM sso_state"); n != 1 {
				t.Fatalf("%d states kept; want only the live one", n)
			}
		})
	})
}

func TestSignInSSO(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		pol := store.DefaultSessionPolicy
		const ip = "192.0.2.7"
		signIn := func(id store.SSOIdentity) (store.SignInStep, error) {
			return db.SignInSSO(ctx, f.Agency.Slug, id, ip, pol)
		}
		var generic string
		refused := func(t *testing.T, id store.SSOIdentity, reason string) goldthread.AuditEvent {
			t.Helper()
			users := countRows(t, db, "SELECT COUNT(*) FROM app_user")
			step, err := signIn(id)
			token := step.Token
			if goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED || token != "" {
				t.Fatalf("got token %q, %v; want EUNAUTHORIZED", token, err)
			}
			if generic == "" {
				generic = goldthread.ErrorMessage(err)
			}
			if goldthread.ErrorMessage(err) != generic {
				t.Errorf("message %q differs from %q: it tells the cases apart", goldthread.ErrorMessage(err), generic)
			}
			ev := lastFailure(t, db, f)
			if ev.Detail != reason || ev.IP != ip || ev.AgencyID != f.Agency.ID {
				t.Errorf("audited %+v; want reason %s", ev, reason)
			}
			if n := countRows(t, db, "SELECT COUNT(*) FROM app_user"); n != users {
				t.Error("a refused sign-in created an account")
			}
			if n := countRows(t, db, "SELECT COUNT(*) FROM sso_identity WHERE subject = ?", id.Subject); n != 0 {
				t.Error("a refused sign-in linked the identity")
			}
			return ev
		}

		// linkPat signs Pat in through the provider as subject sub-pat,
		// which links the subject on the first sign-in: the subtests that
		// need the link make it themselves.
		linkPat := func(t *testing.T) {
			t.Helper()
			if step, err := signIn(ssoAs("sub-pat", f.Emails[goldthread.RolePeer])); err != nil || step.Actor.UserID != f.Peer.UserID {
				t.Fatalf("Pat through the provider: %+v %v", step.Actor, err)
			}
		}
		t.Run("FirstSignInLinksByVerifiedEmail", func(t *testing.T) {
			step, err := signIn(ssoAs("sub-pat", "  PEER@Fixture.test ", func(id *store.SSOIdentity) { id.AMR = []string{"pwd", "mfa", "free text!"} }))
			token, actor := step.Token, step.Actor
			if err != nil || token == "" || actor.UserID != f.Peer.UserID {
				t.Fatalf("%q %+v %v", token, actor, err)
			}
			if a, err := db.Authenticate(ctx, token, store.SessionWeb, ip, pol); err != nil || a.UserID != f.Peer.UserID {
				t.Fatalf("the session does not work: %v", err)
			}
			if n := countRows(t, db, "SELECT COUNT(*) FROM sso_identity WHERE issuer = ? AND subject = ? AND user_id = ?", testIssuer, "sub-pat", f.Peer.UserID); n != 1 {
				t.Fatal("the identity was not linked")
			}
			signIns, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSignIn, ActorID: f.Peer.UserID, Limit: 1})
			if len(signIns) != 1 || signIns[0].Detail != "web sso amr=pwd,mfa" || signIns[0].IP != ip {
				t.Fatalf("sign-in audited as %+v", signIns)
			}
			links, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionCreate, ActorID: f.Peer.UserID})
			if len(links) == 0 || links[0].RecordType != "sso_identity" {
				t.Fatalf("the link was not audited: %+v", links)
			}
		})
		t.Run("LinkedSubjectSignsInAfterEmailChangesAtProvider", func(t *testing.T) {
			linkPat(t)
			clock.Advance(time.Hour)
			step, err := signIn(ssoAs("sub-pat", "pat.renamed@elsewhere.example", func(id *store.SSOIdentity) { id.EmailVerified = false }))
			actor := step.Actor
			if err != nil || actor.UserID != f.Peer.UserID {
				t.Fatalf("%+v %v", actor, err)
			}
			if n := countRows(t, db, "SELECT COUNT(*) FROM sso_identity WHERE subject = ? AND last_used_at > created_at", "sub-pat"); n != 1 {
				t.Error("last_used_at not kept")
			}
		})
		t.Run("AnotherSubjectWithALinkedPersonsEmailRefused", func(t *testing.T) {
			linkPat(t)
			ev := refused(t, ssoAs("sub-impostor", f.Emails[goldthread.RolePeer]), "sso_other_subject")
			if ev.ActorID != f.Peer.UserID {
				t.Errorf("audited against %d", ev.ActorID)
			}
		})
		t.Run("UnverifiedEmailRefused", func(t *testing.T) {
			refused(t, ssoAs("sub-sue", f.Emails[goldthread.RoleSupervisor], func(id *store.SSOIdentity) { id.EmailVerified = false }), "sso_unverified_email")
			refused(t, ssoAs("sub-sue", ""), "sso_unverified_email")
		})
		t.Run("UnknownEmailRefused", func(t *testing.T) {
			refused(t, ssoAs("sub-stranger", "stranger@fixture.test"), "sso_unknown_account")
		})
		t.Run("InactiveAccountRefusedAlike", func(t *testing.T) {
			if err := db.UpdateStaff(ctx, f.Admin, f.OtherPeer.UserID, store.StaffChange{Name: f.OtherPeer.Name, Roles: f.OtherPeer.Roles}); err != nil {
				t.Fatal(err)
			}
			ev := refused(t, ssoAs("sub-oli", "other@fixture.test"), "sso_inactive_account")
			if ev.ActorID != f.OtherPeer.UserID {
				t.Errorf("audited against %d", ev.ActorID)
			}
		})
		t.Run("LinkedAccountDeactivatedLaterRefused", func(t *testing.T) {
			if _, err := signIn(ssoAs("sub-bo", f.Emails[goldthread.RoleBilling])); err != nil {
				t.Fatal(err)
			}
			if err := db.UpdateStaff(ctx, f.Admin, f.Billing.UserID, store.StaffChange{Name: f.Billing.Name, Roles: f.Billing.Roles}); err != nil {
				t.Fatal(err)
			}
			if _, err := signIn(ssoAs("sub-bo", f.Emails[goldthread.RoleBilling])); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("a deactivated person signed in by subject: %v", err)
			}
			if ev := lastFailure(t, db, f); ev.Detail != "sso_inactive_account" {
				t.Errorf("audited %q", ev.Detail)
			}
		})
		t.Run("ParticipantAccountRefused", func(t *testing.T) {
			refused(t, ssoAs("sub-marcus", f.Emails[goldthread.RoleParticipant]), "sso_participant_account")
		})
		t.Run("AccountOfAnotherAgencyRefused", func(t *testing.T) {
			other, err := db.AgencyBySlug(ctx, "elsewhere")
			if err != nil {
				t.Fatal(err)
			}
			s := goldthread.Staff{AgencyID: other.ID, Email: "far@elsewhere.test", Name: "Far Staff", Roles: []goldthread.Role{goldthread.RolePeer}}
			if err := db.CreateStaff(ctx, &s, "x", 0); err != nil {
				t.Fatal(err)
			}
			ev := refused(t, ssoAs("sub-far", s.Email), "sso_unknown_account")
			if ev.ActorID != 0 {
				t.Error("the audit names an account of another agency")
			}
		})
		t.Run("SecondFactorStillApplies", func(t *testing.T) {
			secret := enrolTOTP(t, db, f.Clinician)
			clock.Advance(totp.Step) // the enrolment code's step is spent
			need, err := signIn(ssoAs("sub-cal", f.Emails[goldthread.RoleClinician]))
			if err != nil || !need.NeedsSecondStep() || need.Token != "" {
				t.Fatalf("got token %q, %v; want a second step and no session", need.Token, err)
			}
			code, _ := totp.CodeAt(secret, totp.StepAt(clock.T))
			token, actor, err := db.CompleteSignIn(ctx, need.Challenge, code, ip, pol)
			if err != nil || token == "" || actor.UserID != f.Clinician.UserID {
				t.Fatalf("second step: %v", err)
			}
			evs, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSignIn, ActorID: f.Clinician.UserID})
			if len(evs) == 0 || evs[0].Detail != "web sso mfa=totp" {
				t.Fatalf("the sign-in's audit should name both steps: %+v", evs)
			}
		})
	})
}
