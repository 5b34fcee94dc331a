package store

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
)

// outcomeFrom lists the statuses each outcome may follow.
var outcomeFrom = map[string][]string{
	goldthread.ClaimAccepted: {goldthread.ClaimExported},
	goldthread.ClaimDenied:   {goldthread.ClaimExported, goldthread.ClaimAccepted},
	goldthread.ClaimPaid:     {goldthread.ClaimExported, goldthread.ClaimAccepted},
}

// claimStatusTx returns the claim's current status and program, or
// ENOTFOUND outside the actor's agency.
func claimStatusTx(ctx context.Context, tx *Tx, actor goldthread.Actor, claimID int64) (status string, participantID int64, err error) {
	err = tx.QueryRow(ctx, `SELECT (SELECT s.status FROM claim_status s WHERE s.claim_id = c.id ORDER BY s.id DESC LIMIT 1), c.participant_id
		FROM claim c WHERE c.id = ? AND c.agency_id = ?`, claimID, actor.AgencyID).Scan(&status, &participantID)
	return status, participantID, notFound(err, "No claim %s in your agency.", goldthread.ClaimNumber(claimID))
}

// claimOutcomeTarget is what checking an outcome needs of its claim.
type claimOutcomeTarget struct {
	status      string
	participant int64
	total       int64
	lines       map[int]int64 // line_no → charge
}

// checkOutcome checks o (trimmed in place) against claim claimID, whose
// status is taken from moved when the same import moved it already.
// Errors are EINVALID on the field at fault, ENOTFOUND, or ECONFLICT.
func checkOutcome(ctx context.Context, tx *Tx, actor goldthread.Actor, claimID int64, o *goldthread.ClaimOutcome, moved map[int64]string) (claimOutcomeTarget, error) {
	var c claimOutcomeTarget
	o.Reason, o.PayerClaimNumber = strings.TrimSpace(o.Reason), strings.TrimSpace(o.PayerClaimNumber)
	from, ok := outcomeFrom[o.Status]
	if !ok {
		return c, goldthread.FieldError("status", "Choose accepted, denied or paid.")
	}
	switch {
	case o.Status == goldthread.ClaimDenied && o.Reason == "":
		return c, goldthread.FieldError("reason", "Give the payer's denial reason (for example the CARC code and its words).")
	case o.Status == goldthread.ClaimPaid && o.AmountCents < 0:
		return c, goldthread.FieldError("amount", "Enter the amount paid, 0 or more.")
	case o.Status != goldthread.ClaimPaid && len(o.Lines) > 0:
		return c, goldthread.FieldError("lines", "Line amounts are for a payment; leave them empty when the claim is %s.", o.Status)
	case len(o.PayerClaimNumber) > 50:
		return c, goldthread.FieldError("payer_claim_number", "The payer's claim number has at most 50 characters.")
	}
	err := tx.QueryRow(ctx, `SELECT (SELECT s.status FROM claim_status s WHERE s.claim_id = c.id ORDER BY s.id DESC LIMIT 1), c.participant_id, c.total_cents
		FROM claim c WHERE c.id = ? AND c.agency_id = ?`, claimID, actor.AgencyID).Scan(&c.status, &c.participant, &c.total)
	if err != nil {
		return c, notFound(err, "No claim %s in your agency.", goldthread.ClaimNumber(claimID))
	}
	if s, ok := moved[claimID]; ok {
		c.status = s
	}
	if !slices.Contains(from, c.status) {
		return c, goldthread.Errorf(goldthread.ECONFLICT, "Claim %s is %s; it cannot be marked %s. A claim is marked from exported to accepted, denied or paid.",
			goldthread.ClaimNumber(claimID), c.status, o.Status)
	}
	if o.Status != goldthread.ClaimPaid {
		return c, nil
	}
	if o.AmountCents > c.total && o.Reason == "" {
		return c, goldthread.FieldError("reason", "%s paid is more than the %s billed on %s; say why (for example an interest payment or a rate change), or correct the amount.",
			goldthread.Money(o.AmountCents), goldthread.Money(c.total), goldthread.ClaimNumber(claimID))
	}
	if len(o.Lines) == 0 {
		return c, nil
	}
	c.lines = map[int]int64{}
	if err := scanAll(ctx, tx, "SELECT line_no, charge_cents FROM claim_line WHERE claim_id = ?", []any{claimID}, func(r scanner) error {
		var n int
		var charge int64
		err := r.Scan(&n, &charge)
		c.lines[n] = charge
		return err
	}); err != nil {
		return c, err
	}
	var sum int64
	seen := map[int]bool{}
	for _, l := range o.Lines {
		charge, ok := c.lines[l.LineNo]
		switch {
		case !ok:
			return c, goldthread.FieldError("lines", "Claim %s has no line %d; its lines are 1 to %d.", goldthread.ClaimNumber(claimID), l.LineNo, len(c.lines))
		case seen[l.LineNo]:
			return c, goldthread.FieldError("lines", "Line %d is given twice; give each line's amount once.", l.LineNo)
		case l.AmountCents < 0:
			return c, goldthread.FieldError("lines", "Line %d: enter the amount paid, 0 or more.", l.LineNo)
		case l.AmountCents > charge && o.Reason == "":
			return c, goldthread.FieldError("reason", "Line %d was paid %s, more than the %s billed; say why, or correct the amount.",
				l.LineNo, goldthread.Money(l.AmountCents), goldthread.Money(charge))
		}
		seen[l.LineNo] = true
		sum += l.AmountCents
	}
	if sum != o.AmountCents {
		return c, goldthread.FieldError("lines", "The line amounts add up to %s but the payment is %s; make them agree.", goldthread.Money(sum), goldthread.Money(o.AmountCents))
	}
	return c, nil
}

