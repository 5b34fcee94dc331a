package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
)

// PortalJoin is what a participant sends to join the portal: the code
// they typed or the token of their link, the sign-in name they choose (an
// email address, or a username for someone without one) and a password.
type PortalJoin struct {
	Code       string
	Token      string // from the link, never typed
	SignInName string
	Password   string
}

// JoinPaused is returned by JoinPortal when too many wrong codes came from
// all addresses together within the last hour: joining waits for Wait.
type JoinPaused struct{ Wait time.Duration }

func (e *JoinPaused) Error() string {
	return "goldthread: joining the portal is paused after too many wrong codes"
}

// errJoinCode is the one answer for a code that is unknown, used, replaced
// or expired: it never tells which.
var errJoinCode = goldthread.ErrorAbout(goldthread.EUNAUTHORIZED, "code",
	"That code does not work: it may be mistyped, used already, replaced by a newer one or more than 72 hours old. Ask your peer specialist for a new one.")

// JoinPortal spends a portal invitation: it makes the participant's
// account with the chosen sign-in name and password (or, when they have
// one, gives it the new name and password and ends its sessions), and
// opens a session of kind. Every attempt is audited; the code never is.
//
// Returns EUNAUTHORIZED on code (one message for every kind of bad code,
// counted toward the pause) and *JoinPaused when too many wrong codes came
// from everywhere within the last hour. A wrong sign-in name or password is
// EINVALID naming sign_in_name or password and leaves the invitation
// usable. For an account with a second step the new password is set and
// the step carries a Challenge: the sign-in finishes with the second step.
func (db *DB) JoinPortal(ctx context.Context, in PortalJoin, ip, kind string, pol SessionPolicy, cost password.Params) (SignInStep, error) {
	if wait, err := db.joinPause(ctx); err != nil || wait > 0 {
		if err == nil {
			err = &JoinPaused{Wait: wait}
		}
		return SignInStep{}, err
	}
	hash := hashToken(in.Token)
	column := "token_hash"
	if in.Token == "" {
		if in.Code = normalizeCode(in.Code); in.Code == "" {
			return SignInStep{}, goldthread.FieldError("code", "Type the code from your invitation, such as K7QMH-4XPTW.")
		}
		hash, column = hashToken(in.Code), "code_hash"
	}
	var inv struct{ id, agencyID, participantID int64 }
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var expires time.Time
		var used, revoked sql.NullTime
		err := tx.QueryRow(ctx, "SELECT id, agency_id, participant_id, expires_at, used_at, revoked_at FROM portal_invitation WHERE "+column+" = ?", hash).
			Scan(&inv.id, &inv.agencyID, &inv.participantID, &expires, &used, &revoked)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return joinRefused{"unknown_code"}
		case err != nil:
			return fmt.Errorf("store.JoinPortal: %w", err)
		case used.Valid:
			return joinRefused{"used_code"}
		case revoked.Valid:
			return joinRefused{"replaced_code"}
		case !tx.now.Before(expires):
			return joinRefused{"expired_code"}
		}
		return nil
	})
	var refused joinRefused
	if errors.As(err, &refused) {
		return SignInStep{}, db.joinFailed(ctx, inv.agencyID, inv.id, inv.participantID, ip, refused.reason)
	}
	if err != nil {
		return SignInStep{}, err
	}
	name, pw, err := db.checkJoinInput(ctx, inv.participantID, in)
	if err != nil {
		return SignInStep{}, err
	}
	pwHash, err := password.Hash(pw, cost)
	if err != nil {
		return SignInStep{}, err
	}
	var token string
	var actor goldthread.Actor
	var userID int64
	var secondStep bool
	err = db.WriteTx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, "UPDATE portal_invitation SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?",
			tx.now, inv.id, tx.now)
		if err != nil {
			return fmt.Errorf("store.JoinPortal: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errJoinCode // spent or withdrawn a moment ago
		}
		if userID, err = joinAccount(ctx, tx, inv.agencyID, inv.participantID, name, pwHash, ip); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE portal_invitation SET user_id = ? WHERE id = ?", userID, inv.id); err != nil {
			return fmt.Errorf("store.JoinPortal: %w", err)
		}
		if err := tx.QueryRow(ctx, secondFactorQuery, userID).Scan(&secondStep); err != nil || secondStep {
			return err
		}
		token, actor, err = openSession(ctx, tx, userID, kind, ip, pol, kind+" portal_invitation")
		return err
	})
	if err != nil {
		return SignInStep{}, err
	}
	if secondStep {
		return db.askSecondStep(ctx, userID, kind, firstStepPassword, ip)
	}
	return SignInStep{Token: token, Actor: actor}, nil
}

// joinRefused carries why a code was refused out of the read transaction.
type joinRefused struct{ reason string }

func (joinRefused) Error() string { return "goldthread: invitation code refused" }

// joinPause returns how long joining must wait: zero while the wrong codes
// of the last joinWindow, from all addresses, stay under joinCeiling; else
// until the oldest of them leaves the window.
func (db *DB) joinPause(ctx context.Context) (time.Duration, error) {
	now := db.now()
	var n int
	var oldest sql.NullTime
	err := db.readRow(ctx, "SELECT COUNT(*) FROM portal_join_failure WHERE failed_at > ?", []any{now.Add(-joinWindow)}, &n)
	if err != nil {
		return 0, fmt.Errorf("store.joinPause: %w", err)
	}
	if n < joinCeiling {
		return 0, nil
	}
	err = db.readRow(ctx, "SELECT failed_at FROM portal_join_failure WHERE failed_at > ? ORDER BY failed_at LIMIT 1",
		[]any{now.Add(-joinWindow)}, &oldest)
	if err != nil {
		return 0, fmt.Errorf("store.joinPause: %w", err)
	}
	return max(oldest.Time.Add(joinWindow).Sub(now), time.Second), nil
}

