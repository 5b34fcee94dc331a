package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldthread/goldthread"
)

// StoredPasskey is a passkey as the verifier needs it: its credential id,
// its record (public key, flags, counter; opaque JSON) and its counter.
type StoredPasskey struct {
	ID        []byte
	Record    []byte
	SignCount uint32
}

// PasskeyHolder is a person as an authenticator sees them: their random
// handle, email, name and live passkeys.
type PasskeyHolder struct {
	UserID   int64
	AgencyID int64
	Handle   []byte
	Email    string
	Name     string
	Passkeys []StoredPasskey
}

var errPasskeySignIn = goldthread.Errorf(goldthread.EUNAUTHORIZED, "That passkey did not sign you in. Try again, or sign in with your email and password.")

// PasskeyHolderFor returns the person userID with their live passkeys,
// giving them a random handle the first time. It is read on every passkey
// page and ceremony, so it takes the writer only for that first time.
func (db *DB) PasskeyHolderFor(ctx context.Context, userID int64) (PasskeyHolder, error) {
	var h PasskeyHolder
	read := func(tx *Tx) (string, error) {
		var handle string
		err := tx.QueryRow(ctx, "SELECT id, agency_id, webauthn_handle, email, name FROM app_user WHERE id = ? AND active = ?", userID, true).
			Scan(&h.UserID, &h.AgencyID, &handle, &h.Email, &h.Name)
		if err != nil {
			return "", notFound(err, "That account is not active.")
		}
		if handle != "" {
			h.Handle, _ = base64.RawURLEncoding.DecodeString(handle)
			h.Passkeys, err = livePasskeys(ctx, tx, userID)
		}
		return handle, err
	}
	var handle string
	err := db.ReadTx(ctx, func(tx *Tx) (err error) {
		handle, err = read(tx)
		return err
	})
	if err != nil || handle != "" {
		return h, err
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		// Read again under the writer: a concurrent request may have given
		// the handle meanwhile.
		handle, err := read(tx)
		if err != nil || handle != "" {
			return err
		}
		b := make([]byte, 32)
		rand.Read(b)
		handle = base64.RawURLEncoding.EncodeToString(b)
		if _, err := tx.Exec(ctx, "UPDATE app_user SET webauthn_handle = ? WHERE id = ?", handle, userID); err != nil {
			return fmt.Errorf("store.PasskeyHolderFor: %w", err)
		}
		h.Handle, _ = base64.RawURLEncoding.DecodeString(handle)
		h.Passkeys, err = livePasskeys(ctx, tx, userID)
		return err
	})
	return h, err
}

// PasskeyHolderByHandle finds the active person whose handle an
// authenticator returned. Returns ENOTFOUND otherwise.
func (db *DB) PasskeyHolderByHandle(ctx context.Context, handle []byte) (PasskeyHolder, error) {
	var h PasskeyHolder
	if len(handle) == 0 {
		return h, goldthread.Errorf(goldthread.ENOTFOUND, "No account has that passkey.")
	}
	err := db.ReadTx(ctx, func(tx *Tx) error {
		err := tx.QueryRow(ctx, "SELECT id, agency_id, email, name FROM app_user WHERE webauthn_handle = ? AND active = ?",
			base64.RawURLEncoding.EncodeToString(handle), true).Scan(&h.UserID, &h.AgencyID, &h.Email, &h.Name)
		if err != nil {
			return notFound(err, "No account has that passkey.")
		}
		h.Handle = handle
		h.Passkeys, err = livePasskeys(ctx, tx, h.UserID)
		return err
	})
	return h, err
}

func livePasskeys(ctx context.Context, tx *Tx, userID int64) ([]StoredPasskey, error) {
	rows, err := tx.Query(ctx, "SELECT credential_id, credential, sign_count FROM passkey WHERE user_id = ? AND removed_at IS NULL ORDER BY id", userID)
	if err != nil {
		return nil, fmt.Errorf("store.livePasskeys: %w", err)
	}
	defer rows.Close()
	var out []StoredPasskey
	for rows.Next() {
		var id, rec string
		var count int64
		if err := rows.Scan(&id, &rec, &count); err != nil {
			return nil, err
		}
		raw, _ := base64.RawURLEncoding.DecodeString(id)
		out = append(out, StoredPasskey{ID: raw, Record: []byte(rec), SignCount: uint32(count)})
	}
	return out, rows.Err()
}

