package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/x12"
)

// Eligibility is entered by clinicians only. Clinical content (the
// assessment summary, diagnosis codes and descriptions) is read by
// clinicians and auditors; billing reads diagnosis codes because claims
// carry them; everyone else who reaches the participant sees only that the
// records exist and their dates. The SQL itself leaves the content out, so
// no handler can leak it by mistake.

func clinicianOnly(actor goldthread.Actor) error {
	if !goldthread.CanEnterEligibility(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only a licensed clinician enters eligibility: assessments, diagnoses, service orders and authorizations.")
	}
	return nil
}

// enrolledIn returns EINVALID on program_id unless the participant is
// enrolled in programID of the actor's agency.
func enrolledIn(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID, programID int64) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM enrollment e JOIN program g ON g.id = e.program_id
		WHERE e.participant_id = ? AND e.program_id = ? AND g.agency_id = ?`, participantID, programID, actor.AgencyID).Scan(&n); err != nil {
		return fmt.Errorf("store.enrolledIn: %w", err)
	}
	if n == 0 {
		return goldthread.FieldError("program_id", "Choose one of the programs the participant is enrolled in.")
	}
	return nil
}

// AddAssessment records a clinical assessment, signed by the acting
// clinician. Returns EFORBIDDEN for anyone else, ENOTFOUND out of reach,
// EINVALID on assessed_on when the date is missing or in the future.
func (db *DB) AddAssessment(ctx context.Context, actor goldthread.Actor, a *goldthread.Assessment) error {
	if err := clinicianOnly(actor); err != nil {
		return err
	}
	a.Summary = strings.TrimSpace(a.Summary)
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, a.ParticipantID); err != nil {
			return err
		}
		today, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		if err := pastDate("assessed_on", "assessment", a.Assessed, today); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, "SELECT name FROM app_user WHERE id = ?", actor.UserID).Scan(&a.ClinicianName); err != nil {
			return fmt.Errorf("store.AddAssessment: %w", err)
		}
		a.Created = tx.now
		a.ID, err = tx.insert(ctx, `INSERT INTO assessment (agency_id, participant_id, assessed_on, clinician_id, clinician_name, summary, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, a.ParticipantID, a.Assessed, actor.UserID, a.ClinicianName, a.Summary, tx.now)
		if err != nil {
			return fmt.Errorf("store.AddAssessment: %w", err)
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "assessment", a.ID, a.ParticipantID))
	})
}

// pastDate returns EINVALID on field when d is missing or after today.
func pastDate(field, what string, d, today goldthread.Date) error {
	switch {
	case d.IsZero():
		return goldthread.FieldError(field, "Enter the date of the %s as YYYY-MM-DD.", what)
	case d.After(today.Time):
		return goldthread.FieldError(field, "The date of the %s is in the future; check it.", what)
	}
	return nil
}

// AddDiagnosis records an ICD-10-CM diagnosis (normalised: "f331" becomes
// "F33.1"). A new primary diagnosis makes the earlier ones secondary.
// Returns EINVALID on code when it is not shaped like an ICD-10-CM code, on
// since when the date is missing or in the future; EFORBIDDEN for anyone
// but a clinician; ENOTFOUND out of reach.
func (db *DB) AddDiagnosis(ctx context.Context, actor goldthread.Actor, d *goldthread.Diagnosis) error {
	if err := clinicianOnly(actor); err != nil {
		return err
	}
	code, ok := goldthread.NormalizeICD10(d.Code)
	if !ok {
		return goldthread.FieldError("code", "Enter an ICD-10-CM code: a letter, two more characters, then optionally a dot and up to four characters (for example F33.1).")
	}
	d.Code, d.Description = code, strings.TrimSpace(d.Description)
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, d.ParticipantID); err != nil {
			return err
		}
		today, err := agencyToday(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		if err := pastDate("since", "diagnosis", d.Since, today); err != nil {
			return err
		}
		d.Created = tx.now
		d.ID, err = tx.insert(ctx, `INSERT INTO diagnosis (agency_id, participant_id, code, description, is_primary, since, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, d.ParticipantID, d.Code, d.Description, d.Primary, d.Since, actor.UserID, tx.now)
		if err != nil {
			return fmt.Errorf("store.AddDiagnosis: %w", err)
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "diagnosis", d.ID, d.ParticipantID))
	})
}

// AddServiceOrder records the order of a licensed professional for peer
// support in one of the participant's programs. Returns EINVALID naming the
// field (professional, credential, npi with a valid check digit, signed_on
// not in the future, program_id the participant is enrolled in),
// EFORBIDDEN for anyone but a clinician, ENOTFOUND out of reach.
func (db *DB) AddServiceOrder(ctx context.Context, actor goldthread.Actor, o *goldthread.ServiceOrder) error {
	if err := clinicianOnly(actor); err != nil {
		return err
	}
	o.Professional, o.Credential, o.NPI = strings.TrimSpace(o.Professional), strings.TrimSpace(o.Credential), strings.TrimSpace(o.NPI)
	switch {
	case o.Professional == "":
		return goldthread.FieldError("professional", "Enter the name of the licensed professional who signed the order.")
	case o.Credential == "":
		return goldthread.FieldError("credential", "Enter the professional's license or credential, for example LCSW.")
	case !x12.ValidNPI(o.NPI):
		return goldthread.FieldError("npi", "Enter the professional's 10-digit NPI; this one does not pass the NPI check digit.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, o.ParticipantID); err != nil {
			return err
		}
		if err := enrolledIn(ctx, tx, actor, o.ParticipantID, o.ProgramID); err != nil {
			return err
		}
		today, err := programToday(ctx, tx, actor.AgencyID, o.ProgramID)
		if err != nil {
			return err
		}
		if err := pastDate("signed_on", "order's signature", o.Signed, today); err != nil {
			return err
		}
		o.Created = tx.now
		o.ID, err = tx.insert(ctx, `INSERT INTO service_order (agency_id, participant_id, program_id, professional, credential, npi, signed_on,
			created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, o.ParticipantID, o.ProgramID, o.Professional, o.Credential, o.NPI, o.Signed, actor.UserID, tx.now)
		if err != nil {
			return fmt.Errorf("store.AddServiceOrder: %w", err)
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "service_order", o.ID, o.ParticipantID))
	})
}

