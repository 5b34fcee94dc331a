package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// Staff who serve a participant (their peer, the peer's supervisor, a
// clinician: whoever participantScope lets reach them) invite them to the
// portal, see their account's state, and turn it off and on. Joining is in
// portal_join.go.

// codeAlphabet has no 0/O, 1/I/L or U: nothing a participant could misread
// when a code is read out or copied from paper.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

// codeLength characters of codeAlphabet carry about 49 bits: guessing one
// of the live codes is hopeless at the rate the throttles allow.
const codeLength = 10

// canManagePortal refuses everyone but peers, supervisors and clinicians.
func canManagePortal(actor goldthread.Actor) error {
	if !goldthread.CanManagePortalAccounts(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only the peer specialists, supervisors and clinicians who serve a participant manage their portal account.")
	}
	return nil
}

// newInvitationCode returns a random code, shown as two groups of five.
func newInvitationCode() (string, error) {
	b := make([]byte, codeLength)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	out := make([]byte, 0, codeLength+1)
	for i, c := range b {
		if i == codeLength/2 {
			out = append(out, '-')
		}
		out = append(out, codeAlphabet[int(c)%len(codeAlphabet)]) // 256 % 30 = 16: a slight, harmless bias
	}
	return string(out), nil
}

// normalizeCode folds what a person typed (any case, spaces, dashes) into
// the form that is hashed.
func normalizeCode(typed string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ' || r == '\t':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, typed)
}

