package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/totp"
)

func rawSecret(t *testing.T, db *store.DB, userID int64) string {
	t.Helper()
	rows, err := db.QueryRaw(context.Background(), "SELECT totp_secret FROM app_user WHERE id = ?", userID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var s string
	rows.Next()
	rows.Scan(&s)
	return s
}

// TestTOTPSecretSealedAtRest: the authenticator-app secret is kept sealed
// with the operator's key, never as typed into the app; a secret kept in
// plain text before is sealed at start and still signs in; a database
// opened with another key cannot use the sealed secrets.
func TestTOTPSecretSealedAtRest(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		secret := enrolTOTP(t, db, f.Clinician)
		t.Run("NotInPlainText", func(t *testing.T) {
			if raw := rawSecret(t, db, f.Clinician.UserID); !strings.HasPrefix(raw, "gcm1:") || strings.Contains(raw, secret) {
				t.Fatalf("stored %q for secret %q", raw, secret)
			}
		})
		signIn := func(t *testing.T, email, secret string) error {
			t.Helper()
			clock.Advance(totp.Step)
			challenge, err := passwordStep(db, email, "192.0.2.1")
			if err != nil {
				t.Fatalf("sign-in: %v", err)
			}
			code, _ := totp.CodeAt(secret, totp.StepAt(clock.T))
			_, _, err = db.CompleteSignIn(ctx, challenge, code, "192.0.2.1", store.DefaultSessionPolicy)
			return err
		}
		t.Run("OlderPlainSecretSealedAtStart", func(t *testing.T) {
			plain, _ := totp.NewSecret()
			if _, err := db.ExecRaw(ctx, "UPDATE app_user SET totp_secret = ?, totp_enabled = ?, totp_last_step = 0 WHERE id = ?", plain, true, f.Supervisor.UserID); err != nil {
				t.Fatal(err)
			}
			if n, err := db.SealStoredSecrets(ctx); err != nil || n != 1 {
				t.Fatalf("sealed %d (%v); want 1", n, err)
			}
			if raw := rawSecret(t, db, f.Supervisor.UserID); strings.Contains(raw, plain) {
				t.Fatal("still in plain text")
			}
			if err := signIn(t, f.Emails[goldthread.RoleSupervisor], plain); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("AnotherKeyOpensNothing", func(t *testing.T) {
			if err := db.SetSecretKey(store.NewSecretKey()); err != nil {
				t.Fatal(err)
			}
			if err := signIn(t, f.Emails[goldthread.RoleClinician], secret); err == nil {
				t.Fatal("a sealed secret opened with another key")
			}
		})
	})
}

// TestTurningOnTOTPNeedsThePassword: someone holding only a session cannot
// bind the account to their own phone; with the password the app is on,
// and every other session of the account ends (this one stays).
func TestTurningOnTOTPNeedsThePassword(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		pol := store.DefaultSessionPolicy
		email := f.Emails[goldthread.RolePeer]
		step, err := db.SignIn(ctx, email, storetest.Password, "192.0.2.1", store.SessionWeb, pol)
		thisToken, here := step.Token, step.Actor
		if err != nil {
			t.Fatal(err)
		}
		step, _ = db.SignIn(ctx, email, storetest.Password, "192.0.2.1", store.SessionWeb, pol)
		hereToken := step.Token
		step, err = db.SignIn(ctx, email, storetest.Password, "198.51.100.9", store.SessionAPI, pol)
		other := step.Token
		if err != nil {
			t.Fatal(err)
		}
		secret, _, err := db.StartTOTP(ctx, here, "Goldthread")
		if err != nil {
			t.Fatal(err)
		}
		code, _ := totp.CodeAt(secret, totp.StepAt(db.Now()))
		t.Run("WrongPasswordRefused", func(t *testing.T) {
			wantKind(t, db.ConfirmTOTP(ctx, here, "guess", code), goldthread.EINVALID, "password")
			if on, _ := db.TOTPOn(ctx, here); on {
				t.Fatal("turned on without the password")
			}
		})
		t.Run("OnAndOtherSessionsEnded", func(t *testing.T) {
			if err := db.ConfirmTOTP(ctx, here, storetest.Password, code); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Authenticate(ctx, other, store.SessionAPI, "", pol); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("the other session lives on: %v", err)
			}
			if _, err := db.Authenticate(ctx, hereToken, store.SessionWeb, "", pol); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("another browser session lives on: %v", err)
			}
			if _, err := db.Authenticate(ctx, thisToken, store.SessionWeb, "", pol); err != nil {
				t.Fatalf("the session that turned it on ended: %v", err)
			}
		})
	})
}
