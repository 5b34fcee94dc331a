package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
)

// AgencyCount is how many agencies the database holds: none means the
// server has not been set up yet (the first-run page offers itself).
func (db *DB) AgencyCount(ctx context.Context) (int, error) {
	var n int
	if err := db.readRow(ctx, "SELECT COUNT(*) FROM agency", nil, &n); err != nil {
		return 0, fmt.Errorf("store.AgencyCount: %w", err)
	}
	return n, nil
}

// NewAgency is what setting up an agency asks for: the agency and the
// person who will administer it, with their first password.
type NewAgency struct {
	Agency    goldthread.Agency
	AdminName string
	Email     string
	Password  string
	// FirstOnly refuses (ECONFLICT) when any agency exists already: the
	// first-run page, which anyone who can reach the server and holds the
	// setup code may use, must never add a second agency.
	FirstOnly bool
}

// CreateAgencyWithAdministrator creates an agency and its first
// administrator in one transaction (both or neither), both audited; the
// operator's command (`goldthread agency create`) and the first-run page
// call it. The password must pass the password policy. Returns EINVALID
// naming the field (slug, name, time_zone, admin_name, email, password),
// ECONFLICT when the slug or the email is taken or, with FirstOnly, when an
// agency exists.
func (db *DB) CreateAgencyWithAdministrator(ctx context.Context, in NewAgency, cost password.Params) (goldthread.Agency, goldthread.Staff, error) {
	a := in.Agency
	a.Slug, a.Name, a.TimeZone = strings.ToLower(strings.TrimSpace(a.Slug)), strings.TrimSpace(a.Name), strings.TrimSpace(a.TimeZone)
	admin := goldthread.Staff{Name: strings.TrimSpace(in.AdminName), Email: NormalizeEmail(in.Email), Roles: []goldthread.Role{goldthread.RoleAdministrator}}
	switch {
	case a.Name == "":
		return a, admin, goldthread.FieldError("name", "Enter the agency's name, such as Riverbend Recovery Partners.")
	case !slugShape(a.Slug):
		return a, admin, goldthread.FieldError("slug", "Enter a short name of lower-case letters, digits and dashes, such as riverbend; it appears in sign-on settings.")
	case admin.Name == "":
		return a, admin, goldthread.FieldError("admin_name", "Enter the administrator's name.")
	case !strings.Contains(admin.Email, "@"):
		return a, admin, goldthread.FieldError("email", "Enter the email the administrator will sign in with.")
	}
	if a.TimeZone == "" {
		a.TimeZone = goldthread.DefaultTimeZone
	}
	loc, err := goldthread.LoadTimeZone(a.TimeZone)
	if err != nil {
		return a, admin, err
	}
	a.TimeZone = loc.String()
	if err := password.CheckPolicy("password", in.Password, admin.Email, admin.Name, a.Name); err != nil {
		return a, admin, err
	}
	hash, err := password.Hash(in.Password, cost)
	if err != nil {
		return a, admin, err
	}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		if in.FirstOnly {
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM agency").Scan(&n); err != nil {
				return fmt.Errorf("store.CreateAgencyWithAdministrator: %w", err)
			}
			if n > 0 {
				return goldthread.Errorf(goldthread.ECONFLICT, "Goldthread is set up already; sign in instead.")
			}
		}
		a.Created = tx.now
		// The billing identity starts as a placeholder (the column's
		// default) until an administrator saves it; the legal name starts
		// as the name typed here.
		id, err := tx.insert(ctx, `INSERT INTO agency (slug, name, legal_name, npi, tax_id, taxonomy, addr_line1, addr_city, addr_state, addr_postal, time_zone, created_at)
			VALUES (?, ?, ?, '', '', '', '', '', '', '', ?, ?)`, a.Slug, a.Name, a.Name, a.TimeZone, tx.now)
		if isUniqueViolation(err) {
			return goldthread.FieldConflict("slug", "An agency named %q exists already; choose another short name.", a.Slug)
		}
		if err != nil {
			return fmt.Errorf("store.CreateAgencyWithAdministrator: %w", err)
		}
		a.ID, admin.AgencyID = id, id
		if err := tx.Audit(ctx, goldthread.AuditEvent{AgencyID: id, ActorRole: "system", Action: goldthread.ActionCreate,
			RecordType: "agency", RecordID: id, Outcome: goldthread.OutcomeSuccess, Detail: "first administrator"}); err != nil {
			return err
		}
		uid, err := tx.insert(ctx, `INSERT INTO app_user (agency_id, email, name, credential, npi, password_hash, active, participant_id, created_at, updated_at)
			VALUES (?, ?, ?, '', '', ?, ?, NULL, ?, ?)`, id, admin.Email, admin.Name, hash, true, tx.now, tx.now)
		if isUniqueViolation(err) {
			return goldthread.FieldConflict("email", "Someone already signs in with %s.", admin.Email)
		}
		if err != nil {
			return fmt.Errorf("store.CreateAgencyWithAdministrator: %w", err)
		}
		admin.ID, admin.Active = uid, true
		if _, err := tx.Exec(ctx, "INSERT INTO user_role (user_id, agency_id, role) VALUES (?, ?, ?)", uid, id, string(goldthread.RoleAdministrator)); err != nil {
			return fmt.Errorf("store.CreateAgencyWithAdministrator: %w", err)
		}
		return tx.Audit(ctx, goldthread.AuditEvent{AgencyID: id, ActorRole: "system", Action: goldthread.ActionPrivilegeChange,
			RecordType: "user", RecordID: uid, Outcome: goldthread.OutcomeSuccess, Detail: "created roles=administrator"})
	})
	return a, admin, err
}

// slugShape: lower-case letters, digits and inner dashes, 2 to 40 long.
func slugShape(s string) bool {
	if len(s) < 2 || len(s) > 40 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