// Passkey ceremony purposes.
const (
	CeremonyRegister   = "register"    // a signed-in person adds a passkey
	CeremonySecondStep = "second_step" // after the password, instead of a code
	CeremonySignIn     = "sign_in"     // a passkey alone, no password
	CeremonyReauth     = "reauth"      // in place of the password, to sign
)

// ceremonyLife is how long a begun ceremony stays usable: the browser's
// four minutes and a margin.
const ceremonyLife = 5 * time.Minute

// ceremonySweepAfter is how long an expired ceremony is kept: long enough
// that a late answer is still told "took too long" rather than "unknown".
const ceremonySweepAfter = time.Hour

// PasskeyCeremony is one ceremony begun: the challenge the browser will
// echo, the verifier's session, and who it is for.
type PasskeyCeremony struct {
	Purpose   string
	Challenge string
	Session   []byte
	UserID    int64  // the person (register, second step); 0 for sign-in
	MFAToken  string // the sign-in halfway done (second step only)
}

// BeginPasskeyCeremony keeps a ceremony's server half for five minutes. A
// second step must name a live sign-in challenge of the same person.
// Ceremonies expired more than ceremonySweepAfter ago are deleted on the
// way, so anonymous sign-in starts leave no rows behind.
func (db *DB) BeginPasskeyCeremony(ctx context.Context, c PasskeyCeremony) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM passkey_ceremony WHERE expires_at < ?", tx.now.Add(-ceremonySweepAfter)); err != nil {
			return fmt.Errorf("store.BeginPasskeyCeremony: %w", err)
		}
		var userID, mfaID sql.NullInt64
		if c.UserID != 0 {
			userID = sql.NullInt64{Int64: c.UserID, Valid: true}
		}
		if c.Purpose == CeremonySecondStep {
			id, err := liveChallenge(ctx, tx, c.MFAToken, c.UserID)
			if err != nil {
				return err
			}
			mfaID = sql.NullInt64{Int64: id, Valid: true}
		}
		_, err := tx.insert(ctx, `INSERT INTO passkey_ceremony (challenge_hash, purpose, user_id, mfa_challenge_id, session, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, hashToken(c.Challenge), c.Purpose, userID, mfaID, string(c.Session), tx.now, tx.now.Add(ceremonyLife))
		if err != nil {
			return fmt.Errorf("store.BeginPasskeyCeremony: %w", err)
		}
		return nil
	})
}

// liveChallenge returns the id of the unused, unexpired sign-in challenge
// token; with userID it must be that person's. EUNAUTHORIZED otherwise.
func liveChallenge(ctx context.Context, tx *Tx, token string, userID int64) (int64, error) {
	var id, owner int64
	var expires time.Time
	var attempts int
	var used sql.NullTime
	err := tx.QueryRow(ctx, "SELECT id, user_id, expires_at, attempts, used_at FROM mfa_challenge WHERE token_hash = ?", hashToken(token)).
		Scan(&id, &owner, &expires, &attempts, &used)
	if errors.Is(err, sql.ErrNoRows) || err == nil && (used.Valid || !tx.now.Before(expires) || attempts >= challengeTries || userID != 0 && owner != userID) {
		return 0, goldthread.Errorf(goldthread.EUNAUTHORIZED, "That sign-in took too long. Start again with your password.")
	}
	if err != nil {
		return 0, fmt.Errorf("store.liveChallenge: %w", err)
	}
	return id, nil
}

// ChallengeUser returns the person a live sign-in challenge belongs to, so
// the second step can ask for their passkeys.
func (db *DB) ChallengeUser(ctx context.Context, token string) (int64, error) {
	var userID int64
	err := db.ReadTx(ctx, func(tx *Tx) error {
		id, err := liveChallenge(ctx, tx, token, 0)
		if err != nil {
			return err
		}
		return tx.QueryRow(ctx, "SELECT user_id FROM mfa_challenge WHERE id = ?", id).Scan(&userID)
	})
	return userID, err
}

// TakePasskeyCeremony returns the session of the ceremony whose challenge
// the browser echoed, and marks it used: each works once, within five
// minutes, for its purpose, and (when userID is not 0) for that person.
// Returns EUNAUTHORIZED otherwise.
func (db *DB) TakePasskeyCeremony(ctx context.Context, challenge, purpose string, userID int64) (session []byte, owner int64, err error) {
	err = db.WriteTx(ctx, func(tx *Tx) error {
		var id int64
		var who sql.NullInt64
		var got, sess string
		var expires time.Time
		var used sql.NullTime
		err := tx.QueryRow(ctx, "SELECT id, purpose, user_id, session, expires_at, used_at FROM passkey_ceremony WHERE challenge_hash = ?",
			hashToken(challenge)).Scan(&id, &got, &who, &sess, &expires, &used)
		if errors.Is(err, sql.ErrNoRows) || err == nil && (got != purpose || used.Valid || !tx.now.Before(expires) || userID != 0 && who.Int64 != userID) {
			return goldthread.Errorf(goldthread.EUNAUTHORIZED, "That passkey request has ended. Try again.")
		}
		if err != nil {
			return fmt.Errorf("store.TakePasskeyCeremony: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE passkey_ceremony SET used_at = ? WHERE id = ?", tx.now, id); err != nil {
			return fmt.Errorf("store.TakePasskeyCeremony: %w", err)
		}
		session, owner = []byte(sess), who.Int64
		return nil
	})
	return session, owner, err
}

// AddPasskey keeps a newly registered passkey under a name the person
// chose ("My phone"). It turns two-step sign-in on for them and is audited
// as a setting change.
func (db *DB) AddPasskey(ctx context.Context, actor goldthread.Actor, name string, p StoredPasskey) (int64, error) {
	if err := CheckPasskeyName(name); err != nil {
		return 0, err
	}
	name = strings.TrimSpace(name)
	var id int64
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.insert(ctx, `INSERT INTO passkey (agency_id, user_id, credential_id, credential, name, sign_count, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, actor.UserID, base64.RawURLEncoding.EncodeToString(p.ID), string(p.Record), name, int64(p.SignCount), tx.now)
		if err != nil {
			return fmt.Errorf("store.AddPasskey: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "passkey", id, 0)
		ev.Detail = "passkey=added"
		return tx.Audit(ctx, ev)
	})
	return id, err
}

