package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// staffAccess is how an actor stands to one staff member of their agency.
type staffAccess struct {
	Self   bool // the actor is the staff member
	Manage bool // an administrator, or a supervisor (or designated alternate) of the staff member
	Read   bool // Self, Manage, or an auditor
}

// accessToStaff returns the actor's access to staffID, or ENOTFOUND when
// staffID is not a staff member of the actor's agency or the actor may not
// even read their workforce record (a colleague's credentials are not
// everyone's business).
func accessToStaff(ctx context.Context, tx *Tx, actor goldthread.Actor, staffID int64) (staffAccess, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM app_user WHERE id = ? AND agency_id = ? AND participant_id IS NULL`,
		staffID, actor.AgencyID).Scan(&n)
	if err != nil {
		return staffAccess{}, fmt.Errorf("store.accessToStaff: %w", err)
	}
	if n == 0 || actor.Anonymous() {
		return staffAccess{}, goldthread.Errorf(goldthread.ENOTFOUND, "No staff member %d in your agency.", staffID)
	}
	a := staffAccess{Self: actor.UserID == staffID, Manage: actor.Has(goldthread.RoleAdministrator)}
	if !a.Manage && actor.Has(goldthread.RoleSupervisor) {
		if a.Manage, err = supervises(ctx, tx, actor.AgencyID, actor.UserID, staffID); err != nil {
			return a, err
		}
	}
	a.Read = a.Self || a.Manage || actor.Has(goldthread.RoleAuditor)
	if !a.Read {
		return a, goldthread.Errorf(goldthread.ENOTFOUND, "Staff member %d is not on your team; their supervisor or an administrator can help.", staffID)
	}
	return a, nil
}

// supervises reports whether supervisorID supervises peerID (directly or as
// the designated alternate) in agencyID.
func supervises(ctx context.Context, tx *Tx, agencyID, supervisorID, peerID int64) (bool, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM supervision_link WHERE supervisor_id = ? AND peer_id = ? AND agency_id = ?`,
		supervisorID, peerID, agencyID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store.supervises: %w", err)
	}
	return n > 0, nil
}

// packCredential finds the rule pack credential with code t (credential
// codes are unique across packs) as the pack file has it, and its pack id.
func packCredential(t string) (rules.Credential, string, bool) {
	cat, err := rulePacks()
	if err != nil {
		return rules.Credential{}, "", false
	}
	for _, p := range cat.Packs() {
		if c, ok := p.Credential(t); ok {
			return c, p.ID, true
		}
	}
	return rules.Credential{}, "", false
}

// agencyCredential is packCredential read from the agency's effective
// pack (its rule overrides applied, e.g. credentials.CPSS.renewal_months)
// when one of its programs bills under that pack.
func agencyCredential(ctx context.Context, tx *Tx, agencyID int64, t string) (rules.Credential, bool, error) {
	c, packID, ok := packCredential(t)
	if !ok {
		return c, false, nil
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM program WHERE agency_id = ? AND rule_pack = ?", agencyID, packID).Scan(&n); err != nil {
		return c, false, fmt.Errorf("store.agencyCredential: %w", err)
	}
	if n == 0 {
		return c, true, nil
	}
	p, err := AgencyPack(ctx, tx, agencyID, packID)
	if err != nil {
		return c, false, err
	}
	c, ok = p.Credential(t)
	return c, ok, nil
}