// recordOutcome checks and appends one outcome inside tx.
func recordOutcome(ctx context.Context, tx *Tx, actor goldthread.Actor, claimID int64, o goldthread.ClaimOutcome) error {
	c, err := checkOutcome(ctx, tx, actor, claimID, &o, nil)
	if err != nil {
		return err
	}
	return appendOutcome(ctx, tx, actor, claimID, c.participant, o)
}

// appendOutcome writes a checked outcome: its status row, its line
// amounts, and the audit event.
func appendOutcome(ctx context.Context, tx *Tx, actor goldthread.Actor, claimID, participantID int64, o goldthread.ClaimOutcome) error {
	e := goldthread.ClaimStatusEntry{Status: o.Status, Reason: o.Reason, PayerClaimNumber: o.PayerClaimNumber}
	if o.Status == goldthread.ClaimPaid {
		e.AmountCents, e.HasAmount = o.AmountCents, true
	}
	if err := addClaimStatus(ctx, tx, actor, claimID, e); err != nil {
		return err
	}
	if err := addLineAmounts(ctx, tx, actor, claimID, o.Lines); err != nil {
		return err
	}
	ev := auditFor(actor, goldthread.ActionUpdate, "claim", claimID, participantID)
	ev.Detail = "status=" + o.Status
	return tx.Audit(ctx, ev)
}

// addLineAmounts attaches line amounts to the claim's latest status row.
func addLineAmounts(ctx context.Context, tx *Tx, actor goldthread.Actor, claimID int64, lines []goldthread.LineAmount) error {
	if len(lines) == 0 {
		return nil
	}
	var statusID int64
	if err := tx.QueryRow(ctx, "SELECT MAX(id) FROM claim_status WHERE claim_id = ?", claimID).Scan(&statusID); err != nil {
		return fmt.Errorf("store.addLineAmounts: %w", err)
	}
	for _, l := range lines {
		if _, err := tx.Exec(ctx, "INSERT INTO claim_status_line (claim_status_id, agency_id, line_no, amount_cents) VALUES (?, ?, ?, ?)",
			statusID, actor.AgencyID, l.LineNo, l.AmountCents); err != nil {
			return fmt.Errorf("store.addLineAmounts: %w", err)
		}
	}
	return nil
}

// RecordClaimOutcome enters the payer's answer on a claim: accepted,
// denied (reason required) or paid (amount required; a reason too when it
// is above what was billed). A payment may give each line's amount (they
// must add up to it, on lines of the claim). Only a sent claim moves
// (ECONFLICT otherwise); the claim itself never changes, the status
// history gains a row. Billing staff only; audited.
func (db *DB) RecordClaimOutcome(ctx context.Context, actor goldthread.Actor, claimID int64, o goldthread.ClaimOutcome) error {
	if err := billingStaff(actor); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error { return recordOutcome(ctx, tx, actor, claimID, o) })
}