// CheckPasskeyName refuses an empty or overlong passkey name (EINVALID on
// field "name"), so a form can say so before the browser is asked.
func CheckPasskeyName(name string) error {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 60 {
		return goldthread.FieldError("name", "Give the passkey a name of up to 60 characters, such as \"My phone\", so you can tell your passkeys apart.")
	}
	return nil
}

// TOTPOn reports whether the actor's authenticator app is turned on.
func (db *DB) TOTPOn(ctx context.Context, actor goldthread.Actor) (bool, error) {
	var on bool
	err := db.readRow(ctx, "SELECT totp_enabled FROM app_user WHERE id = ?", []any{actor.UserID}, &on)
	if err != nil {
		return false, fmt.Errorf("store.TOTPOn: %w", err)
	}
	return on, nil
}

// Passkeys lists the actor's own passkeys, newest first.
func (db *DB) Passkeys(ctx context.Context, actor goldthread.Actor) ([]goldthread.Passkey, error) {
	var out []goldthread.Passkey
	err := db.readRows(ctx, `SELECT id, name, created_at, last_used_at FROM passkey
		WHERE user_id = ? AND removed_at IS NULL ORDER BY id DESC`, []any{actor.UserID}, func(r scanner) error {
		var p goldthread.Passkey
		var last sql.NullTime
		if err := r.Scan(&p.ID, &p.Name, &p.CreatedAt, &last); err != nil {
			return err
		}
		if last.Valid {
			p.LastUsedAt = last.Time
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.Passkeys: %w", err)
	}
	return out, nil
}

// RemovePasskey takes one of the actor's passkeys out of use after their
// password is given again. The row stays (removed_at) for the audit trail.
// Refused when the agency requires a second factor for the actor's role
// and this is the last one they have.
func (db *DB) RemovePasskey(ctx context.Context, actor goldthread.Actor, id int64, pw string) error {
	if err := db.confirmPassword(ctx, actor, pw, "passkey"); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE passkey SET removed_at = ?, removed_by = ? WHERE id = ? AND user_id = ? AND removed_at IS NULL",
			tx.now, actor.UserID, id, actor.UserID)
		if err != nil {
			return fmt.Errorf("store.RemovePasskey: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "That passkey is not one of yours, or it was already removed.")
		}
		if err := keepsRequiredFactor(ctx, tx, actor, "Your agency requires two-step sign-in for your role, and this is your last way to do it. Add another passkey or turn on the authenticator app first."); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "passkey", id, 0)
		ev.Detail = "passkey=removed"
		return tx.Audit(ctx, ev)
	})
}