// CredentialTypes are the types a credential form offers and a credential
// may have: every rule pack's certifications, in pack order, then the
// clinical licences.
func CredentialTypes() []string {
	var out []string
	if cat, err := rulePacks(); err == nil {
		for _, p := range cat.Packs() {
			for _, c := range p.Credentials {
				if !slices.Contains(out, c.Code) {
					out = append(out, c.Code)
				}
			}
		}
	}
	for _, l := range goldthread.LicenceTypes {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// defaultExpiry gives a credential without an expiry date the renewal
// period of its pack as the agency applies it.
func defaultExpiry(ctx context.Context, tx *Tx, agencyID int64, in *CredentialInput) error {
	if !in.Expires.IsZero() {
		return nil
	}
	c, ok, err := agencyCredential(ctx, tx, agencyID, in.Type)
	if err != nil || !ok || c.RenewalMonths.Value <= 0 {
		return err
	}
	in.Expires = goldthread.DateOf(in.Issued.AddDate(0, c.RenewalMonths.Value, 0))
	return nil
}

// CredentialInput is the root type under its old name, so callers of the
// store need not change; its rules are goldthread.CredentialInput.Validate.
type CredentialInput = goldthread.CredentialInput

// AddCredential records a credential of staffID. An administrator or the
// person's supervisor adds it verified; the person may add their own, which
// stays unverified (and does not count) until a supervisor or administrator
// verifies it. Nobody verifies their own. Audited in the same transaction.
func (db *DB) AddCredential(ctx context.Context, actor goldthread.Actor, staffID int64, in CredentialInput) (goldthread.Credential, error) {
	today, err := db.agencyToday(ctx, actor.AgencyID)
	if err != nil {
		return goldthread.Credential{}, err
	}
	if err := in.Validate(today, CredentialTypes()); err != nil {
		return goldthread.Credential{}, err
	}
	var c goldthread.Credential
	err = db.WriteTx(ctx, func(tx *Tx) error {
		acc, err := accessToStaff(ctx, tx, actor, staffID)
		if err != nil {
			return err
		}
		if !acc.Self && !acc.Manage {
			return goldthread.Errorf(goldthread.EFORBIDDEN, "Only the person, their supervisor or an administrator adds credentials.")
		}
		if err := defaultExpiry(ctx, tx, actor.AgencyID, &in); err != nil {
			return err
		}
		var verifier any
		var verifiedAt any
		if acc.Manage && !acc.Self {
			verifier, verifiedAt = actor.UserID, tx.now
		}
		id, err := tx.insert(ctx, `INSERT INTO credential (agency_id, staff_id, type, number, issuer, issued_on, expires_on, evidence,
			verified_by, verified_at, revoked, revoked_reason, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, staffID, in.Type, in.Number, in.Issuer, in.Issued, in.Expires, in.Evidence,
			verifier, verifiedAt, false, "", nullID(actor.UserID), tx.now, tx.now)
		if err != nil {
			return fmt.Errorf("store.AddCredential: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionCreate, "credential", id, 0)
		ev.Detail = fmt.Sprintf("staff=%d type=%s verified=%v", staffID, in.Type, verifier != nil)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		c, err = credentialByID(ctx, tx, actor.AgencyID, id)
		return err
	})
	return c, err
}

// CredentialChange is the root type under its old name.
type CredentialChange = goldthread.CredentialChange

// UpdateCredential changes credential id. A supervisor of the person or an
// administrator may change any field (the credential is then verified by
// them) and revoke it with a reason; the person may correct their own only
// while it is unverified. A revoked credential never changes again: add the
// new one. Audited in the same transaction with the fields changed.
func (db *DB) UpdateCredential(ctx context.Context, actor goldthread.Actor, id int64, ch CredentialChange) (goldthread.Credential, error) {
	today, err := db.agencyToday(ctx, actor.AgencyID)
	if err != nil {
		return goldthread.Credential{}, err
	}
	if err := ch.Validate(today, CredentialTypes()); err != nil {
		return goldthread.Credential{}, err
	}
	var c goldthread.Credential
	err = db.WriteTx(ctx, func(tx *Tx) error {
		before, err := credentialByID(ctx, tx, actor.AgencyID, id)
		if err != nil {
			return err
		}
		acc, err := accessToStaff(ctx, tx, actor, before.StaffID)
		if err != nil {
			return err
		}
		switch {
		case before.Revoked:
			return goldthread.Errorf(goldthread.ECONFLICT, "This credential was revoked and no longer changes; add the new credential instead.")
		case acc.Self && !acc.Manage && (before.Verified() || ch.Revoke):
			return goldthread.Errorf(goldthread.EFORBIDDEN, "Your supervisor has verified this credential; ask them or an administrator to change it.")
		case !acc.Self && !acc.Manage:
			return goldthread.Errorf(goldthread.EFORBIDDEN, "Only the person's supervisor or an administrator changes this credential.")
		}
		if err := defaultExpiry(ctx, tx, actor.AgencyID, &ch.CredentialInput); err != nil {
			return err
		}
		verifier, verifiedAt := any(nil), any(nil)
		if acc.Manage && !acc.Self {
			verifier, verifiedAt = actor.UserID, tx.now
		}
		_, err = tx.Exec(ctx, `UPDATE credential SET type = ?, number = ?, issuer = ?, issued_on = ?, expires_on = ?, evidence = ?,
			verified_by = ?, verified_at = ?, revoked = ?, revoked_reason = ?, updated_at = ? WHERE id = ? AND agency_id = ?`,
			ch.Type, ch.Number, ch.Issuer, ch.Issued, ch.Expires, ch.Evidence, verifier, verifiedAt, ch.Revoke, ch.RevokedReason,
			tx.now, id, actor.AgencyID)
		if err != nil {
			return fmt.Errorf("store.UpdateCredential: %w", err)
		}
		var changed []string
		for name, diff := range map[string]bool{"type": before.Type != ch.Type, "number": before.Number != ch.Number,
			"issuer": before.Issuer != ch.Issuer, "issued_on": before.Issued != ch.Issued, "expires_on": before.Expires != ch.Expires,
			"evidence": before.Evidence != ch.Evidence} {
			if diff {
				changed = append(changed, name)
			}
		}
		slices.Sort(changed)
		ev := auditFor(actor, goldthread.ActionUpdate, "credential", id, 0)
		ev.Detail = fmt.Sprintf("staff=%d changed=%s verified=%v revoked=%v", before.StaffID, strings.Join(changed, ","), verifier != nil, ch.Revoke)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		c, err = credentialByID(ctx, tx, actor.AgencyID, id)
		return err
	})
	return c, err
}

// VerifyCredential marks credential id as checked by the actor, who must be
// the person's supervisor or an administrator, and not the person.
func (db *DB) VerifyCredential(ctx context.Context, actor goldthread.Actor, id int64) (goldthread.Credential, error) {
	var c goldthread.Credential
	err := db.WriteTx(ctx, func(tx *Tx) error {
		before, err := credentialByID(ctx, tx, actor.AgencyID, id)
		if err != nil {
			return err
		}
		acc, err := accessToStaff(ctx, tx, actor, before.StaffID)
		if err != nil {
			return err
		}
		switch {
		case acc.Self:
			return goldthread.Errorf(goldthread.EFORBIDDEN, "Nobody verifies their own credential; ask your supervisor or an administrator.")
		case !acc.Manage:
			return goldthread.Errorf(goldthread.EFORBIDDEN, "Only the person's supervisor or an administrator verifies credentials.")
		case before.Revoked:
			return goldthread.Errorf(goldthread.ECONFLICT, "This credential was revoked; it cannot be verified.")
		}
		if _, err := tx.Exec(ctx, "UPDATE credential SET verified_by = ?, verified_at = ?, updated_at = ? WHERE id = ? AND agency_id = ?",
			actor.UserID, tx.now, tx.now, id, actor.AgencyID); err != nil {
			return fmt.Errorf("store.VerifyCredential: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "credential", id, 0)
		ev.Detail = fmt.Sprintf("staff=%d verified", before.StaffID)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		c, err = credentialByID(ctx, tx, actor.AgencyID, id)
		return err
	})
	return c, err
}

const credentialColumns = `c.id, c.staff_id, u.name, c.type, c.number, c.issuer, c.issued_on, c.expires_on, c.evidence,
	c.verified_by, COALESCE(v.name, ''), c.verified_at, c.revoked, c.revoked_reason, c.created_at, c.updated_at`

const credentialFrom = ` FROM credential c JOIN app_user u ON u.id = c.staff_id LEFT JOIN app_user v ON v.id = c.verified_by `

func scanCredential(r scanner) (goldthread.Credential, error) {
	var c goldthread.Credential
	var verifier sql.NullInt64
	var verifiedAt sql.NullTime
	err := r.Scan(&c.ID, &c.StaffID, &c.StaffName, &c.Type, &c.Number, &c.Issuer, &c.Issued, &c.Expires, &c.Evidence,
		&verifier, &c.VerifiedByName, &verifiedAt, &c.Revoked, &c.RevokedReason, &c.Created, &c.Updated)
	c.VerifiedBy, c.VerifiedAt = verifier.Int64, verifiedAt.Time
	return c, err
}

func credentialByID(ctx context.Context, tx *Tx, agencyID, id int64) (goldthread.Credential, error) {
	c, err := scanCredential(tx.QueryRow(ctx, "SELECT "+credentialColumns+credentialFrom+"WHERE c.id = ? AND c.agency_id = ?", id, agencyID))
	if err != nil {
		return c, notFound(err, "No credential %d in your agency.", id)
	}
	return c, nil
}

// credentialsWhere lists credentials matching cond (on alias c), newest
// issue first within each type.
func credentialsWhere(ctx context.Context, tx *Tx, cond string, args ...any) ([]goldthread.Credential, error) {
	rows, err := tx.Query(ctx, "SELECT "+credentialColumns+credentialFrom+"WHERE "+cond+" ORDER BY u.name, c.staff_id, c.type, c.issued_on DESC, c.id DESC", args...)
	if err != nil {
		return nil, fmt.Errorf("store.credentials: %w", err)
	}
	defer rows.Close()
	var out []goldthread.Credential
	for rows.Next() {
		c, err := scanCredential(rows)
		if err != nil {
			return nil, fmt.Errorf("store.credentials: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Credentials lists the credentials of staffID: for the person, their
// supervisors, administrators and auditors; ENOTFOUND for anyone else.
func (db *DB) Credentials(ctx context.Context, actor goldthread.Actor, staffID int64) ([]goldthread.Credential, error) {
	var out []goldthread.Credential
	err := db.ReadTx(ctx, func(tx *Tx) error {
		if _, err := accessToStaff(ctx, tx, actor, staffID); err != nil {
			return err
		}
		var err error
		out, err = credentialsWhere(ctx, tx, "c.staff_id = ? AND c.agency_id = ?", staffID, actor.AgencyID)
		return err
	})
	return out, err
}

// CredentialOnDate answers whether staffID held a valid credential on date
// on, of one of the types in accept (any type when accept is empty): the
// credential when so, otherwise why not — unverified, expired, revoked, not
// yet issued, or missing. The rule engine's credential rule uses it for the
// service date. Any staff member of the agency may ask (billing and the
// note checks need it); a participant may not.
func (db *DB) CredentialOnDate(ctx context.Context, actor goldthread.Actor, staffID int64, on goldthread.Date, accept ...string) (goldthread.CredentialCheck, error) {
	check := goldthread.CredentialCheck{StaffID: staffID, On: on, Reason: goldthread.CredentialMissing}
	if actor.Anonymous() || (len(actor.Roles) == 1 && actor.Has(goldthread.RoleParticipant)) {
		return check, goldthread.Errorf(goldthread.EFORBIDDEN, "Only staff check credentials.")
	}
	if on.IsZero() {
		return check, goldthread.FieldError("date", "Give the date to check as YYYY-MM-DD.")
	}
	var list []goldthread.Credential
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM app_user WHERE id = ? AND agency_id = ? AND participant_id IS NULL",
			staffID, actor.AgencyID).Scan(&n); err != nil {
			return fmt.Errorf("store.CredentialOnDate: %w", err)
		}
		if n == 0 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "No staff member %d in your agency.", staffID)
		}
		var err error
		list, err = credentialsWhere(ctx, tx, "c.staff_id = ? AND c.agency_id = ?", staffID, actor.AgencyID)
		return err
	})
	if err != nil {
		return check, err
	}
	return CheckCredentials(list, staffID, on, accept...), nil
}

// reasonRank orders why-not reasons from the most to the least telling:
// an unverified credential is nearly valid; an expired one was valid once.
var reasonRank = []string{goldthread.CredentialValid, goldthread.CredentialUnverified, goldthread.CredentialExpired,
	goldthread.CredentialRevoked, goldthread.CredentialNotYet, goldthread.CredentialMissing}

// CheckCredentials is CredentialOnDate's decision over a list already read:
// a valid credential of an accepted type wins; otherwise the most telling
// reason among them (for expired ones, the latest to expire).
func CheckCredentials(list []goldthread.Credential, staffID int64, on goldthread.Date, accept ...string) goldthread.CredentialCheck {
	best := goldthread.CredentialCheck{StaffID: staffID, On: on, Reason: goldthread.CredentialMissing}
	for i := range list {
		c := list[i]
		if c.StaffID != staffID || (len(accept) > 0 && !slices.Contains(accept, c.Type)) {
			continue
		}
		st := c.StatusOn(on)
		better := slices.Index(reasonRank, st) < slices.Index(reasonRank, best.Reason)
		if st == best.Reason && st == goldthread.CredentialExpired && c.Expires.After(best.Credential.Expires.Time) {
			better = true
		}
		if better {
			best.Reason, best.Credential = st, &c
		}
	}
	best.Valid = best.Reason == goldthread.CredentialValid
	return best
}

// current keeps, per staff member and type, the credential in force: the
// latest issued that is not revoked (a renewal supersedes the old one).
func current(list []goldthread.Credential) []goldthread.Credential {
	seen := map[string]bool{}
	var out []goldthread.Credential
	for _, c := range list { // ordered by staff, type, issued_on DESC
		key := fmt.Sprint(c.StaffID, "/", c.Type)
		if c.Revoked || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, c)
	}
	return out
}

// ExpiringCredentials returns the alerts the actor should see today: their
// own credentials and, for a supervisor, their team's (for an
// administrator, everyone's) that expire within 90 days or have expired,
// each with the 90/60/30-day threshold it has crossed (0 once expired).
// Only the credential in force per type counts: a renewal ends the alert.
func (db *DB) ExpiringCredentials(ctx context.Context, actor goldthread.Actor) ([]goldthread.CredentialAlert, error) {
	if actor.Anonymous() {
		return nil, goldthread.Errorf(goldthread.EUNAUTHORIZED, "Sign in to see credential alerts.")
	}
	today, err := db.agencyToday(ctx, actor.AgencyID)
	if err != nil {
		return nil, err
	}
	cond := "c.agency_id = ? AND (c.staff_id = ?"
	args := []any{actor.AgencyID, actor.UserID}
	if actor.Has(goldthread.RoleAdministrator) {
		cond += " OR 1 = 1"
	} else if actor.Has(goldthread.RoleSupervisor) {
		cond += " OR c.staff_id IN (SELECT l.peer_id FROM supervision_link l WHERE l.supervisor_id = ? AND l.agency_id = ?)"
		args = append(args, actor.UserID, actor.AgencyID)
	}
	cond += ") AND u.active = ?"
	args = append(args, true)
	var list []goldthread.Credential
	err = db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		list, err = credentialsWhere(ctx, tx, cond, args...)
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []goldthread.CredentialAlert
	for _, c := range current(list) {
		th := c.AlertThreshold(today)
		if th < 0 {
			continue
		}
		days, _ := c.DaysToExpiry(today)
		out = append(out, goldthread.CredentialAlert{Credential: c, DaysLeft: days, Threshold: th, Own: c.StaffID == actor.UserID})
	}
	slices.SortStableFunc(out, func(a, b goldthread.CredentialAlert) int { return a.DaysLeft - b.DaysLeft })
	return out, nil
}

// Credential returns credential id for the person, their supervisors,
// administrators and auditors; ENOTFOUND for anyone else.
func (db *DB) Credential(ctx context.Context, actor goldthread.Actor, id int64) (goldthread.Credential, error) {
	var c goldthread.Credential
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		if c, err = credentialByID(ctx, tx, actor.AgencyID, id); err != nil {
			return err
		}
		_, err = accessToStaff(ctx, tx, actor, c.StaffID)
		return err
	})
	return c, err
}

// StaffAccess reports how the actor stands to staffID (the person, a
// manager — their supervisor or an administrator — or a reader), so pages
// offer only the actions the store will accept. ENOTFOUND when the actor
// may not even read the person's workforce record.
func (db *DB) StaffAccess(ctx context.Context, actor goldthread.Actor, staffID int64) (self, manage bool, name string, err error) {
	err = db.ReadTx(ctx, func(tx *Tx) error {
		acc, err := accessToStaff(ctx, tx, actor, staffID)
		if err != nil {
			return err
		}
		self, manage = acc.Self, acc.Manage
		return tx.QueryRow(ctx, "SELECT name FROM app_user WHERE id = ? AND agency_id = ?", staffID, actor.AgencyID).Scan(&name)
	})
	return self, manage, name, err
}
