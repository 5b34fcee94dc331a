package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
)

// CreateAgency inserts a, filling its ID. Used when setting up an agency (demo
// or first run), so it takes no actor; the audit event names no user.
// a.TimeZone is the agency's IANA zone (UTC when empty). a.Billing is
// stored as given (the demo's is a placeholder); an administrator sets the
// real one with SetAgencyBillingIdentity, which checks it.
// Returns ECONFLICT when the slug is taken and EINVALID when name or slug
// is empty or the zone is unknown (field "time_zone").
func (db *DB) CreateAgency(ctx context.Context, a *goldthread.Agency) error {
	a.Slug = strings.TrimSpace(strings.ToLower(a.Slug))
	switch {
	case a.Slug == "":
		return goldthread.FieldError("slug", "Enter a short name for the agency, such as riverbend.")
	case strings.TrimSpace(a.Name) == "":
		return goldthread.FieldError("name", "Enter the agency's name.")
	}
	a.TimeZone = strings.TrimSpace(a.TimeZone)
	if a.TimeZone == "" {
		a.TimeZone = goldthread.DefaultTimeZone
	}
	if _, err := goldthread.LoadTimeZone(a.TimeZone); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		a.Created = tx.now
		b := a.Billing
		pay := payToColumns(b.PayTo)
		id, err := tx.insert(ctx, `INSERT INTO agency (slug, name, legal_name, npi, tax_id, taxonomy, addr_line1, addr_line2, addr_city,
			addr_state, addr_postal, pay_to_line1, pay_to_line2, pay_to_city, pay_to_state, pay_to_postal, billing_placeholder,
			time_zone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.Slug, a.Name, b.LegalName, b.NPI, b.TaxID, b.Taxonomy, b.Address.Line1, b.Address.Line2, b.Address.City, b.Address.State,
			b.Address.PostalCode, pay[0], pay[1], pay[2], pay[3], pay[4], b.Placeholder, a.TimeZone, a.Created)
		if isUniqueViolation(err) {
			return goldthread.Errorf(goldthread.ECONFLICT, "An agency named %q already exists.", a.Slug)
		}
		if err != nil {
			return fmt.Errorf("store.CreateAgency: %w", err)
		}
		a.ID = id
		return tx.Audit(ctx, goldthread.AuditEvent{AgencyID: id, ActorRole: "system", Action: goldthread.ActionCreate,
			RecordType: "agency", RecordID: id, Outcome: goldthread.OutcomeSuccess})
	})
}

// AgencyBySlug returns the agency with slug, or ENOTFOUND.
func (db *DB) AgencyBySlug(ctx context.Context, slug string) (goldthread.Agency, error) {
	return db.agencyWhere(ctx, "slug = ?", slug)
}

// Agency returns the agency with id, or ENOTFOUND.
func (db *DB) Agency(ctx context.Context, id int64) (goldthread.Agency, error) {
	return db.agencyWhere(ctx, "id = ?", id)
}

func (db *DB) agencyWhere(ctx context.Context, where string, arg any) (goldthread.Agency, error) {
	var a goldthread.Agency
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		a, err = scanAgency(tx.QueryRow(ctx, "SELECT "+agencyColumns+" FROM agency WHERE "+where, arg))
		return err
	})
	if err != nil {
		return a, notFound(err, "No such agency.")
	}
	return a, nil
}

// CreateProgram inserts p for its agency, filling its ID. Returns EINVALID
// naming the field when the name or rule pack is missing and ECONFLICT when
// the agency already has a program of that name. Setup code may create a
// program already marked 42 CFR Part 2 (p.Part2); the audit event says so.
// Later changes go through SetProgramPart2.
func (db *DB) CreateProgram(ctx context.Context, p *goldthread.Program) error {
	switch {
	case strings.TrimSpace(p.Name) == "":
		return goldthread.FieldError("name", "Enter the program's name.")
	case strings.TrimSpace(p.RulePack) == "":
		return goldthread.FieldError("rule_pack", "Choose the payer rule pack the program bills under.")
	case p.AgencyID == 0:
		return goldthread.FieldError("agency_id", "Choose the agency the program belongs to.")
	}
	if p.TimeZone != "" {
		if _, err := goldthread.LoadTimeZone(p.TimeZone); err != nil {
			return err
		}
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		id, err := tx.insert(ctx, `INSERT INTO program (agency_id, name, rule_pack, payer, state, active, part2, time_zone, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.AgencyID, p.Name, p.RulePack, p.Payer, p.State, p.Active, p.Part2, p.TimeZone, tx.now)
		if isUniqueViolation(err) {
			return goldthread.Errorf(goldthread.ECONFLICT, "The agency already has a program named %q.", p.Name)
		}
		if err != nil {
			return fmt.Errorf("store.CreateProgram: %w", err)
		}
		p.ID = id
		ev := goldthread.AuditEvent{AgencyID: p.AgencyID, ActorRole: "system", Action: goldthread.ActionCreate,
			RecordType: "program", RecordID: id, Outcome: goldthread.OutcomeSuccess}
		if p.Part2 {
			ev.Detail = "part2=true"
		}
		return tx.Audit(ctx, ev)
	})
}

