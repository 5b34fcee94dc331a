package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
)

// Session kinds: a browser cookie or an API bearer token.
const (
	SessionWeb = "web"
	SessionAPI = "api"
)

// SessionPolicy bounds how long a session lives.
type SessionPolicy struct {
	Idle     time.Duration // ends after this long without a request (ONC (d)(5))
	Absolute time.Duration // ends this long after sign-in, whatever happens
}

// DefaultSessionPolicy: 15 idle minutes, 12 hours at most.
var DefaultSessionPolicy = SessionPolicy{Idle: 15 * time.Minute, Absolute: 12 * time.Hour}

// errSignIn is the one message for every failed sign-in, so the answer never
// tells whether an account exists.
var errSignIn = goldthread.Errorf(goldthread.EUNAUTHORIZED, "That email and password do not match an account. Check both and try again.")

// SignIn checks an email and password and opens a session of kind. It
// returns the raw token (given to the client once; only its hash is stored)
// and the actor. Every attempt is audited, the failures too. Returns
// EUNAUTHORIZED with one generic message for an unknown email, a wrong
// password or an inactive account. When the password was right and a
// second factor must follow, the step carries a Challenge for
// CompleteSignIn and no session.
func (db *DB) SignIn(ctx context.Context, email, pw, ip, kind string, pol SessionPolicy) (SignInStep, error) {
	email = NormalizeEmail(email)
	var userID, agencyID int64
	var hash string
	var active bool
	err := db.readRow(ctx, "SELECT id, agency_id, password_hash, active FROM app_user WHERE email = ?", []any{email},
		&userID, &agencyID, &hash, &active)
	if errors.Is(err, sql.ErrNoRows) {
		password.CheckNone(pw)
		return SignInStep{}, db.auditSignInFailure(ctx, 0, 0, ip, "unknown_account")
	}
	if err != nil {
		return SignInStep{}, fmt.Errorf("store.SignIn: %w", err)
	}
	ok, err := password.Check(pw, hash)
	if err != nil || !ok || !active {
		reason := "wrong_password"
		if !active {
			reason = "inactive_account"
		}
		return SignInStep{}, db.auditSignInFailure(ctx, agencyID, userID, ip, reason)
	}
	var mfa bool
	if err := db.readRow(ctx, secondFactorQuery, []any{userID}, &mfa); err != nil {
		return SignInStep{}, fmt.Errorf("store.SignIn: %w", err)
	}
	if mfa {
		return db.askSecondStep(ctx, userID, kind, firstStepPassword, ip)
	}
	var token string
	var actor goldthread.Actor
	err = db.WriteTx(ctx, func(tx *Tx) error {
		token, actor, err = openSession(ctx, tx, userID, kind, ip, pol, kind)
		return err
	})
	if err != nil {
		return SignInStep{}, err
	}
	return SignInStep{Token: token, Actor: actor}, nil
}