// ImportClaimOutcomes reads a CSV of outcomes — a header line, then
// claim_id, status, amount, reason and optionally payer_claim_number per
// line (amount in dollars, e.g. 47.88, for paid claims) — and records them
// all or none. Every line is checked, as RecordClaimOutcome would (a claim
// named twice is checked in file order), and every problem comes back with
// its line and column; then nothing is recorded. Returns how many outcomes
// were recorded, the problems, and an error only for what is not a line's
// fault (EFORBIDDEN, an outage). Billing staff only.
func (db *DB) ImportClaimOutcomes(ctx context.Context, actor goldthread.Actor, r io.Reader) (int, []goldthread.ImportError, error) {
	if err := billingStaff(actor); err != nil {
		return 0, nil, err
	}
	type row struct {
		line int
		id   int64
		o    goldthread.ClaimOutcome
	}
	var rows []row
	var problems []goldthread.ImportError
	fail := func(line int, column string, msg goldthread.Text) {
		problems = append(problems, goldthread.ImportProblem(line, column, msg))
	}
	cr := csv.NewReader(io.LimitReader(r, 5<<20))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	p := locale.New("en", nil)
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			fail(pe.StartLine, "file", goldthread.Textf("The line is not valid CSV (%v); put a field holding a comma or a quote in double quotes.", pe.Err))
			if len(problems) > 1000 {
				break
			}
			continue
		}
		if err != nil {
			return 0, nil, err
		}
		line, _ := cr.FieldPos(0)
		if first && len(rec) > 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "claim_id") {
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) < 4 || len(rec) > 5 {
			fail(line, "file", goldthread.Textf("Expected claim_id,status,amount,reason[,payer_claim_number]; found %d %{field|fields}.", len(rec)))
			continue
		}
		ok := true
		id, err := goldthread.ParseClaimNumber(rec[0])
		if err != nil {
			fail(line, "claim_id", goldthread.Textf("%q is not a claim number such as GT0000000042.", strings.TrimSpace(rec[0])))
			ok = false
		}
		o := goldthread.ClaimOutcome{Status: strings.ToLower(strings.TrimSpace(rec[1])), Reason: rec[3]}
		if len(rec) == 5 {
			o.PayerClaimNumber = rec[4]
		}
		if a := strings.TrimSpace(rec[2]); a != "" {
			cents, err := p.ParseMoney(a)
			if err != nil {
				fail(line, "amount", goldthread.Textf("Amount %q is not an amount such as 47.88.", rec[2]))
				ok = false
			}
			o.AmountCents = cents
		} else if o.Status == goldthread.ClaimPaid {
			fail(line, "amount", goldthread.Textf("A paid claim needs the amount paid."))
			ok = false
		}
		if ok {
			rows = append(rows, row{line, id, o})
		}
	}
	if len(rows) == 0 && len(problems) == 0 {
		return 0, nil, goldthread.FieldError("file", "The file holds no outcomes; one line per claim: claim_id,status,amount,reason.")
	}
	rowProblems := problems
	err := db.WriteTx(ctx, func(tx *Tx) error {
		problems = append([]goldthread.ImportError(nil), rowProblems...) // a retried transaction starts over
		moved := map[int64]string{}
		checked := make([]claimOutcomeTarget, len(rows))
		for i := range rows {
			r := &rows[i]
			c, err := checkOutcome(ctx, tx, actor, r.id, &r.o, moved)
			if err != nil {
				column := goldthread.ErrorField(err)
				switch goldthread.ErrorKind(err) {
				case goldthread.ENOTFOUND:
					column = "claim_id"
				case goldthread.ECONFLICT:
					column = "status"
				case goldthread.EINVALID:
				default:
					return err
				}
				fail(r.line, column, goldthread.ErrorText(err))
				continue
			}
			moved[r.id] = r.o.Status
			checked[i] = c
		}
		if len(problems) > 0 {
			return errImportRefused
		}
		for i, r := range rows {
			if err := appendOutcome(ctx, tx, actor, r.id, checked[i].participant, r.o); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errImportRefused) {
		slices.SortStableFunc(problems, func(a, b goldthread.ImportError) int { return a.Line - b.Line })
		return 0, problems, nil
	}
	if err != nil {
		return 0, nil, err
	}
	return len(rows), nil, nil
}

// CorrectClaim sends a correction of a sent claim: a void (frequency 8,
// the same lines, giving the authorization its units back) or a
// replacement (frequency 7, the lines built again from the services as
// they are now, after the scrubber passes them). Either is a new claim in a
// batch of its own, ready to export, referencing the payer's claim number
// of the original (given, or the last one recorded with an outcome;
// EINVALID on "payer_claim_number" when none is known); the original is
// marked voided or replaced and its services move to the new claim. The
// original never changes. Reason is required. Returns the new claim's id.
// ECONFLICT when the original was not sent or was already corrected.
func (db *DB) CorrectClaim(ctx context.Context, actor goldthread.Actor, claimID int64, frequency, payerClaimNumber, reason string) (int64, error) {
	if err := billingStaff(actor); err != nil {
		return 0, err
	}
	reason, payerClaimNumber = strings.TrimSpace(reason), strings.TrimSpace(payerClaimNumber)
	if frequency != goldthread.FrequencyVoid && frequency != goldthread.FrequencyReplacement {
		return 0, goldthread.FieldError("frequency", "Choose a replacement (7) or a void (8).")
	}
	if reason == "" {
		return 0, goldthread.FieldError("reason", "Say why the claim is corrected (for example the denial it answers).")
	}
	var newID int64
	err := db.WriteTx(ctx, func(tx *Tx) error {
		status, participantID, err := claimStatusTx(ctx, tx, actor, claimID)
		if err != nil {
			return err
		}
		var programID, authID, batchID int64
		var oldFrequency, snapJSON string
		var oldUnits int
		if err := tx.QueryRow(ctx, `SELECT program_id, COALESCE(authorization_id, 0), batch_id, frequency, parties, units FROM claim WHERE id = ?`,
			claimID).Scan(&programID, &authID, &batchID, &oldFrequency, &snapJSON, &oldUnits); err != nil {
			return fmt.Errorf("store.CorrectClaim: %w", err)
		}
		switch {
		case status == goldthread.ClaimReady:
			return goldthread.Errorf(goldthread.ECONFLICT, "Claim %s was not sent yet; export it first.", goldthread.ClaimNumber(claimID))
		case status == goldthread.ClaimReplaced || status == goldthread.ClaimVoided || oldFrequency == goldthread.FrequencyVoid:
			return goldthread.Errorf(goldthread.ECONFLICT, "Claim %s was already corrected; correct its latest claim instead.", goldthread.ClaimNumber(claimID))
		}
		if payerClaimNumber == "" {
			if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(payer_claim_number), '') FROM claim_status WHERE claim_id = ? AND payer_claim_number <> ''`,
				claimID).Scan(&payerClaimNumber); err != nil {
				return fmt.Errorf("store.CorrectClaim: %w", err)
			}
		}
		if payerClaimNumber == "" {
			return goldthread.FieldError("payer_claim_number", "Enter the payer's claim number for %s (from the acceptance or remittance); a correction must reference it.",
				goldthread.ClaimNumber(claimID))
		}
		s, err := newScrubber(ctx, tx, actor, programID)
		if err != nil {
			return err
		}
		var from, to goldthread.Date
		if err := tx.QueryRow(ctx, "SELECT period_from, period_to FROM claim_batch WHERE id = ?", batchID).Scan(&from, &to); err != nil {
			return fmt.Errorf("store.CorrectClaim: %w", err)
		}
		header, _ := json.Marshal(s.batchHeader(tx))
		newBatch, err := tx.insert(ctx, `INSERT INTO claim_batch (agency_id, program_id, period_from, period_to, header, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, programID, from, to, string(header), nullID(actor.UserID), tx.now)
		if err != nil {
			return fmt.Errorf("store.CorrectClaim: %w", err)
		}
		services, err := correctionServices(ctx, tx, s, claimID, frequency, snapJSON, authID, oldUnits)
		if err != nil {
			return err
		}
		if newID, err = insertClaim(ctx, tx, actor, s, newBatch, services, frequency, claimID, payerClaimNumber, reason); err != nil {
			return err
		}
		newUnits := 0
		for _, sc := range services {
			newUnits += sc.svc.Units
			if err := moveClaimedService(ctx, tx, newID, sc); err != nil {
				return err
			}
		}
		if authID != 0 {
			if err := useAuthorization(ctx, tx, authID, -oldUnits); err != nil {
				return err
			}
		}
		if frequency == goldthread.FrequencyReplacement && services[0].svc.AuthorizationID != 0 {
			if err := useAuthorization(ctx, tx, services[0].svc.AuthorizationID, newUnits); err != nil {
				return err
			}
		}
		mark := map[string]string{goldthread.FrequencyVoid: goldthread.ClaimVoided, goldthread.FrequencyReplacement: goldthread.ClaimReplaced}[frequency]
		if err := addClaimStatus(ctx, tx, actor, claimID, goldthread.ClaimStatusEntry{Status: mark, Reason: reason,
			PayerClaimNumber: payerClaimNumber}); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "claim", claimID, participantID)
		ev.Detail = fmt.Sprintf("status=%s by=%s", mark, goldthread.ClaimNumber(newID))
		return tx.Audit(ctx, ev)
	})
	return newID, err
}