const programColumns = `id, agency_id, name, rule_pack, payer, state, active, part2, time_zone`

func scanProgram(r scanner) (goldthread.Program, error) {
	var p goldthread.Program
	err := r.Scan(&p.ID, &p.AgencyID, &p.Name, &p.RulePack, &p.Payer, &p.State, &p.Active, &p.Part2, &p.TimeZone)
	return p, err
}

// Programs lists the programs of an agency by id. agencyID 0 is EINVALID,
// never "every agency": a caller that forgot the agency gets an error, not
// the other agencies' programs (EveryProgram is the one way to list all).
func (db *DB) Programs(ctx context.Context, agencyID int64) ([]goldthread.Program, error) {
	if agencyID == 0 {
		return nil, noAgency()
	}
	return db.programsWhere(ctx, "WHERE agency_id = ?", agencyID)
}

// EveryProgram lists every agency's programs by agency and id, for the
// command line (`goldthread programs` and the commands that take a program
// id), which runs on the server for whichever agency the id belongs to.
func (db *DB) EveryProgram(ctx context.Context) ([]goldthread.Program, error) {
	return db.programsWhere(ctx, "")
}

func (db *DB) programsWhere(ctx context.Context, where string, args ...any) ([]goldthread.Program, error) {
	var out []goldthread.Program
	err := db.ReadTx(ctx, func(tx *Tx) error {
		return scanAll(ctx, tx, "SELECT "+programColumns+" FROM program "+where+" ORDER BY agency_id, id", args, func(r scanner) error {
			p, err := scanProgram(r)
			out = append(out, p)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store.Programs: %w", err)
	}
	return out, nil
}

// Program returns one program of agencyID, or ENOTFOUND; agencyID 0 is
// EINVALID (see Programs).
func (db *DB) Program(ctx context.Context, agencyID, id int64) (goldthread.Program, error) {
	if agencyID == 0 {
		return goldthread.Program{}, noAgency()
	}
	var p goldthread.Program
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		p, err = scanProgram(tx.QueryRow(ctx, "SELECT "+programColumns+" FROM program WHERE id = ? AND agency_id = ?", id, agencyID))
		return err
	})
	if err != nil {
		return p, notFound(err, "No program with id %d. Run `goldthread programs` to list them.", id)
	}
	return p, nil
}

// noAgency is the refusal of a read that names no agency: the store never
// reads it as "any agency".
func noAgency() error {
	return goldthread.ErrorAbout(goldthread.EINVALID, "agency_id", "Name the agency: every read of programs belongs to one agency.")
}
