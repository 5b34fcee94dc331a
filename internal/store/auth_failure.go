package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
)

// Kinds of failed checks counted per account in auth_failure.
const (
	failSecondFactor = "second_factor" // a wrong authenticator code at sign-in
	failReauth       = "reauth"        // a wrong password given again to sign or change a setting
)

// An account allows authFailureCeiling failures of one kind within
// authFailureWindow; past that every try of that kind waits until the
// oldest failure leaves the window. The person who knows the password (or
// holds the session) is the one slowed, so counting per account locks out
// no stranger.
const (
	authFailureWindow  = 15 * time.Minute
	authFailureCeiling = 10
)

// TooManyAttempts is returned when an account has failed a check too
// often within the window: nothing was checked, and the caller may try
// again after Wait. It unwraps to an ETHROTTLED *goldthread.Error whose
// message says so, naming field.
type TooManyAttempts struct {
	Wait time.Duration
	err  *goldthread.Error
}

func (e *TooManyAttempts) Error() string { return e.err.Error() }
func (e *TooManyAttempts) Unwrap() error { return e.err }

func tooManyAttempts(wait time.Duration, field, what string) *TooManyAttempts {
	minutes := int(wait.Minutes()) + 1
	// Two whole sentences rather than one with the word filled in, so each
	// translates as a sentence.
	if what == "codes" {
		return &TooManyAttempts{Wait: wait, err: goldthread.ErrorAbout(goldthread.ETHROTTLED, field,
			"Too many wrong codes in a short time. Wait about %d %{minute|minutes}, then try again.", minutes)}
	}
	return &TooManyAttempts{Wait: wait, err: goldthread.ErrorAbout(goldthread.ETHROTTLED, field,
		"Too many wrong passwords in a short time. Wait about %d %{minute|minutes}, then try again.", minutes)}
}

// authFailureWait returns how long userID must wait before another check
// of kind: zero while its failures of the window stay under the ceiling.
func authFailureWait(ctx context.Context, tx *Tx, now time.Time, userID int64, kind string) (time.Duration, error) {
	// The ceiling-th newest failure of the window: while it exists the
	// account is at its ceiling, until it leaves the window.
	var nth time.Time
	err := tx.QueryRow(ctx, "SELECT failed_at FROM auth_failure WHERE user_id = ? AND kind = ? AND failed_at > ? ORDER BY failed_at DESC LIMIT 1 OFFSET ?",
		userID, kind, now.Add(-authFailureWindow), authFailureCeiling-1).Scan(&nth)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store.authFailureWait: %w", err)
	}
	return max(nth.Add(authFailureWindow).Sub(now), time.Second), nil
}

// recordAuthFailure counts one failure of kind against userID.
func recordAuthFailure(ctx context.Context, tx *Tx, userID int64, kind, ip string) error {
	_, err := tx.insert(ctx, "INSERT INTO auth_failure (user_id, kind, ip, failed_at) VALUES (?, ?, ?, ?)", userID, kind, ip, tx.now)
	if err != nil {
		return fmt.Errorf("store.recordAuthFailure: %w", err)
	}
	return nil
}

// reauthenticate checks the password the actor gave again (pw, against
// their stored hash) and returns nil when it is right. A wrong one is
// counted against the account and audited as ev with outcome failure and
// detail reason, in one transaction, and answered with wrong. Past the
// account's allowance nothing is hashed: the attempt is audited with
// detail "too_many_attempts" and *TooManyAttempts returned. Checks of one
// account run one at a time (accountGate), so a burst of parallel guesses
// takes one slot of the shared hashing pool and is counted exactly.
func (db *DB) reauthenticate(ctx context.Context, actor goldthread.Actor, pw, hash string, ev goldthread.AuditEvent, reason string, wrong error) error {
	release, err := db.gate.enter(ctx, actor.UserID)
	if err != nil {
		return err
	}
	defer release()
	var wait time.Duration
	err = db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		wait, err = authFailureWait(ctx, tx, db.now(), actor.UserID, failReauth)
		return err
	})
	if err != nil {
		return err
	}
	if wait == 0 {
		if ok, err := password.Check(pw, hash); err == nil && ok {
			return nil
		}
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		ev.Outcome, ev.Detail = goldthread.OutcomeFailure, reason
		if wait > 0 {
			ev.Detail = "too_many_attempts"
			return tx.Audit(ctx, ev)
		}
		if err := recordAuthFailure(ctx, tx, actor.UserID, failReauth, actor.IP); err != nil {
			return err
		}
		return tx.Audit(ctx, ev)
	})
	if err != nil {
		return err
	}
	if wait > 0 {
		return tooManyAttempts(wait, goldthread.ErrorField(wrong), "passwords")
	}
	return wrong
}

// accountGate lets one password check of an account run at a time; the
// others wait their turn (or their context). Argon2id is costly on
// purpose and the hashing pool is shared by everyone signing in.
type accountGate struct {
	mu   sync.Mutex
	busy map[int64]chan struct{}
}

// enter waits for userID's turn and returns the function that ends it.
func (g *accountGate) enter(ctx context.Context, userID int64) (func(), error) {
	for {
		g.mu.Lock()
		if g.busy == nil {
			g.busy = map[int64]chan struct{}{}
		}
		done, taken := g.busy[userID]
		if !taken {
			done = make(chan struct{})
			g.busy[userID] = done
			g.mu.Unlock()
			return func() {
				g.mu.Lock()
				delete(g.busy, userID)
				g.mu.Unlock()
				close(done)
			}, nil
		}
		g.mu.Unlock()
		select {
		case <-done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