// correctionServices returns the lines of a correction: for a void the
// original's lines as they were; for a replacement the services scrubbed
// again (their old units given back to the authorization first), refused
// with EINVALID listing what blocks them.
func correctionServices(ctx context.Context, tx *Tx, s *scrubber, claimID int64, frequency, snapJSON string, authID int64, oldUnits int) ([]scrubbed, error) {
	var snap claimSnapshot
	if err := json.Unmarshal([]byte(snapJSON), &snap); err != nil {
		return nil, fmt.Errorf("store.correctionServices: %w", err)
	}
	var c struct {
		participant, author int64
		pos, diagnoses      string
		member, rname, rnpi string
		auth                string
	}
	if err := tx.QueryRow(ctx, `SELECT participant_id, COALESCE(rendering_id, 0), place_of_service, diagnoses, member_id, rendering_name,
		rendering_npi, prior_authorization FROM claim WHERE id = ?`, claimID).Scan(&c.participant, &c.author, &c.pos, &c.diagnoses,
		&c.member, &c.rname, &c.rnpi, &c.auth); err != nil {
		return nil, fmt.Errorf("store.correctionServices: %w", err)
	}
	// A void names the rendering provider as the original did (claims
	// stored before names were typed apart were sent with the split).
	rendering := claimRendering{}
	if snap.Rendering != nil {
		rendering = *snap.Rendering
	} else {
		rendering.First, rendering.Last = splitName(c.rname)
	}
	var out []scrubbed
	var noteIDs []int64
	err := scanAll(ctx, tx, `SELECT note_id, service_date, procedure_code, modifiers, minutes, units, charge_cents, place_of_service
		FROM claim_line WHERE claim_id = ? ORDER BY line_no`, []any{claimID}, func(r scanner) error {
		sc := scrubbed{party: snap.Party, rendering: rendering}
		v := &sc.svc
		var mods string
		if err := r.Scan(&v.NoteID, &v.ServiceDate, &v.Procedure, &mods, &v.Minutes, &v.Units, &v.ChargeCents, &v.PlaceOfService); err != nil {
			return err
		}
		if mods != "" {
			v.Modifiers = strings.Split(mods, ",")
		}
		v.ParticipantID, v.ProgramID, v.AuthorID, v.MemberID = c.participant, s.program.ID, c.author, c.member
		v.AuthorName, v.RenderingNPI, v.AuthorizationID, v.AuthorizationNumber = c.rname, c.rnpi, authID, c.auth
		v.Diagnoses = strings.Split(c.diagnoses, ",")
		noteIDs = append(noteIDs, v.NoteID)
		out = append(out, sc)
		return nil
	})
	if err != nil || frequency == goldthread.FrequencyVoid {
		return out, err
	}
	s.pending.auth[authID] -= oldUnits
	out = out[:0]
	var blocks []goldthread.Text
	for _, id := range noteIDs {
		sc, err := s.scrub(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		for _, f := range sc.svc.Blocks {
			blocks = append(blocks, goldthread.Textf("Note %d: %s %s", id, f.MessageText, f.FixText))
		}
		s.claimed(&sc)
		out = append(out, sc)
	}
	if len(blocks) > 0 {
		return nil, goldthread.FieldError("frequency", "The replacement cannot be built: %s", goldthread.TextJoin(blocks, " "))
	}
	return out, nil
}