// joinFailed counts a refused code toward the pause and audits it (the
// invitation and participant when the code was a real one), in one
// transaction, and returns the answer for the participant.
func (db *DB) joinFailed(ctx context.Context, agencyID, invitationID, participantID int64, ip, reason string) error {
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.insert(ctx, "INSERT INTO portal_join_failure (failed_at, ip) VALUES (?, ?)", tx.now, ip); err != nil {
			return err
		}
		return tx.Audit(ctx, goldthread.AuditEvent{AgencyID: agencyID, Action: goldthread.ActionSignInFailed, RecordType: "portal_invitation",
			RecordID: invitationID, ParticipantID: participantID, IP: ip, Outcome: goldthread.OutcomeFailure, Detail: reason})
	})
	if err != nil {
		return fmt.Errorf("store.JoinPortal: %w", err)
	}
	return errJoinCode
}

// checkJoinInput checks the chosen sign-in name (an email address, or 3 to
// 64 letters, digits, dots, dashes and underscores) and the password
// against the password policy, and returns the normalized name.
func (db *DB) checkJoinInput(ctx context.Context, participantID int64, in PortalJoin) (string, string, error) {
	name := NormalizeEmail(in.SignInName)
	switch {
	case name == "":
		return "", "", goldthread.FieldError("sign_in_name", "Choose the name you will sign in with: your email address, or a username such as marcus.b.")
	case strings.Contains(name, "@"):
		if a, err := mail.ParseAddress(name); err != nil || a.Address != name {
			return "", "", goldthread.FieldError("sign_in_name", "That is not an email address. Check it, or choose a username without @.")
		}
	case !validUsername(name):
		return "", "", goldthread.FieldError("sign_in_name", "A username has 3 to 64 letters, digits, dots, dashes or underscores, and starts with a letter or digit.")
	}
	var p goldthread.Participant
	var agency string
	if err := db.readRow(ctx, "SELECT p.first_name, p.preferred_name, p.last_name, a.name FROM participant p JOIN agency a ON a.id = p.agency_id WHERE p.id = ?",
		[]any{participantID}, &p.FirstName, &p.PreferredName, &p.LastName, &agency); err != nil {
		return "", "", fmt.Errorf("store.JoinPortal: %w", err)
	}
	if err := password.CheckPolicy("password", in.Password, name, p.FirstName, p.PreferredName, p.LastName, agency); err != nil {
		return "", "", err
	}
	return name, in.Password, nil
}

func validUsername(s string) bool {
	if len(s) < 3 || len(s) > 64 {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case i > 0 && (r == '.' || r == '-' || r == '_'):
		default:
			return false
		}
	}
	return true
}

// joinAccount gives the participant their account inside tx: a new one
// with the participant role, or their existing one with the new sign-in
// name and password and every session ended. A taken name is EINVALID on
// sign_in_name; an account turned off is EFORBIDDEN. Both are audited.
func joinAccount(ctx context.Context, tx *Tx, agencyID, participantID int64, name, pwHash, ip string) (int64, error) {
	taken := goldthread.FieldError("sign_in_name", "Someone already signs in with that name. Choose another.")
	var userID int64
	var active bool
	err := tx.QueryRow(ctx, "SELECT id, active FROM app_user WHERE participant_id = ?", participantID).Scan(&userID, &active)
	ev := goldthread.AuditEvent{AgencyID: agencyID, ActorRole: goldthread.RoleParticipant, RecordType: "user", ParticipantID: participantID,
		IP: ip, Outcome: goldthread.OutcomeSuccess}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		var p goldthread.Participant
		if err := tx.QueryRow(ctx, "SELECT first_name, preferred_name, last_name FROM participant WHERE id = ?", participantID).
			Scan(&p.FirstName, &p.PreferredName, &p.LastName); err != nil {
			return 0, fmt.Errorf("store.JoinPortal: %w", err)
		}
		userID, err = tx.insert(ctx, `INSERT INTO app_user (agency_id, email, name, password_hash, active, participant_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, agencyID, name, p.DisplayName(), pwHash, true, participantID, tx.now, tx.now)
		if isUniqueViolation(err) {
			return 0, taken
		}
		if err != nil {
			return 0, fmt.Errorf("store.JoinPortal: %w", err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO user_role (user_id, agency_id, role) VALUES (?, ?, ?)", userID, agencyID, string(goldthread.RoleParticipant)); err != nil {
			return 0, fmt.Errorf("store.JoinPortal: %w", err)
		}
		ev.Action, ev.Detail = goldthread.ActionCreate, "roles=participant via=portal_invitation"
	case err != nil:
		return 0, fmt.Errorf("store.JoinPortal: %w", err)
	case !active:
		return 0, goldthread.Errorf(goldthread.EFORBIDDEN, "This account is turned off. Ask your peer specialist.")
	default:
		_, err := tx.Exec(ctx, "UPDATE app_user SET email = ?, password_hash = ?, updated_at = ? WHERE id = ?", name, pwHash, tx.now, userID)
		if isUniqueViolation(err) {
			return 0, taken
		}
		if err != nil {
			return 0, fmt.Errorf("store.JoinPortal: %w", err)
		}
		if _, err := tx.Exec(ctx, "UPDATE user_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", tx.now, userID); err != nil {
			return 0, fmt.Errorf("store.JoinPortal: %w", err)
		}
		ev.Action, ev.Detail = goldthread.ActionUpdate, "password via=portal_invitation"
	}
	ev.ActorID, ev.RecordID = userID, userID
	return userID, tx.Audit(ctx, ev)
}
