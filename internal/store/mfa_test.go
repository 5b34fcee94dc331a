package store_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/totp"
)

// enrolTOTP turns TOTP on for actor and returns the secret.
func enrolTOTP(t *testing.T, db *store.DB, actor goldthread.Actor) string {
	t.Helper()
	ctx := context.Background()
	secret, uri, err := db.StartTOTP(ctx, actor, "Goldthread")
	if err != nil {
		t.Fatal(err)
	}
	if u, err := url.Parse(uri); err != nil || u.Query().Get("secret") != secret {
		t.Fatalf("uri %s", uri)
	}
	if err := db.ConfirmTOTP(ctx, actor, storetest.Password, "000000"); goldthread.ErrorField(err) != "code" {
		code, _ := totp.CodeAt(secret, totp.StepAt(db.Now()))
		if code != "000000" {
			t.Fatalf("a wrong code turned TOTP on: %v", err)
		}
	}
	code, _ := totp.CodeAt(secret, totp.StepAt(db.Now()))
	if err := db.ConfirmTOTP(ctx, actor, storetest.Password, code); err != nil {
		t.Fatal(err)
	}
	return secret
}

func TestTOTPSignIn(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		pol := store.DefaultSessionPolicy
		email := f.Emails[goldthread.RoleClinician]
		secret := enrolTOTP(t, db, f.Clinician)
		clock.Advance(totp.Step) // the enrolment code's step is spent

		signIn := func(t *testing.T) string {
			t.Helper()
			step, err := db.SignIn(ctx, email, storetest.Password, "192.0.2.5", store.SessionWeb, pol)
			if err != nil || !step.NeedsSecondStep() || step.Token != "" {
				t.Fatalf("password alone gave token %q, err %v; want a second step and no session", step.Token, err)
			}
			return step.Challenge
		}
		t.Run("PasswordAloneOpensNoSession", func(t *testing.T) { signIn(t) })
		t.Run("WrongCodeRefusedAndAudited", func(t *testing.T) {
			ch := signIn(t)
			if _, _, err := db.CompleteSignIn(ctx, ch, "12345x", "192.0.2.5", pol); goldthread.ErrorField(err) != "code" {
				t.Fatalf("err = %v", err)
			}
			evs, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSignInFailed, ActorID: f.Clinician.UserID})
			if len(evs) == 0 || evs[0].Detail != "wrong_code" {
				t.Fatalf("not audited: %+v", evs)
			}
		})
		var used string
		t.Run("CodeOpensSession", func(t *testing.T) {
			ch := signIn(t)
			used, _ = totp.CodeAt(secret, totp.StepAt(clock.T))
			token, actor, err := db.CompleteSignIn(ctx, ch, used, "192.0.2.5", pol)
			if err != nil || token == "" || !actor.MFAEnabled {
				t.Fatalf("%v %+v", err, actor)
			}
			if _, err := db.Authenticate(ctx, token, store.SessionWeb, "", pol); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("CodeWorksOnce", func(t *testing.T) {
			ch := signIn(t)
			if _, _, err := db.CompleteSignIn(ctx, ch, used, "192.0.2.5", pol); err == nil {
				t.Fatal("a code was accepted twice")
			}
		})
		t.Run("ChallengeExpires", func(t *testing.T) {
			ch := signIn(t)
			clock.Advance(6 * time.Minute)
			code, _ := totp.CodeAt(secret, totp.StepAt(clock.T))
			if _, _, err := db.CompleteSignIn(ctx, ch, code, "", pol); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED || goldthread.ErrorField(err) != "" {
				t.Fatalf("a stale challenge worked: %v", err)
			}
		})
		t.Run("FiveWrongCodesEndTheChallenge", func(t *testing.T) {
			clock.Advance(totp.Step)
			ch := signIn(t)
			for i := 0; i < 5; i++ {
				db.CompleteSignIn(ctx, ch, "999999x", "", pol)
			}
			code, _ := totp.CodeAt(secret, totp.StepAt(clock.T))
			if _, _, err := db.CompleteSignIn(ctx, ch, code, "", pol); err == nil {
				t.Fatal("guessing went on past five codes")
			}
		})
	})
}

