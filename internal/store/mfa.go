package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/totp"
)

// SignInStep is where a sign-in stands after its first step (a password,
// single sign-on, a portal invitation): done, with the session's Token and
// its Actor; or, when the account has a second factor, waiting for it with
// the Challenge to pass to CompleteSignIn, and no session yet. A second
// step is an answer, not an error: the first step succeeded.
type SignInStep struct {
	Token     string
	Actor     goldthread.Actor
	Challenge string
}

// NeedsSecondStep reports whether the sign-in waits for its second factor.
func (s SignInStep) NeedsSecondStep() bool { return s.Challenge != "" }

// secondFactorQuery answers whether a user signs in with a second step:
// TOTP is on or a passkey is registered and not removed. It yields a
// boolean on both engines (SQLite's 0/1 scans into bool).
const secondFactorQuery = `SELECT CASE WHEN totp_enabled OR EXISTS (SELECT 1 FROM passkey p WHERE p.user_id = app_user.id AND p.removed_at IS NULL)
	THEN TRUE ELSE FALSE END FROM app_user WHERE id = ?`

// challengeLife bounds the time between password and code, and
// challengeTries the wrong codes one challenge allows.
const (
	challengeLife  = 5 * time.Minute
	challengeTries = 5
)

// First steps of a sign-in, before its second factor.
const (
	firstStepPassword = "password"
	firstStepSSO      = "sso"
)