// InvitePortal makes a one-time invitation for the participant to join the
// portal (or, when they already have an account and forgot their password,
// to set a new one): a link token and a short code, returned once, kept
// only as hashes, good for goldthread.PortalInvitationLife. It replaces
// any earlier invitation still waiting. Returns EFORBIDDEN for other roles,
// ENOTFOUND when the participant is out of reach, ECONFLICT when their
// account is turned off (turn it on first).
func (db *DB) InvitePortal(ctx context.Context, actor goldthread.Actor, participantID int64) (goldthread.PortalInvitation, error) {
	var inv goldthread.PortalInvitation
	if err := canManagePortal(actor); err != nil {
		return inv, err
	}
	token, tokenHash, err := newToken()
	if err != nil {
		return inv, err
	}
	code, err := newInvitationCode()
	if err != nil {
		return inv, err
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		if acct, err := portalAccountTx(ctx, tx, participantID); err != nil {
			return err
		} else if acct.State == goldthread.PortalDisabled {
			return goldthread.Errorf(goldthread.ECONFLICT, "This portal account is turned off. Turn it on again before sending an invitation.")
		}
		res, err := tx.Exec(ctx, "UPDATE portal_invitation SET revoked_at = ? WHERE participant_id = ? AND used_at IS NULL AND revoked_at IS NULL",
			tx.now, participantID)
		if err != nil {
			return fmt.Errorf("store.InvitePortal: %w", err)
		}
		replaced, _ := res.RowsAffected()
		inv = goldthread.PortalInvitation{Created: tx.now, Expires: tx.now.Add(goldthread.PortalInvitationLife), InvitedBy: actor.Name,
			Code: code, Token: token}
		inv.ID, err = tx.insert(ctx, `INSERT INTO portal_invitation (agency_id, participant_id, token_hash, code_hash, invited_by, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, participantID, tokenHash, hashToken(normalizeCode(code)), actor.UserID, inv.Created, inv.Expires)
		if err != nil {
			return fmt.Errorf("store.InvitePortal: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionCreate, "portal_invitation", inv.ID, participantID)
		ev.Detail = fmt.Sprintf("replaced=%d", replaced)
		return tx.Audit(ctx, ev)
	})
	if err != nil {
		return goldthread.PortalInvitation{}, err
	}
	return inv, nil
}

// PortalAccount returns the state of the participant's portal account and
// the invitation waiting, if any (never its code). The read is audited.
// Returns EFORBIDDEN for other roles, ENOTFOUND out of reach.
func (db *DB) PortalAccount(ctx context.Context, actor goldthread.Actor, participantID int64) (goldthread.PortalAccount, error) {
	var acct goldthread.PortalAccount
	if err := canManagePortal(actor); err != nil {
		return acct, err
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		var err error
		if acct, err = portalAccountTx(ctx, tx, participantID); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "portal_account", 0, participantID))
	})
	return acct, err
}

// portalAccountTx reads the account and the live invitation of a
// participant already known to be in reach.
func portalAccountTx(ctx context.Context, tx *Tx, participantID int64) (goldthread.PortalAccount, error) {
	acct := goldthread.PortalAccount{ParticipantID: participantID, State: goldthread.PortalNone}
	var userID int64
	var active bool
	err := tx.QueryRow(ctx, "SELECT id, email, active, created_at FROM app_user WHERE participant_id = ?", participantID).
		Scan(&userID, &acct.SignInName, &active, &acct.Since)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return acct, fmt.Errorf("store.portalAccount: %w", err)
	default:
		acct.State, acct.Since = goldthread.PortalDisabled, acct.Since.UTC()
		if active {
			acct.State = goldthread.PortalActive
		}
		if err := tx.QueryRow(ctx, secondFactorQuery, userID).Scan(&acct.SecondStep); err != nil {
			return acct, fmt.Errorf("store.portalAccount: %w", err)
		}
	}
	var inv goldthread.PortalInvitation
	err = tx.QueryRow(ctx, `SELECT i.id, i.created_at, i.expires_at, u.name FROM portal_invitation i JOIN app_user u ON u.id = i.invited_by
		WHERE i.participant_id = ? AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ? ORDER BY i.id DESC LIMIT 1`,
		participantID, tx.now).Scan(&inv.ID, &inv.Created, &inv.Expires, &inv.InvitedBy)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return acct, fmt.Errorf("store.portalAccount: %w", err)
	default:
		inv.Created, inv.Expires = inv.Created.UTC(), inv.Expires.UTC()
		acct.Invitation = &inv
		if acct.State == goldthread.PortalNone {
			acct.State = goldthread.PortalInvited
		}
	}
	return acct, nil
}

// SetPortalAccess turns the participant's portal account off (on=false,
// with one of goldthread.PortalOffReasons: every session ends at once and
// any waiting invitation is withdrawn) or on again, audited either way,
// and returns the account. Returns EFORBIDDEN for other roles, EINVALID on
// reason, ENOTFOUND out of reach or when the participant has no account yet
// (invite them).
func (db *DB) SetPortalAccess(ctx context.Context, actor goldthread.Actor, participantID int64, on bool, reason string) (goldthread.PortalAccount, error) {
	var acct goldthread.PortalAccount
	if err := canManagePortal(actor); err != nil {
		return acct, err
	}
	if !on && !slices.Contains(goldthread.PortalOffReasons, reason) {
		return acct, goldthread.FieldError("reason", "Choose why the account is turned off.")
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		var userID int64
		if err := tx.QueryRow(ctx, "SELECT id FROM app_user WHERE participant_id = ? AND agency_id = ?", participantID, actor.AgencyID).
			Scan(&userID); err != nil {
			return notFound(err, "This participant has no portal account yet. Send an invitation instead.")
		}
		if _, err := tx.Exec(ctx, "UPDATE app_user SET active = ?, updated_at = ? WHERE id = ?", on, tx.now, userID); err != nil {
			return fmt.Errorf("store.SetPortalAccess: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "portal_account", userID, participantID)
		ev.Detail = fmt.Sprintf("active=%v", on)
		if !on {
			res, err := tx.Exec(ctx, "UPDATE user_session SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", tx.now, userID)
			if err != nil {
				return fmt.Errorf("store.SetPortalAccess: %w", err)
			}
			ended, _ := res.RowsAffected()
			if _, err := tx.Exec(ctx, "UPDATE portal_invitation SET revoked_at = ? WHERE participant_id = ? AND used_at IS NULL AND revoked_at IS NULL",
				tx.now, participantID); err != nil {
				return fmt.Errorf("store.SetPortalAccess: %w", err)
			}
			ev.Detail += fmt.Sprintf(" reason=%s sessions_ended=%d", reason, ended)
		}
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		var err error
		acct, err = portalAccountTx(ctx, tx, participantID)
		return err
	})
	return acct, err
}

// joinWindow and joinCeiling bound wrong invitation codes from all
// addresses together: past the ceiling within the window, joining waits
// for everyone. The ceiling is high enough that a stranger cannot block a
// participant's joining for long, low enough that guessing stays hopeless.
const (
	joinWindow  = time.Hour
	joinCeiling = 200
)