func TestMFAPolicy(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		pol := store.DefaultSessionPolicy
		if err := db.SetMFAPolicy(ctx, f.Supervisor, []goldthread.Role{goldthread.RoleBilling}); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("a supervisor set the policy: %v", err)
		}
		if err := db.SetMFAPolicy(ctx, f.Admin, []goldthread.Role{goldthread.RoleBilling}); err != nil {
			t.Fatal(err)
		}
		step, err := db.SignIn(ctx, f.Emails[goldthread.RoleBilling], storetest.Password, "", store.SessionWeb, pol)
		billing := step.Actor
		if err != nil || !billing.MFARequired || billing.MFAEnabled {
			t.Fatalf("%v %+v; want required and not enabled", err, billing)
		}
		step, _ = db.SignIn(ctx, f.Emails[goldthread.RolePeer], storetest.Password, "", store.SessionWeb, pol)
		peer := step.Actor
		if peer.MFARequired {
			t.Fatal("the policy reached a role it does not name")
		}
		enrolTOTP(t, db, billing)
		billing.MFAEnabled = true
		if err := db.DisableTOTP(ctx, billing, storetest.Password); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("required TOTP was turned off: %v", err)
		}
	})
}

func TestBreakGlass(t *testing.T) {
	ctx := context.Background()
	reason := "Tom called the crisis line; his peer is off tonight and I am on call."
	// onCall signs the fixture's peer in on a database of the subtest's
	// own, on a clock of its own, and returns the fixture, the clock and
	// the peer as the session authenticates them now.
	onCall := func(t *testing.T, db *store.DB) (*storetest.Fixture, *storetest.Clock, func() goldthread.Actor) {
		t.Helper()
		f := storetest.MustFixture(t, db)
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 22, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		pol := store.SessionPolicy{Idle: 24 * time.Hour, Absolute: 24 * time.Hour}
		step, err := db.SignIn(ctx, f.Emails[goldthread.RolePeer], storetest.Password, "", store.SessionWeb, pol)
		if err != nil {
			t.Fatal(err)
		}
		return f, clock, func() goldthread.Actor {
			a, err := db.Authenticate(ctx, step.Token, store.SessionWeb, "", pol)
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
	}
	t.Run("ErrReasonRequired", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			_, _, actor := onCall(t, db)
			if _, err := db.BreakGlass(ctx, actor(), "900000003Q", "Others", "need it"); goldthread.ErrorField(err) != "reason" {
				t.Fatalf("err = %v", err)
			}
		})
	})
	t.Run("ErrNoMatchRevealsNothing", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			_, _, actor := onCall(t, db)
			if _, err := db.BreakGlass(ctx, actor(), "900000001Q", "Nobody", reason); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
	})
	t.Run("ErrBillingHasNoEmergencyAccess", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, _, _ := onCall(t, db)
			if _, err := db.BreakGlass(ctx, f.Billing, "900000003Q", "Others", reason); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
		})
	})
	t.Run("GrantOpensTheRecordForFourHours", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, clock, actor := onCall(t, db)
			if _, err := db.Participant(ctx, actor(), f.Others.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("reached before the grant: %v", err)
			}
			pid, err := db.BreakGlass(ctx, actor(), "900000003q", "others", reason)
			if err != nil || pid != f.Others.ID {
				t.Fatalf("%d %v", pid, err)
			}
			if _, err := db.Participant(ctx, actor(), f.Others.ID); err != nil {
				t.Fatalf("not reached with a grant: %v", err)
			}
			clock.Advance(4*time.Hour + time.Minute)
			if _, err := db.Participant(ctx, actor(), f.Others.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("the grant outlived four hours: %v", err)
			}
		})
	})
	t.Run("SupervisorSeesTheTeamsGrants", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f, clock, actor := onCall(t, db)
			if _, err := db.BreakGlass(ctx, actor(), "900000003Q", "Others", reason); err != nil {
				t.Fatal(err)
			}
			gs, err := db.EmergencyGrants(ctx, f.Supervisor, clock.T.Add(-24*time.Hour))
			if err != nil || len(gs) != 1 || gs[0].UserID != f.Peer.UserID || gs[0].Reason != reason {
				t.Fatalf("%v %+v", err, gs)
			}
			if _, err := db.EmergencyGrants(ctx, f.Peer, time.Time{}); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatal("a peer reviewed emergency access")
			}
		})
	})
	t.Run("GrantsAreAppendOnly", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			_, _, actor := onCall(t, db)
			if _, err := db.BreakGlass(ctx, actor(), "900000003Q", "Others", reason); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecRaw(ctx, "DELETE FROM emergency_access"); err == nil {
				t.Fatal("an emergency grant was deleted")
			}
		})
	})
}
