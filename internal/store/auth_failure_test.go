package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/totp"
)

// countAudit counts audit events of actor with action and detail.
func countAudit(t *testing.T, db *store.DB, actorID int64, action, detail string) int {
	t.Helper()
	rows, err := db.QueryRaw(context.Background(), "SELECT COUNT(*) FROM audit_event WHERE actor_id = ? AND action = ? AND detail = ?", actorID, action, detail)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int
	rows.Next()
	if err := rows.Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func wantTooMany(t *testing.T, err error, field string) *store.TooManyAttempts {
	t.Helper()
	var tma *store.TooManyAttempts
	if !errors.As(err, &tma) || goldthread.ErrorKind(err) != goldthread.ETHROTTLED || goldthread.ErrorField(err) != field {
		t.Fatalf("got %v; want too many attempts on %q", err, field)
	}
	if tma.Wait <= 0 || tma.Wait > 15*time.Minute {
		t.Fatalf("wait %v; want within the 15-minute window", tma.Wait)
	}
	return tma
}

// TestWrongCodesLimitedPerAccount: an attacker who has the password gets
// ten wrong authenticator codes per fifteen minutes however many
// challenges (fresh sign-ins) they start; then even the right code waits,
// each refused attempt is audited, and the person's own sign-in works once
// the window has passed.
func TestWrongCodesLimitedPerAccount(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		pol := store.DefaultSessionPolicy
		email := f.Emails[goldthread.RoleClinician]
		secret := enrolTOTP(t, db, f.Clinician)
		enrolTOTP(t, db, f.Supervisor)
		clock.Advance(totp.Step)
		signIn := func(t *testing.T, email string) (string, error) { return passwordStep(db, email, "198.51.100.7") }
		var early string
		for i := range 10 {
			ch, err := signIn(t, email) // a new challenge every time, as the API makes
			if err != nil {
				t.Fatalf("sign-in %d: %v", i, err)
			}
			if i == 9 { // a challenge started before the limit, kept for later
				if early, err = signIn(t, email); err != nil {
					t.Fatal(err)
				}
			}
			if _, _, err := db.CompleteSignIn(ctx, ch, "000000", "198.51.100.7", pol); goldthread.ErrorField(err) != "code" || goldthread.ErrorKind(err) != goldthread.EINVALID {
				t.Fatalf("wrong code %d: %v", i, err)
			}
		}
		t.Run("NoNewChallengeAfterTenWrongCodes", func(t *testing.T) {
			_, err := signIn(t, email)
			wantTooMany(t, err, "code")
		})
		t.Run("EvenTheRightCodeWaits", func(t *testing.T) {
			code, _ := totp.CodeAt(secret, totp.StepAt(clock.T))
			_, _, err := db.CompleteSignIn(ctx, early, code, "198.51.100.7", pol)
			wantTooMany(t, err, "code")
		})
		t.Run("RefusalsAreAudited", func(t *testing.T) {
			before := countAudit(t, db, f.Clinician.UserID, goldthread.ActionSignInFailed, "too_many_codes")
			_, err := signIn(t, email)
			wantTooMany(t, err, "code")
			code, _ := totp.CodeAt(secret, totp.StepAt(clock.T))
			_, _, err = db.CompleteSignIn(ctx, early, code, "198.51.100.7", pol)
			wantTooMany(t, err, "code")
			if n := countAudit(t, db, f.Clinician.UserID, goldthread.ActionSignInFailed, "too_many_codes"); n != before+2 {
				t.Fatalf("%d too_many_codes events after two more refusals, %d before; want 2 more", n, before)
			}
			if n := countAudit(t, db, f.Clinician.UserID, goldthread.ActionSignInFailed, "wrong_code"); n != 10 {
				t.Fatalf("%d wrong_code events; want 10", n)
			}
		})
		t.Run("OtherAccountsUnaffected", func(t *testing.T) {
			if _, err := signIn(t, f.Emails[goldthread.RoleSupervisor]); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("SignsInAfterTheWindow", func(t *testing.T) {
			clock.Advance(15*time.Minute + time.Second)
			ch, err := signIn(t, email)
			if err != nil {
				t.Fatal(err)
			}
			code, _ := totp.CodeAt(secret, totp.StepAt(clock.T))
			if _, _, err := db.CompleteSignIn(ctx, ch, code, "198.51.100.7", pol); err != nil {
				t.Fatal(err)
			}
		})
	})
}

// TestPasswordGivenAgainIsLimited: wrong passwords given again (to sign,
// turn off the app, remove a passkey or change the password) count
// together per account, ten in fifteen minutes; then nothing is checked,
// even the right password waits, and the refusal is audited.
func TestPasswordGivenAgainIsLimited(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		peer := e.f.Peer
		n := e.draft(t)
		for i := range 10 {
			var err error
			switch i % 3 {
			case 0:
				_, _, err = db.SignNote(ctx, peer, n.ID, store.SignNoteInput{Password: "guess", Attestation: "I attest.", Version: n.Version})
				wantKind(t, err, goldthread.EUNAUTHORIZED, "password")
			case 1:
				err = db.DisableTOTP(ctx, peer, "guess")
				wantKind(t, err, goldthread.EINVALID, "password")
			case 2:
				err = db.SetPassword(ctx, peer, peer.UserID, "guess", "a brand new passphrase 2026", cheap)
				wantKind(t, err, goldthread.EINVALID, "current_password")
			}
		}
		t.Run("RightPasswordWaits", func(t *testing.T) {
			_, _, err := db.SignNote(ctx, peer, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: n.Version})
			wantTooMany(t, err, "password")
			err = db.SetPassword(ctx, peer, peer.UserID, storetest.Password, "a brand new passphrase 2026", cheap)
			wantTooMany(t, err, "current_password")
			if got, _ := db.Note(ctx, peer, n.ID); got.Status != goldthread.NoteDraft {
				t.Fatal("a locked account signed")
			}
		})
		t.Run("Audited", func(t *testing.T) {
			refusals := func() int {
				return countAudit(t, db, peer.UserID, goldthread.ActionSign, "too_many_attempts") +
					countAudit(t, db, peer.UserID, goldthread.ActionUpdate, "too_many_attempts")
			}
			before := refusals()
			_, _, err := db.SignNote(ctx, peer, n.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: n.Version})
			wantTooMany(t, err, "password")
			wantTooMany(t, db.SetPassword(ctx, peer, peer.UserID, storetest.Password, "a brand new passphrase 2026", cheap), "current_password")
			if got := refusals(); got != before+2 {
				t.Fatalf("%d refusals audited after two more, %d before; want 2 more", got, before)
			}
		})
		t.Run("OthersUnaffected", func(t *testing.T) {
			if err := db.SetPassword(ctx, e.f.OtherPeer, e.f.OtherPeer.UserID, storetest.Password, "a brand new passphrase 2026", cheap); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("AfterTheWindow", func(t *testing.T) {
			e.clock.Advance(15*time.Minute + time.Second)
			e.mustSign(t, n)
		})
	})
}

// TestParallelGuessesCountedExactly: forty wrong passwords sent at once
// from one account are checked one at a time, so exactly ten are hashed
// and counted and thirty are refused unchecked.
func TestParallelGuessesCountedExactly(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		peer := f.Peer
		var wg sync.WaitGroup
		var mu sync.Mutex
		kinds := map[string]int{}
		for range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := db.SetPassword(ctx, peer, peer.UserID, "guess", "a brand new passphrase 2026", cheap)
				mu.Lock()
				kinds[goldthread.ErrorKind(err)]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		if kinds[goldthread.EINVALID] != 10 || kinds[goldthread.ETHROTTLED] != 30 {
			t.Fatalf("answers %v; want 10 wrong and 30 refused unchecked", kinds)
		}
	})
}

// passwordStep signs in with the fixture password and returns the
// challenge of the second step, or the error that refused the password.
func passwordStep(db *store.DB, email, ip string) (string, error) {
	step, err := db.SignIn(context.Background(), email, storetest.Password, ip, store.SessionAPI, store.DefaultSessionPolicy)
	return step.Challenge, err
}