// openSession starts a session of kind for userID inside tx and audits the
// sign-in with detail (how the person proved who they are). Every way of
// signing in ends here, so sessions are made and recorded one way.
func openSession(ctx context.Context, tx *Tx, userID int64, kind, ip string, pol SessionPolicy, detail string) (string, goldthread.Actor, error) {
	token, hash, err := newToken()
	if err != nil {
		return "", goldthread.Actor{}, err
	}
	actor, err := loadActor(ctx, tx, userID)
	if err != nil {
		return "", goldthread.Actor{}, err
	}
	sid, err := tx.insert(ctx, `INSERT INTO user_session (token_hash, user_id, agency_id, kind, created_at, last_seen_at, expires_at, ip)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, hash, userID, actor.AgencyID, kind, tx.now, tx.now, tx.now.Add(pol.Absolute), ip)
	if err != nil {
		return "", goldthread.Actor{}, fmt.Errorf("store.openSession: %w", err)
	}
	actor.SessionID, actor.IP = sid, ip
	err = tx.Audit(ctx, goldthread.AuditEvent{AgencyID: actor.AgencyID, ActorID: userID, ActorRole: actor.PrimaryRole(),
		Action: goldthread.ActionSignIn, RecordType: "session", RecordID: sid, IP: ip, Outcome: goldthread.OutcomeSuccess, Detail: detail})
	return token, actor, err
}

func (db *DB) auditSignInFailure(ctx context.Context, agencyID, userID int64, ip, reason string) error {
	err := db.WriteTx(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, goldthread.AuditEvent{AgencyID: agencyID, ActorID: userID, Action: goldthread.ActionSignInFailed,
			RecordType: "session", IP: ip, Outcome: goldthread.OutcomeFailure, Detail: reason})
	})
	if err != nil {
		return err
	}
	return errSignIn
}

// newToken returns a random session token and the hash stored for it.
func newToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token), nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Authenticate returns the actor of a live session token of kind, and
// refreshes its idle clock (at most once a minute, or a quarter of the idle
// limit when that is shorter, to spare the writer).
// Returns EUNAUTHORIZED when the token is unknown, revoked, expired or idle
// longer than the policy allows; an idle session is revoked on the spot.
func (db *DB) Authenticate(ctx context.Context, token, kind, ip string, pol SessionPolicy) (goldthread.Actor, error) {
	expired := goldthread.Errorf(goldthread.EUNAUTHORIZED, "Your session has ended. Please sign in again.")
	if token == "" {
		return goldthread.Actor{}, expired
	}
	var sid, userID int64
	var lastSeen, expires time.Time
	var revoked sql.NullTime
	err := db.readRow(ctx, `SELECT id, user_id, last_seen_at, expires_at, revoked_at FROM user_session
		WHERE token_hash = ? AND kind = ?`, []any{hashToken(token), kind}, &sid, &userID, &lastSeen, &expires, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return goldthread.Actor{}, expired
	}
	if err != nil {
		return goldthread.Actor{}, fmt.Errorf("store.Authenticate: %w", err)
	}
	now := db.now()
	if revoked.Valid || !now.Before(expires) {
		return goldthread.Actor{}, expired
	}
	if now.Sub(lastSeen) > pol.Idle {
		db.revokeSession(ctx, sid)
		return goldthread.Actor{}, expired
	}
	var actor goldthread.Actor
	err = db.ReadTx(ctx, func(tx *Tx) error {
		actor, err = loadActor(ctx, tx, userID)
		return err
	})
	if err != nil {
		return goldthread.Actor{}, err
	}
	actor.SessionID, actor.IP = sid, ip
	if now.Sub(lastSeen) > min(time.Minute, pol.Idle/4) {
		if _, err := db.writeOne(ctx, "UPDATE user_session SET last_seen_at = ? WHERE id = ?", now, sid); err != nil {
			return goldthread.Actor{}, fmt.Errorf("store.Authenticate: %w", err)
		}
	}
	return actor, nil
}

// SignOut revokes the actor's current session. Signing out twice is fine.
func (db *DB) SignOut(ctx context.Context, actor goldthread.Actor) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE user_session SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
			tx.now, actor.SessionID, actor.UserID); err != nil {
			return fmt.Errorf("store.SignOut: %w", err)
		}
		return tx.Audit(ctx, goldthread.AuditEvent{AgencyID: actor.AgencyID, ActorID: actor.UserID, ActorRole: actor.PrimaryRole(),
			Action: goldthread.ActionSignOut, RecordType: "session", RecordID: actor.SessionID, IP: actor.IP, Outcome: goldthread.OutcomeSuccess})
	})
}

// RevokeSessions ends every session of userID (a lost phone, a staff member
// leaving). Only an administrator of the same agency may do it.
func (db *DB) RevokeSessions(ctx context.Context, actor goldthread.Actor, userID int64) (int64, error) {
	if !goldthread.CanAdminister(actor) && actor.UserID != userID {
		return 0, goldthread.Errorf(goldthread.EFORBIDDEN, "Only an administrator can end another person's sessions.")
	}
	var n int64
	err := db.WriteTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE user_session SET revoked_at = ? WHERE user_id = ? AND agency_id = ? AND revoked_at IS NULL`,
			tx.now, userID, actor.AgencyID)
		if err != nil {
			return fmt.Errorf("store.RevokeSessions: %w", err)
		}
		n, _ = res.RowsAffected()
		return tx.Audit(ctx, goldthread.AuditEvent{AgencyID: actor.AgencyID, ActorID: actor.UserID, ActorRole: actor.PrimaryRole(),
			Action: goldthread.ActionUpdate, RecordType: "user_sessions", RecordID: userID, IP: actor.IP, Outcome: goldthread.OutcomeSuccess,
			Detail: fmt.Sprintf("revoked=%d", n)})
	})
	return n, err
}

func (db *DB) revokeSession(ctx context.Context, sid int64) {
	db.writeOne(ctx, "UPDATE user_session SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", db.now(), sid)
}

// loadActor reads a user's name, agency and roles.
func loadActor(ctx context.Context, tx *Tx, userID int64) (goldthread.Actor, error) {
	a := goldthread.Actor{UserID: userID}
	var pid sql.NullInt64
	// A participant's own account without a choice reads in the language
	// of their record.
	err := tx.QueryRow(ctx, `SELECT u.agency_id, u.name, u.participant_id, g.time_zone,
		CASE WHEN u.language <> '' THEN u.language ELSE COALESCE(p.language, '') END
		FROM app_user u JOIN agency g ON g.id = u.agency_id LEFT JOIN participant p ON p.id = u.participant_id
		WHERE u.id = ? AND u.active = ?`, userID, true).
		Scan(&a.AgencyID, &a.Name, &pid, zoneColumn{&a.Zone}, &a.Language)
	if err != nil {
		return a, notFound(err, "That account is not active.")
	}
	a.ParticipantID = pid.Int64
	var totpOn bool
	if err := tx.QueryRow(ctx, `SELECT totp_enabled, CASE WHEN EXISTS (SELECT 1 FROM passkey p WHERE p.user_id = app_user.id AND p.removed_at IS NULL)
		THEN TRUE ELSE FALSE END FROM app_user WHERE id = ?`, userID).Scan(&totpOn, &a.HasPasskey); err != nil {
		return a, fmt.Errorf("store.loadActor: %w", err)
	}
	a.MFAEnabled = totpOn || a.HasPasskey
	// A role waiting for a second administrator's approval is not in force.
	rows, err := tx.Query(ctx, `SELECT r.role FROM user_role r WHERE r.user_id = ? AND NOT EXISTS
		(SELECT 1 FROM role_grant g WHERE g.user_id = r.user_id AND g.role = r.role AND g.status = 'pending') ORDER BY r.role`, userID)
	if err != nil {
		return a, fmt.Errorf("store.loadActor: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return a, err
		}
		a.Roles = append(a.Roles, goldthread.Role(r))
	}
	if err := rows.Err(); err != nil {
		return a, err
	}
	rows.Close()
	var required int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM mfa_policy m JOIN user_role r ON r.agency_id = m.agency_id AND r.role = m.role
		WHERE r.user_id = ?`, userID).Scan(&required); err != nil {
		return a, fmt.Errorf("store.loadActor: %w", err)
	}
	a.MFARequired = required > 0
	a.Emergency, err = liveEmergencyGrants(ctx, tx, userID)
	return a, err
}