// AddAuthorization records a payer's service authorization. Returns
// EINVALID naming the field (payer, number, start_date, end_date before
// start_date, units_authorized above 0, units_used between 0 and the
// authorized units, program_id the participant is enrolled in),
// EFORBIDDEN for anyone but a clinician, ENOTFOUND out of reach.
func (db *DB) AddAuthorization(ctx context.Context, actor goldthread.Actor, a *goldthread.Authorization) error {
	if err := clinicianOnly(actor); err != nil {
		return err
	}
	a.Payer, a.Number = strings.TrimSpace(a.Payer), strings.TrimSpace(a.Number)
	switch {
	case a.Payer == "":
		return goldthread.FieldError("payer", "Enter the payer that issued the authorization.")
	case a.Number == "":
		return goldthread.FieldError("number", "Enter the authorization number from the payer.")
	case x12.PriorAuthorizationProblem(a.Number) != "":
		return goldthread.FieldError("number", "The authorization number %s: it goes into claim files as it is; type it exactly as the payer wrote it.", x12.PriorAuthorizationProblem(a.Number))
	case a.Start.IsZero():
		return goldthread.FieldError("start_date", "Enter the first day the authorization covers, as YYYY-MM-DD.")
	case a.End.IsZero():
		return goldthread.FieldError("end_date", "Enter the last day the authorization covers, as YYYY-MM-DD.")
	case a.End.Before(a.Start.Time):
		return goldthread.FieldError("end_date", "The end date comes before the start date; check both dates.")
	case a.UnitsAuthorized <= 0:
		return goldthread.FieldError("units_authorized", "Enter how many units the payer authorized (a whole number above 0).")
	case a.UnitsUsed < 0 || a.UnitsUsed > a.UnitsAuthorized:
		return goldthread.FieldError("units_used", "Units used must be between 0 and the units authorized.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, a.ParticipantID); err != nil {
			return err
		}
		if err := enrolledIn(ctx, tx, actor, a.ParticipantID, a.ProgramID); err != nil {
			return err
		}
		a.Created = tx.now
		var err error
		a.ID, err = tx.insert(ctx, `INSERT INTO service_authorization (agency_id, participant_id, program_id, payer, number, start_date, end_date,
			units_authorized, units_used, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, a.ParticipantID, a.ProgramID, a.Payer, a.Number, a.Start, a.End, a.UnitsAuthorized, a.UnitsUsed, actor.UserID, tx.now)
		if err != nil {
			return fmt.Errorf("store.AddAuthorization: %w", err)
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "service_authorization", a.ID, a.ParticipantID))
	})
}

// Eligibility returns the participant's eligibility records, newest first,
// and audits the read with how much clinical content was shown. Clinicians
// and auditors get everything; billing gets diagnosis codes but no
// assessment summary or diagnosis description; other readers get dates
// only (ClinicalHidden). Returns ENOTFOUND out of reach.
func (db *DB) Eligibility(ctx context.Context, actor goldthread.Actor, participantID int64) (goldthread.Eligibility, error) {
	e := goldthread.Eligibility{ParticipantID: participantID}
	full := actor.Has(goldthread.RoleClinician) || actor.Has(goldthread.RoleAuditor)
	codes := full || actor.Has(goldthread.RoleBilling)
	e.ClinicalHidden = !full
	summary, code, desc := "''", "''", "''"
	if full {
		summary, desc = "summary", "description"
	}
	if codes {
		code = "code"
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, `SELECT id, assessed_on, clinician_name, `+summary+`, created_at FROM assessment
			WHERE participant_id = ? AND agency_id = ? ORDER BY assessed_on DESC, id DESC`, []any{participantID, actor.AgencyID},
			func(r scanner) error {
				a := goldthread.Assessment{ParticipantID: participantID}
				err := r.Scan(&a.ID, &a.Assessed, &a.ClinicianName, &a.Summary, &a.Created)
				e.Assessments = append(e.Assessments, a)
				return err
			}); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, `SELECT id, `+code+`, `+desc+`, `+primaryDiagnosis+`, since, created_at FROM diagnosis d
			WHERE participant_id = ? AND agency_id = ? ORDER BY 4 DESC, since DESC, id DESC`, []any{participantID, actor.AgencyID},
			func(r scanner) error {
				d := goldthread.Diagnosis{ParticipantID: participantID}
				err := r.Scan(&d.ID, &d.Code, &d.Description, &d.Primary, &d.Since, &d.Created)
				e.Diagnoses = append(e.Diagnoses, d)
				return err
			}); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, `SELECT o.id, o.program_id, g.name, o.professional, o.credential, o.npi, o.signed_on, o.created_at
			FROM service_order o JOIN program g ON g.id = o.program_id
			WHERE o.participant_id = ? AND o.agency_id = ? ORDER BY o.signed_on DESC, o.id DESC`, []any{participantID, actor.AgencyID},
			func(r scanner) error {
				o := goldthread.ServiceOrder{ParticipantID: participantID}
				err := r.Scan(&o.ID, &o.ProgramID, &o.ProgramName, &o.Professional, &o.Credential, &o.NPI, &o.Signed, &o.Created)
				e.Orders = append(e.Orders, o)
				return err
			}); err != nil {
			return err
		}
		if err := scanAll(ctx, tx, `SELECT a.id, a.program_id, g.name, a.payer, a.number, a.start_date, a.end_date, a.units_authorized,
			a.units_used, a.created_at FROM service_authorization a JOIN program g ON g.id = a.program_id
			WHERE a.participant_id = ? AND a.agency_id = ? ORDER BY a.start_date DESC, a.id DESC`, []any{participantID, actor.AgencyID},
			func(r scanner) error {
				a := goldthread.Authorization{ParticipantID: participantID}
				err := r.Scan(&a.ID, &a.ProgramID, &a.ProgramName, &a.Payer, &a.Number, &a.Start, &a.End, &a.UnitsAuthorized, &a.UnitsUsed, &a.Created)
				e.Authorizations = append(e.Authorizations, a)
				return err
			}); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionRead, "eligibility", 0, participantID)
		ev.Detail = map[bool]string{true: "clinical=shown", false: "clinical=hidden"}[full]
		if !full && codes {
			ev.Detail = "clinical=codes"
		}
		return tx.Audit(ctx, ev)
	})
	return e, err
}

// scanAll runs q and calls each for every row.
func scanAll(ctx context.Context, tx *Tx, q string, args []any, each func(scanner) error) error {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return fmt.Errorf("store: %w", err)
		}
	}
	return rows.Err()
}

// ServiceOrderCovers returns nil when a service order for the participant in
// the program was signed on or before date, and EINVALID on service_date
// otherwise: no service may come before the order. Signing a note calls it
// inside its own transaction.
func ServiceOrderCovers(ctx context.Context, tx *Tx, participantID, programID int64, date goldthread.Date) error {
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM service_order WHERE participant_id = ? AND program_id = ? AND signed_on <= ?",
		participantID, programID, date).Scan(&n); err != nil {
		return fmt.Errorf("store.ServiceOrderCovers: %w", err)
	}
	if n == 0 {
		return goldthread.FieldError("service_date", "No service order signed on or before %s covers this program. A licensed professional must sign the order before the first service.", date)
	}
	return nil
}

// primaryDiagnosis is the rule for a participant's primary diagnosis, as
// a column of diagnosis d: the newest one recorded as primary. Diagnoses
// never change (a new primary does not touch the old row), so the flag of
// an older one is read through this rule, never alone.
const primaryDiagnosis = `CASE WHEN d.is_primary AND NOT EXISTS (SELECT 1 FROM diagnosis n WHERE n.participant_id = d.participant_id
	AND n.is_primary AND n.id > d.id) THEN TRUE ELSE FALSE END`
