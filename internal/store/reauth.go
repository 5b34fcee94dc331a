package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// ReauthPrefix marks a re-authentication secret that is a passkey proof
// rather than a typed password. A password field cannot carry the NUL
// byte, so no real password is ever taken for a proof.
const ReauthPrefix = "\x00passkey:"

// reauthLife is how long a passkey proof stands in for the password: the
// time between the fingerprint and the tap on Sign.
const reauthLife = 2 * time.Minute

// IssueReauthProof records that the signed-in actor just proved who they
// are with a passkey and returns a proof token, usable once within two
// minutes wherever the password is asked again (ReauthPrefix + token).
func (db *DB) IssueReauthProof(ctx context.Context, actor goldthread.Actor) (string, error) {
	token, hash, err := newToken()
	if err != nil {
		return "", err
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		_, err := tx.insert(ctx, "INSERT INTO reauth_proof (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
			hash, actor.UserID, tx.now, tx.now.Add(reauthLife))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("store.IssueReauthProof: %w", err)
	}
	return token, nil
}

// takeReauthProof spends a proof of the actor's; false when it is unknown,
// someone else's, spent or expired.
func (db *DB) takeReauthProof(ctx context.Context, actor goldthread.Actor, token string) (bool, error) {
	var ok bool
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var id, owner int64
		var expires time.Time
		var used sql.NullTime
		err := tx.QueryRow(ctx, "SELECT id, user_id, expires_at, used_at FROM reauth_proof WHERE token_hash = ?", hashToken(token)).
			Scan(&id, &owner, &expires, &used)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if owner != actor.UserID || used.Valid || !tx.now.Before(expires) {
			return nil
		}
		if _, err := tx.Exec(ctx, "UPDATE reauth_proof SET used_at = ? WHERE id = ?", tx.now, id); err != nil {
			return err
		}
		ok = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store.takeReauthProof: %w", err)
	}
	return ok, nil
}

// reauthProof splits a re-authentication secret into a passkey proof when
// it is one.
func reauthProof(secret string) (string, bool) {
	return strings.CutPrefix(secret, ReauthPrefix)
}
