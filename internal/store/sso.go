package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// SSOIdentity is who an agency's identity provider says signed in. It has
// the fields of sso.Identity, so the web converts one into the other; the
// store stays free of the OpenID Connect libraries.
type SSOIdentity struct {
	Issuer        string
	Subject       string
	Email         string
	EmailVerified bool
	AMR           []string
}

// ssoStateLife bounds one round trip to the provider, sign-in page included.
const ssoStateLife = 10 * time.Minute

// errSSO is the one answer for every single sign-on the store refuses, so
// it never tells whether an account exists, is inactive or belongs to a
// participant.
var errSSO = goldthread.Errorf(goldthread.EUNAUTHORIZED,
	"That sign-in does not match an active staff account here. Ask your administrator, or sign in with your email and password.")

// errSSOState answers a state that is unknown, expired or already used.
var errSSOState = goldthread.Errorf(goldthread.EUNAUTHORIZED, "That sign-in took too long or was already used. Start again.")

// StartSSO begins a single sign-on: it returns a fresh random state, nonce
// and PKCE verifier for the provider round trip. Only the state's hash is
// kept, with the nonce and verifier, for ten minutes and one use (see
// TakeSSOState). Expired states are cleared on the way.
func (db *DB) StartSSO(ctx context.Context, ip string) (state, nonce, verifier string, err error) {
	state, hash, err := newToken()
	if err != nil {
		return "", "", "", err
	}
	// 32 random bytes in base64url: 43 characters, a valid PKCE verifier.
	if nonce, _, err = newToken(); err != nil {
		return "", "", "", err
	}
	if verifier, _, err = newToken(); err != nil {
		return "", "", "", err
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM sso_state WHERE expires_at < ?", tx.now); err != nil {
			return err
		}
		_, err := tx.insert(ctx, `INSERT INTO sso_state (state_hash, nonce, verifier, ip, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			hash, nonce, verifier, ip, tx.now, tx.now.Add(ssoStateLife))
		return err
	})
	if err != nil {
		return "", "", "", fmt.Errorf("store.StartSSO: %w", err)
	}
	return state, nonce, verifier, nil
}

// TakeSSOState spends the state the provider sent back and returns the
// nonce and verifier kept for it. A state works once and for ten minutes.
// Returns EUNAUTHORIZED when it is unknown, expired or already used.
func (db *DB) TakeSSOState(ctx context.Context, state string) (nonce, verifier string, err error) {
	if state == "" {
		return "", "", errSSOState
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		var id int64
		var expires time.Time
		var used sql.NullTime
		err := tx.QueryRow(ctx, "SELECT id, nonce, verifier, expires_at, used_at FROM sso_state WHERE state_hash = ?", hashToken(state)).
			Scan(&id, &nonce, &verifier, &expires, &used)
		if errors.Is(err, sql.ErrNoRows) {
			return errSSOState
		}
		if err != nil {
			return fmt.Errorf("store.TakeSSOState: %w", err)
		}
		if used.Valid || !tx.now.Before(expires) {
			return errSSOState
		}
		res, err := tx.Exec(ctx, "UPDATE sso_state SET used_at = ? WHERE id = ? AND used_at IS NULL", tx.now, id)
		if err != nil {
			return fmt.Errorf("store.TakeSSOState: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errSSOState // a concurrent callback spent it first
		}
		return nil
	})
	if err != nil {
		return "", "", err
	}
	return nonce, verifier, nil
}

// RefuseSSO audits a single sign-on that failed before an account was in
// question (a bad or spent state, the provider said no, the token failed
// verification) for the agency with slug agency, and returns the generic
// EUNAUTHORIZED error. reason is a short code starting with "sso_".
func (db *DB) RefuseSSO(ctx context.Context, agency, ip, reason string) error {
	if !strings.HasPrefix(reason, "sso_") {
		reason = "sso_" + reason
	}
	var agencyID int64
	err := db.readRow(ctx, "SELECT id FROM agency WHERE slug = ?", []any{agency}, &agencyID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store.RefuseSSO: %w", err)
	}
	return db.refuseSSO(ctx, agencyID, 0, ip, reason)
}

func (db *DB) refuseSSO(ctx context.Context, agencyID, userID int64, ip, reason string) error {
	if err := db.auditSignInFailure(ctx, agencyID, userID, ip, reason); !errors.Is(err, errSignIn) {
		return err
	}
	return errSSO
}

// SignInSSO opens a web session for the staff member the identity provider
// vouched for, on behalf of the agency with slug agency (the one agency
// whose staff the provider serves). The person is found by (issuer,
// subject) once linked; before that by a verified email (NormalizeEmail)
// of an active staff account of that agency, which is then linked, so a
// later change of email at the provider does not matter. Accounts are
// never created. Every attempt is audited.
//
// The step carries a Challenge when the person has a second factor (TOTP
// or a passkey): the local second step still applies, as after a password.
// Returns
// EUNAUTHORIZED with one generic message for an unverified email, an
// unknown account, an account of another agency, an inactive account, a
// participant's account (participants keep their passwords), or a person
// already linked to another subject at the same provider.
func (db *DB) SignInSSO(ctx context.Context, agency string, id SSOIdentity, ip string, pol SessionPolicy) (SignInStep, error) {
	if id.Issuer == "" || id.Subject == "" {
		return SignInStep{}, fmt.Errorf("store.SignInSSO: an identity needs its issuer and subject")
	}
	var agencyID, userID int64
	var reason string
	var mfa bool
	var token string
	var actor goldthread.Actor
	err := db.WriteTx(ctx, func(tx *Tx) error {
		agencyID, userID, reason, mfa = 0, 0, "", false // WriteTx may run this twice
		if err := tx.QueryRow(ctx, "SELECT id FROM agency WHERE slug = ?", agency).Scan(&agencyID); err != nil {
			return fmt.Errorf("store.SignInSSO: the single sign-on agency %q: %w", agency, err)
		}
		var linkID int64
		err := tx.QueryRow(ctx, "SELECT id, user_id FROM sso_identity WHERE issuer = ? AND subject = ?", id.Issuer, id.Subject).Scan(&linkID, &userID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store.SignInSSO: %w", err)
		}
		if linkID == 0 {
			if reason, err = ssoMatchEmail(ctx, tx, agencyID, id, &userID); reason != "" || err != nil {
				return err
			}
		}
		if reason, err = ssoAccountRefusal(ctx, tx, agencyID, userID); reason != "" || err != nil {
			if reason == "sso_unknown_account" {
				userID = 0 // an account of another agency is not this agency's to name
			}
			return err
		}
		if linkID == 0 {
			if reason, err = ssoLink(ctx, tx, agencyID, userID, id, ip); reason != "" || err != nil {
				return err
			}
		} else if _, err := tx.Exec(ctx, "UPDATE sso_identity SET last_used_at = ? WHERE id = ?", tx.now, linkID); err != nil {
			return fmt.Errorf("store.SignInSSO: %w", err)
		}
		if err := tx.QueryRow(ctx, secondFactorQuery, userID).Scan(&mfa); err != nil {
			return fmt.Errorf("store.SignInSSO: %w", err)
		}
		if mfa {
			return nil
		}
		token, actor, err = openSession(ctx, tx, userID, SessionWeb, ip, pol, ssoDetail(id.AMR))
		return err
	})
	switch {
	case err != nil:
		return SignInStep{}, err
	case reason != "":
		return SignInStep{}, db.refuseSSO(ctx, agencyID, userID, ip, reason)
	case mfa:
		return db.askSecondStep(ctx, userID, SessionWeb, firstStepSSO, ip)
	}
	return SignInStep{Token: token, Actor: actor}, nil
}

// ssoMatchEmail finds the account of agencyID whose email is the verified
// email of id, filling userID, or returns the reason it cannot.
func ssoMatchEmail(ctx context.Context, tx *Tx, agencyID int64, id SSOIdentity, userID *int64) (string, error) {
	email := NormalizeEmail(id.Email)
	if !id.EmailVerified || email == "" {
		return "sso_unverified_email", nil
	}
	err := tx.QueryRow(ctx, "SELECT id FROM app_user WHERE email = ? AND agency_id = ?", email, agencyID).Scan(userID)
	if errors.Is(err, sql.ErrNoRows) {
		return "sso_unknown_account", nil
	}
	if err != nil {
		return "", fmt.Errorf("store.SignInSSO: %w", err)
	}
	return "", nil
}

// ssoAccountRefusal returns why userID may not sign in through the
// agency's provider, or "" when it may: it must be an active staff
// account of agencyID, not a participant's.
func ssoAccountRefusal(ctx context.Context, tx *Tx, agencyID, userID int64) (string, error) {
	var owner int64
	var active, participant bool
	err := tx.QueryRow(ctx, `SELECT agency_id, active, CASE WHEN participant_id IS NOT NULL OR EXISTS
			(SELECT 1 FROM user_role r WHERE r.user_id = app_user.id AND r.role = ?) THEN TRUE ELSE FALSE END
		FROM app_user WHERE id = ?`, string(goldthread.RoleParticipant), userID).Scan(&owner, &active, &participant)
	switch {
	case errors.Is(err, sql.ErrNoRows) || (err == nil && owner != agencyID):
		return "sso_unknown_account", nil
	case err != nil:
		return "", fmt.Errorf("store.SignInSSO: %w", err)
	case !active:
		return "sso_inactive_account", nil
	case participant:
		return "sso_participant_account", nil
	}
	return "", nil
}

// ssoLink links userID to id's (issuer, subject) and audits it. A person
// links to one subject per provider: another subject arriving with their
// email is refused, since an address reused at the provider is not the
// same person.
func ssoLink(ctx context.Context, tx *Tx, agencyID, userID int64, id SSOIdentity, ip string) (string, error) {
	var linked int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM sso_identity WHERE issuer = ? AND user_id = ?", id.Issuer, userID).Scan(&linked); err != nil {
		return "", fmt.Errorf("store.SignInSSO: %w", err)
	}
	if linked > 0 {
		return "sso_other_subject", nil
	}
	actor, err := loadActor(ctx, tx, userID)
	if err != nil {
		return "", err
	}
	linkID, err := tx.insert(ctx, `INSERT INTO sso_identity (agency_id, user_id, issuer, subject, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)`,
		agencyID, userID, id.Issuer, id.Subject, tx.now, tx.now)
	if err != nil {
		return "", fmt.Errorf("store.SignInSSO: %w", err)
	}
	actor.IP = ip
	ev := auditFor(actor, goldthread.ActionCreate, "sso_identity", linkID, 0)
	ev.Detail = "linked by verified email"
	return "", tx.Audit(ctx, ev)
}

// amrValue is what an authentication method reference may look like in an
// audit detail ("pwd", "mfa", "hwk"): anything else is dropped, so the
// provider cannot write free text into the trail.
var amrValue = regexp.MustCompile(`^[A-Za-z0-9_-]{1,16}$`)

// ssoDetail is the audit detail of a single sign-on session: how the
// provider says the person proved who they are.
func ssoDetail(amr []string) string {
	var keep []string
	for _, m := range amr {
		if amrValue.MatchString(m) && len(keep) < 6 {
			keep = append(keep, m)
		}
	}
	if len(keep) == 0 {
		return SessionWeb + " sso"
	}
	return SessionWeb + " sso amr=" + strings.Join(keep, ",")
}
