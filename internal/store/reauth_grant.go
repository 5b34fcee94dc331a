package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/goldthread/goldthread"
)

// ReauthGrantLife is how long one re-authentication covers the person's
// signatures in the same session: long enough to sign the notes of a
// morning's visits one after another, short enough that a phone left
// unlocked does not sign for long. The session's own idle and absolute
// limits end it sooner.
const ReauthGrantLife = 5 * time.Minute

// GrantReauth re-authenticates the signed-in actor once — their password,
// or ReauthPrefix and a passkey proof — and returns a grant that stands in
// for it on their note signatures in this session until expires. The
// password check is the one every signature uses (reauthenticate): a
// wrong password is counted in auth_failure and audited, past the
// account's allowance the answer is *TooManyAttempts and nothing is
// hashed. Issuing the grant is audited. Returns EUNAUTHORIZED on field
// "password" for a wrong password, EINVALID when none is given or the
// request has no session.
func (db *DB) GrantReauth(ctx context.Context, actor goldthread.Actor, pw string) (grant string, expires time.Time, err error) {
	if pw == "" {
		return "", time.Time{}, goldthread.FieldError("password", "Enter your password to sign.")
	}
	if actor.SessionID == 0 {
		return "", time.Time{}, goldthread.Errorf(goldthread.EINVALID, "A re-authentication grant belongs to a signed-in session.")
	}
	if err := db.checkPassword(ctx, actor, pw, actor.SessionID, 0, "reauth_grant"); err != nil {
		return "", time.Time{}, err
	}
	token, hash, err := newToken()
	if err != nil {
		return "", time.Time{}, err
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		expires = tx.now.Add(ReauthGrantLife)
		id, err := tx.insert(ctx, "INSERT INTO reauth_grant (token_hash, user_id, session_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
			hash, actor.UserID, actor.SessionID, tx.now, expires)
		if err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionCreate, "reauth_grant", id, 0)
		ev.Detail = "session=" + fmt.Sprint(actor.SessionID)
		return tx.Audit(ctx, ev)
	})
	if err != nil {
		return "", time.Time{}, fmt.Errorf("store.GrantReauth: %w", err)
	}
	return token, expires, nil
}

// checkGrant accepts a grant of the actor's in this session that has not
// run out; it only reads, so a signature covered by a grant costs no hash
// and no extra commit. A grant refused is audited as a failed signature
// (detail "reauth_grant_refused") and answered EUNAUTHORIZED on
// "password"; it is not counted in auth_failure, since a grant is a
// 256-bit random token no one guesses, as with passkey proofs.
func (db *DB) checkGrant(ctx context.Context, actor goldthread.Actor, grant string, recordID, participantID int64, what string) error {
	var owner, session int64
	var expires time.Time
	err := db.readRow(ctx, "SELECT user_id, session_id, expires_at FROM reauth_grant WHERE token_hash = ?", []any{hashToken(grant)},
		&owner, &session, &expires)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store.checkGrant: %w", err)
	}
	if err == nil && owner == actor.UserID && session == actor.SessionID && db.now().Before(expires) {
		return nil
	}
	ev := auditFor(actor, goldthread.ActionSign, what, recordID, participantID)
	ev.Outcome, ev.Detail = goldthread.OutcomeFailure, "reauth_grant_refused"
	if err := db.WriteTx(ctx, func(tx *Tx) error { return tx.Audit(ctx, ev) }); err != nil {
		return err
	}
	return &goldthread.Error{Kind: goldthread.EUNAUTHORIZED, Field: "password",
		Message: "Your re-authentication has run out. Type your password again to sign."}
}