// askSecondStep records a sign-in halfway done (first is how it began) and
// returns the step carrying its challenge, for the caller to return as is;
// or the error that kept it from being recorded.
//
// An account past its allowance of wrong codes gets no new challenge: the
// attempt is audited and *TooManyAttempts returned, so a right password
// does not buy fresh tries at the code.
func (db *DB) askSecondStep(ctx context.Context, userID int64, kind, first, ip string) (SignInStep, error) {
	token, hash, err := newToken()
	if err != nil {
		return SignInStep{}, err
	}
	var wait time.Duration
	err = db.WriteTx(ctx, func(tx *Tx) error {
		if wait, err = secondFactorLocked(ctx, tx, userID, ip); err != nil || wait > 0 {
			return err
		}
		_, err := tx.insert(ctx, `INSERT INTO mfa_challenge (token_hash, user_id, kind, first_step, ip, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			hash, userID, kind, first, ip, tx.now, tx.now.Add(challengeLife))
		return err
	})
	if err != nil {
		return SignInStep{}, fmt.Errorf("store.askSecondStep: %w", err)
	}
	if wait > 0 {
		return SignInStep{}, tooManyAttempts(wait, "code", "codes")
	}
	return SignInStep{Challenge: token}, nil
}

// secondFactorLocked returns how long userID must wait before trying a
// second-step code, and audits the refused attempt when it is not zero.
func secondFactorLocked(ctx context.Context, tx *Tx, userID int64, ip string) (time.Duration, error) {
	wait, err := authFailureWait(ctx, tx, tx.now, userID, failSecondFactor)
	if err != nil || wait == 0 {
		return 0, err
	}
	var agencyID int64
	if err := tx.QueryRow(ctx, "SELECT agency_id FROM app_user WHERE id = ?", userID).Scan(&agencyID); err != nil {
		return 0, fmt.Errorf("store.secondFactorLocked: %w", err)
	}
	return wait, tx.Audit(ctx, goldthread.AuditEvent{AgencyID: agencyID, ActorID: userID, Action: goldthread.ActionSignInFailed,
		RecordType: "session", IP: ip, Outcome: goldthread.OutcomeFailure, Detail: "too_many_codes"})
}

// CompleteSignIn finishes a sign-in with the TOTP code for challenge and
// opens the session. Each code works once (the step it matched is stored
// and an older or equal step is refused), a challenge lives five minutes
// and allows five wrong codes, and an account allows ten wrong codes in
// fifteen minutes across all its challenges: past that the attempt is
// refused unchecked with *TooManyAttempts. Every attempt is audited.
// Returns EUNAUTHORIZED with a message that says what to do.
func (db *DB) CompleteSignIn(ctx context.Context, challenge, code, ip string, pol SessionPolicy) (string, goldthread.Actor, error) {
	expired := goldthread.Errorf(goldthread.EUNAUTHORIZED, "That sign-in took too long or had too many wrong codes. Start again with your password.")
	var token string
	var actor goldthread.Actor
	var wrong bool
	var wait time.Duration
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var cid, userID, agencyID, lastStep int64
		var kind, first, secret string
		var attempts int
		var expires time.Time
		var used sql.NullTime
		var totpOn bool
		err := tx.QueryRow(ctx, `SELECT c.id, c.user_id, c.kind, c.first_step, c.attempts, c.expires_at, c.used_at, u.agency_id, u.totp_secret, u.totp_last_step, u.totp_enabled
			FROM mfa_challenge c JOIN app_user u ON u.id = c.user_id WHERE c.token_hash = ? AND u.active = ?`, hashToken(challenge), true).
			Scan(&cid, &userID, &kind, &first, &attempts, &expires, &used, &agencyID, &secret, &lastStep, &totpOn)
		if errors.Is(err, sql.ErrNoRows) {
			return expired
		}
		if err != nil {
			return fmt.Errorf("store.CompleteSignIn: %w", err)
		}
		if used.Valid || !tx.now.Before(expires) || attempts >= challengeTries {
			return expired
		}
		if wait, err = secondFactorLocked(ctx, tx, userID, ip); err != nil || wait > 0 {
			return err
		}
		if secret, err = db.openSecret(userID, secret); err != nil {
			return fmt.Errorf("store.CompleteSignIn: %w", err)
		}
		if !totpOn {
			// Their second step is a passkey, which needs a browser.
			return goldthread.FieldError("code", "This account's second step is a passkey, which works only in a browser. To sign in here with a code, turn on the authenticator app on your account page.")
		}
		step, ok := totp.Verify(secret, code, tx.now, lastStep)
		if ok {
			res, err := tx.Exec(ctx, "UPDATE app_user SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", step, userID, step)
			if err != nil {
				return fmt.Errorf("store.CompleteSignIn: %w", err)
			}
			n, _ := res.RowsAffected()
			ok = n == 1 // another sign-in used this step a moment ago
		}
		if !ok {
			wrong = true
			if _, err := tx.Exec(ctx, "UPDATE mfa_challenge SET attempts = attempts + 1 WHERE id = ?", cid); err != nil {
				return err
			}
			if err := recordAuthFailure(ctx, tx, userID, failSecondFactor, ip); err != nil {
				return err
			}
			return tx.Audit(ctx, goldthread.AuditEvent{AgencyID: agencyID, ActorID: userID, Action: goldthread.ActionSignInFailed,
				RecordType: "session", IP: ip, Outcome: goldthread.OutcomeFailure, Detail: "wrong_code"})
		}
		if _, err := tx.Exec(ctx, "UPDATE mfa_challenge SET used_at = ? WHERE id = ?", tx.now, cid); err != nil {
			return err
		}
		token, actor, err = openSession(ctx, tx, userID, kind, ip, pol, signInDetail(kind, first, "totp"))
		return err
	})
	if err == nil && wait > 0 {
		return "", goldthread.Actor{}, tooManyAttempts(wait, "code", "codes")
	}
	if err == nil && wrong {
		return "", goldthread.Actor{}, goldthread.FieldError("code", "That code is not right. Type the 6 digits your authenticator app shows now.")
	}
	return token, actor, err
}

// StartTOTP gives the actor a new, not yet active TOTP secret and returns it
// with its otpauth:// address. Returns ECONFLICT when TOTP is already on.
func (db *DB) StartTOTP(ctx context.Context, actor goldthread.Actor, issuer string) (secret, uri string, err error) {
	secret, err = totp.NewSecret()
	if err != nil {
		return "", "", err
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		var email string
		var enabled bool
		if err := tx.QueryRow(ctx, "SELECT email, totp_enabled FROM app_user WHERE id = ?", actor.UserID).Scan(&email, &enabled); err != nil {
			return fmt.Errorf("store.StartTOTP: %w", err)
		}
		if enabled {
			return goldthread.Errorf(goldthread.ECONFLICT, "Two-step sign-in is already on.")
		}
		uri = totp.URI(issuer, email, secret)
		sealed, err := db.sealSecret(actor.UserID, secret)
		if err != nil {
			return fmt.Errorf("store.StartTOTP: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE app_user SET totp_secret = ?, totp_last_step = 0, updated_at = ? WHERE id = ?", sealed, tx.now, actor.UserID); err != nil {
			return fmt.Errorf("store.StartTOTP: %w", err)
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionUpdate, "mfa", actor.UserID, 0))
	})
	return secret, uri, err
}

// ConfirmTOTP turns TOTP on once the person gives their password again
// (counted and audited like every password given again: a stolen session
// alone cannot bind the account to someone else's phone) and proves their
// app has the secret by typing a current code. Every other session of the
// account ends, so whoever else was signed in signs in again with the new
// second step. Returns EINVALID on field "password" or "code".
func (db *DB) ConfirmTOTP(ctx context.Context, actor goldthread.Actor, pw, code string) error {
	if err := db.confirmPassword(ctx, actor, pw, "mfa"); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		var secret string
		var enabled bool
		if err := tx.QueryRow(ctx, "SELECT totp_secret, totp_enabled FROM app_user WHERE id = ?", actor.UserID).Scan(&secret, &enabled); err != nil {
			return fmt.Errorf("store.ConfirmTOTP: %w", err)
		}
		if enabled {
			return goldthread.Errorf(goldthread.ECONFLICT, "Two-step sign-in is already on.")
		}
		if secret == "" {
			return goldthread.FieldError("code", "Start the set-up first, then type the code your app shows.")
		}
		secret, err := db.openSecret(actor.UserID, secret)
		if err != nil {
			return fmt.Errorf("store.ConfirmTOTP: %w", err)
		}
		step, ok := totp.Verify(secret, code, tx.now, 0)
		if !ok {
			return goldthread.FieldError("code", "That code is not right. Check the app shows Goldthread and type the 6 digits it shows now.")
		}
		if _, err := tx.Exec(ctx, "UPDATE app_user SET totp_enabled = ?, totp_last_step = ?, updated_at = ? WHERE id = ?", true, step, tx.now, actor.UserID); err != nil {
			return fmt.Errorf("store.ConfirmTOTP: %w", err)
		}
		res, err := tx.Exec(ctx, "UPDATE user_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id <> ?", tx.now, actor.UserID, actor.SessionID)
		if err != nil {
			return fmt.Errorf("store.ConfirmTOTP: %w", err)
		}
		ended, _ := res.RowsAffected()
		ev := auditFor(actor, goldthread.ActionSettingChange, "mfa", actor.UserID, 0)
		ev.Detail = fmt.Sprintf("totp=on other_sessions_ended=%d", ended)
		return tx.Audit(ctx, ev)
	})
}

// DisableTOTP turns TOTP off after the password is given again. Refused
// when the agency requires a second factor for one of the actor's roles
// and they have no passkey to take its place.
func (db *DB) DisableTOTP(ctx context.Context, actor goldthread.Actor, pw string) error {
	if err := db.confirmPassword(ctx, actor, pw, "mfa"); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE app_user SET totp_enabled = ?, totp_secret = '', updated_at = ? WHERE id = ?", false, tx.now, actor.UserID); err != nil {
			return fmt.Errorf("store.DisableTOTP: %w", err)
		}
		if err := keepsRequiredFactor(ctx, tx, actor, "Your agency requires two-step sign-in for your role, so it stays on. Add a passkey first if you want to stop using the app."); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "mfa", actor.UserID, 0)
		ev.Detail = "totp=off"
		return tx.Audit(ctx, ev)
	})
}

// MFAPolicy returns the roles for which the agency requires a second factor.
func (db *DB) MFAPolicy(ctx context.Context, agencyID int64) ([]goldthread.Role, error) {
	var out []goldthread.Role
	err := db.readRows(ctx, "SELECT role FROM mfa_policy WHERE agency_id = ? ORDER BY role", []any{agencyID}, func(r scanner) error {
		var role string
		err := r.Scan(&role)
		out = append(out, goldthread.Role(role))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store.MFAPolicy: %w", err)
	}
	return out, nil
}

// SetMFAPolicy replaces the roles that must use a second factor. Only an
// administrator may; the change is audited as a setting change.
func (db *DB) SetMFAPolicy(ctx context.Context, actor goldthread.Actor, roles []goldthread.Role) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	for _, r := range roles {
		if !r.Valid() {
			return goldthread.FieldError("roles", "%q is not a role.", r)
		}
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM mfa_policy WHERE agency_id = ?", actor.AgencyID); err != nil {
			return fmt.Errorf("store.SetMFAPolicy: %w", err)
		}
		slices.Sort(roles)
		for _, r := range slices.Compact(roles) {
			if _, err := tx.Exec(ctx, "INSERT INTO mfa_policy (agency_id, role, set_by, set_at) VALUES (?, ?, ?, ?)",
				actor.AgencyID, string(r), actor.UserID, tx.now); err != nil {
				return fmt.Errorf("store.SetMFAPolicy: %w", err)
			}
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "mfa_policy", actor.AgencyID, 0)
		ev.Detail = "roles=" + joinRoles(roles)
		return tx.Audit(ctx, ev)
	})
}

// signInDetail is the audit detail of a two-step sign-in: the session
// kind, the first step when it was not the password, and the second.
func signInDetail(kind, first, second string) string {
	if first != "" && first != firstStepPassword {
		kind += " " + first
	}
	return kind + " mfa=" + second
}

// confirmPassword checks the actor's password before a change to how they
// sign in (what names the change for the audit); EINVALID on field
// "password" when it is wrong, counted and audited like every password
// given again (reauthenticate).
func (db *DB) confirmPassword(ctx context.Context, actor goldthread.Actor, pw, what string) error {
	var hash string
	if err := db.readRow(ctx, "SELECT password_hash FROM app_user WHERE id = ?", []any{actor.UserID}, &hash); err != nil {
		return fmt.Errorf("store.confirmPassword: %w", err)
	}
	ev := auditFor(actor, goldthread.ActionSettingChange, what, actor.UserID, 0)
	return db.reauthenticate(ctx, actor, pw, hash, ev, "wrong_password", goldthread.FieldError("password", "Your password is not right."))
}

// keepsRequiredFactor refuses (EFORBIDDEN with refusal), inside the
// transaction that took a second factor away, when the agency requires one
// for the actor's role and none is left.
func keepsRequiredFactor(ctx context.Context, tx *Tx, actor goldthread.Actor, refusal string) error {
	if !actor.MFARequired {
		return nil
	}
	var still bool
	if err := tx.QueryRow(ctx, secondFactorQuery, actor.UserID).Scan(&still); err != nil {
		return fmt.Errorf("store.keepsRequiredFactor: %w", err)
	}
	if !still {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "%s", refusal)
	}
	return nil
}