// PasskeySignIn is a passkey checked by the verifier, ready to open a
// session: whose it is, the passkey with its updated record, and, for a
// second step, the sign-in challenge it completes.
type PasskeySignIn struct {
	UserID   int64
	Used     StoredPasskey
	MFAToken string // empty for a sign-in with a passkey alone
	Kind     string
	IP       string
}

// CompletePasskeySignIn opens a session for a passkey the verifier
// accepted: the passkey must be the person's and not removed, and a second
// step's challenge must still be live (it is then used up). The passkey's
// record and last use are updated, and the sign-in is audited.
func (db *DB) CompletePasskeySignIn(ctx context.Context, in PasskeySignIn, pol SessionPolicy) (string, goldthread.Actor, error) {
	var token string
	var actor goldthread.Actor
	err := db.WriteTx(ctx, func(tx *Tx) error {
		ok, err := recordPasskeyUse(ctx, tx, in.UserID, in.Used)
		if err != nil {
			return err
		}
		if !ok {
			return errPasskeySignIn
		}
		detail := in.Kind + " passkey"
		if in.MFAToken != "" {
			cid, err := liveChallenge(ctx, tx, in.MFAToken, in.UserID)
			if err != nil {
				return err
			}
			var first string
			if err := tx.QueryRow(ctx, "SELECT first_step FROM mfa_challenge WHERE id = ?", cid).Scan(&first); err != nil {
				return fmt.Errorf("store.CompletePasskeySignIn: %w", err)
			}
			if _, err := tx.Exec(ctx, "UPDATE mfa_challenge SET used_at = ? WHERE id = ?", tx.now, cid); err != nil {
				return fmt.Errorf("store.CompletePasskeySignIn: %w", err)
			}
			detail = signInDetail(in.Kind, first, "passkey")
		}
		token, actor, err = openSession(ctx, tx, in.UserID, in.Kind, in.IP, pol, detail)
		if goldthread.ErrorKind(err) == goldthread.ENOTFOUND {
			return errPasskeySignIn // the account was closed meanwhile
		}
		return err
	})
	return token, actor, err
}

// PasskeySignInFailed audits a passkey the verifier refused (userID 0 when
// nobody could be named) and returns the one message every refusal gets.
func (db *DB) PasskeySignInFailed(ctx context.Context, userID int64, ip, reason string) error {
	var agencyID int64
	if userID != 0 {
		if err := db.readRow(ctx, "SELECT agency_id FROM app_user WHERE id = ?", []any{userID}, &agencyID); err != nil {
			userID = 0
		}
	}
	if err := db.auditSignInFailure(ctx, agencyID, userID, ip, reason); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
		return err
	}
	return errPasskeySignIn
}

// TouchPasskey records the use of one of the actor's passkeys outside a
// sign-in (its updated record and last use). ENOTFOUND when it is not
// theirs or was removed.
func (db *DB) TouchPasskey(ctx context.Context, actor goldthread.Actor, used StoredPasskey) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		ok, err := recordPasskeyUse(ctx, tx, actor.UserID, used)
		if err == nil && !ok {
			err = goldthread.Errorf(goldthread.ENOTFOUND, "That passkey is not one of yours, or it was removed.")
		}
		return err
	})
}

// recordPasskeyUse stores a passkey's record as the verifier updated it
// (its counter) and its last use; false when it is not userID's or was
// removed.
func recordPasskeyUse(ctx context.Context, tx *Tx, userID int64, used StoredPasskey) (bool, error) {
	res, err := tx.Exec(ctx, `UPDATE passkey SET credential = ?, sign_count = ?, last_used_at = ?
		WHERE credential_id = ? AND user_id = ? AND removed_at IS NULL`,
		string(used.Record), int64(used.SignCount), tx.now, base64.RawURLEncoding.EncodeToString(used.ID), userID)
	if err != nil {
		return false, fmt.Errorf("store.recordPasskeyUse: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}
