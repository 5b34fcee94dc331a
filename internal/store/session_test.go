package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func TestSignIn(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		pol := store.DefaultSessionPolicy
		email := f.Emails[goldthread.RolePeer]

		t.Run("OK", func(t *testing.T) {
			step, err := db.SignIn(ctx, "  PEER@Fixture.test ", storetest.Password, "192.0.2.1", store.SessionWeb, pol)
			token, actor := step.Token, step.Actor
			if err != nil || token == "" {
				t.Fatalf("sign in: %v", err)
			}
			if actor.UserID != f.Peer.UserID || !actor.Has(goldthread.RolePeer) {
				t.Fatalf("actor = %+v", actor)
			}
			got, err := db.Authenticate(ctx, token, store.SessionWeb, "192.0.2.1", pol)
			if err != nil || got.UserID != f.Peer.UserID || got.SessionID == 0 {
				t.Fatalf("authenticate = %+v, %v", got, err)
			}
		})
		t.Run("ErrWrongPasswordAndUnknownEmailLookAlike", func(t *testing.T) {
			_, errPw := db.SignIn(ctx, email, "wrong", "192.0.2.1", store.SessionWeb, pol)
			_, errEmail := db.SignIn(ctx, "nobody@fixture.test", storetest.Password, "192.0.2.1", store.SessionWeb, pol)
			if goldthread.ErrorKind(errPw) != goldthread.EUNAUTHORIZED || errPw.Error() != errEmail.Error() {
				t.Fatalf("wrong password %v; unknown email %v: want one identical EUNAUTHORIZED", errPw, errEmail)
			}
		})
		t.Run("FailuresAreAudited", func(t *testing.T) {
			if _, err := db.SignIn(ctx, email, "wrong", "192.0.2.1", store.SessionWeb, pol); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("wrong password: %v", err)
			}
			evs, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSignInFailed})
			if err != nil || len(evs) < 1 {
				t.Fatalf("failed sign-ins audited: %d, %v", len(evs), err)
			}
			for _, ev := range evs {
				if ev.Outcome != goldthread.OutcomeFailure || ev.IP != "192.0.2.1" {
					t.Fatalf("event %+v", ev)
				}
			}
		})
		t.Run("TokenIsStoredHashed", func(t *testing.T) {
			step, err := db.SignIn(ctx, email, storetest.Password, "", store.SessionWeb, pol)
			token := step.Token
			if err != nil {
				t.Fatal(err)
			}
			rows, err := db.QueryRaw(ctx, "SELECT COUNT(*) FROM user_session WHERE token_hash = ?", token)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var n int
			for rows.Next() {
				rows.Scan(&n)
			}
			if n != 0 {
				t.Fatal("the raw token is stored in the database")
			}
		})
		t.Run("IdleSessionEnds", func(t *testing.T) {
			step, _ := db.SignIn(ctx, email, storetest.Password, "", store.SessionWeb, pol)
			token := step.Token
			clock.Advance(10 * time.Minute)
			if _, err := db.Authenticate(ctx, token, store.SessionWeb, "", pol); err != nil {
				t.Fatalf("active after 10 min: %v", err)
			}
			clock.Advance(16 * time.Minute)
			if _, err := db.Authenticate(ctx, token, store.SessionWeb, "", pol); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("after 16 idle minutes err = %v; want EUNAUTHORIZED", err)
			}
			clock.Advance(-16 * time.Minute) // an idle session stays ended
			if _, err := db.Authenticate(ctx, token, store.SessionWeb, "", pol); err == nil {
				t.Fatal("an idle-ended session came back")
			}
		})
		t.Run("AbsoluteLifetimeEnds", func(t *testing.T) {
			step, _ := db.SignIn(ctx, email, storetest.Password, "", store.SessionWeb, pol)
			token := step.Token
			for i := 0; i < 13*4; i++ { // active every 15 minutes for 13 hours
				clock.Advance(14 * time.Minute)
				if _, err := db.Authenticate(ctx, token, store.SessionWeb, "", pol); err != nil {
					if i*14 < 12*60-14 {
						t.Fatalf("ended early after %d min: %v", (i+1)*14, err)
					}
					return
				}
			}
			t.Fatal("session outlived its absolute lifetime")
		})
		t.Run("SignOutRevokes", func(t *testing.T) {
			step, _ := db.SignIn(ctx, email, storetest.Password, "", store.SessionWeb, pol)
			token, actor := step.Token, step.Actor
			if err := db.SignOut(ctx, actor); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Authenticate(ctx, token, store.SessionWeb, "", pol); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("after sign-out err = %v", err)
			}
		})
		t.Run("WebTokenIsNotAnAPIToken", func(t *testing.T) {
			step, _ := db.SignIn(ctx, email, storetest.Password, "", store.SessionWeb, pol)
			token := step.Token
			if _, err := db.Authenticate(ctx, token, store.SessionAPI, "", pol); err == nil {
				t.Fatal("a cookie session authenticated the API")
			}
		})
		t.Run("AdministratorRevokesAll", func(t *testing.T) {
			step, err := db.SignIn(ctx, email, storetest.Password, "", store.SessionAPI, pol)
			token := step.Token
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Authenticate(ctx, token, store.SessionAPI, "", pol); err != nil {
				t.Fatalf("before revoking: %v", err)
			}
			if _, err := db.RevokeSessions(ctx, f.OtherPeer, f.Peer.UserID); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("a peer revoked another's sessions: %v", err)
			}
			if n, err := db.RevokeSessions(ctx, f.Admin, f.Peer.UserID); err != nil || n == 0 {
				t.Fatalf("revoke: %d, %v", n, err)
			}
			if _, err := db.Authenticate(ctx, token, store.SessionAPI, "", pol); err == nil {
				t.Fatal("a revoked session still works")
			}
		})
	})
}
