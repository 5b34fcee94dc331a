package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/x12"
)

// remitOutcome maps an 835 claim status code (CLP02) to the claim status
// the answer moves a claim to. A reversal (22) takes a payment back: the
// claim is then with the payer again (accepted) until it is paid or denied
// anew, often by the next claim payment of the same file.
var remitOutcome = map[string]string{
	x12.RemitProcessedPrimary:   goldthread.ClaimPaid,
	x12.RemitProcessedSecondary: goldthread.ClaimPaid,
	x12.RemitProcessedTertiary:  goldthread.ClaimPaid,
	x12.RemitForwardedPrimary:   goldthread.ClaimPaid,
	"20":                        goldthread.ClaimPaid, // processed as secondary, forwarded
	"21":                        goldthread.ClaimPaid, // processed as tertiary, forwarded
	x12.RemitDenied:             goldthread.ClaimDenied,
	x12.RemitNotOurClaim:        goldthread.ClaimDenied,
	x12.RemitReversal:           goldthread.ClaimAccepted,
}

// remitFrom lists the statuses a payer's answer may move a claim from: any
// sent claim, because a payer may reprocess a claim it paid or denied. A
// claim never sent, or already replaced or voided, is not moved.
var remitFrom = []string{goldthread.ClaimExported, goldthread.ClaimAccepted, goldthread.ClaimDenied, goldthread.ClaimPaid}

// readRemittanceFile reads an 835 upload, refusing it with EINVALID on
// "file" in words a biller can act on.
func readRemittanceFile(data []byte) (*x12.RemittanceFile, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, goldthread.FieldError("file", "Choose the 835 remittance file the payer sent.")
	}
	f, err := x12.Read835(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, x12.ErrSyntax) || errors.Is(err, x12.ErrNotRemittance) {
			return nil, goldthread.FieldError("file", "This is not a readable 835 remittance file (%v). Upload the file exactly as the payer sent it.", err)
		}
		return nil, err
	}
	return f, nil
}

// PreviewRemittance reads an 835 file and shows what importing it would
// do: each payment, its claims matched to ours by control number (with
// the status each would move to) or listed unmatched with why, and whether
// the payment was imported already. Nothing changes; reading the matched
// claims is audited. Billing staff only.
func (db *DB) PreviewRemittance(ctx context.Context, actor goldthread.Actor, fileName string, data []byte) ([]goldthread.Remittance, error) {
	if err := billingStaff(actor); err != nil {
		return nil, err
	}
	f, err := readRemittanceFile(data)
	if err != nil {
		return nil, err
	}
	var out []goldthread.Remittance
	err = db.WriteTx(ctx, func(tx *Tx) error {
		out = out[:0]
		m := newRemitMatcher()
		for i := range f.Remittances {
			r, err := m.match(ctx, tx, actor, &f.Remittances[i], fileName)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		for id, participant := range m.read {
			if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "claim", id, participant)); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// ImportRemittance imports an 835 file: each payment not imported before
// is stored as the payer told it, and every matched claim gains a status
// row (paid with the amount, denied with the adjustment codes, or accepted
// again when a payment was reversed). All or none: one transaction. A
// payment already imported (same payer trace id and check or EFT number)
// changes nothing and comes back with Duplicate set, so the same file
// twice never pays twice. Unmatched claims and lines are stored and listed,
// never guessed. Audited per claim moved. Billing staff only.
func (db *DB) ImportRemittance(ctx context.Context, actor goldthread.Actor, fileName string, data []byte) ([]goldthread.Remittance, error) {
	if err := billingStaff(actor); err != nil {
		return nil, err
	}
	f, err := readRemittanceFile(data)
	if err != nil {
		return nil, err
	}
	fileName = strings.TrimSpace(fileName)
	if len(fileName) > 200 {
		fileName = fileName[:200]
	}
	var out []goldthread.Remittance
	err = db.WriteTx(ctx, func(tx *Tx) error {
		out = out[:0]
		m := newRemitMatcher()
		for i := range f.Remittances {
			r, err := m.match(ctx, tx, actor, &f.Remittances[i], fileName)
			if err != nil {
				return err
			}
			if !r.Duplicate {
				if r.ID, err = saveRemittance(ctx, tx, actor, &r); err != nil {
					return err
				}
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// remitMatcher matches the claims of one file, remembering the status each
// claim reaches so a reversal followed by a new payment of the same claim
// (the usual recoupment) is read in order.
type remitMatcher struct {
	status map[int64]string
	read   map[int64]int64 // claim id → participant id, for the audit
}

func newRemitMatcher() *remitMatcher {
	return &remitMatcher{status: map[int64]string{}, read: map[int64]int64{}}
}

func (m *remitMatcher) match(ctx context.Context, tx *Tx, actor goldthread.Actor, p *x12.Remittance, fileName string) (goldthread.Remittance, error) {
	r := goldthread.Remittance{
		TraceNumber: p.TraceNumber, PayerTraceID: p.PayerTraceID, Method: p.Method, AmountCents: int64(p.Amount),
		PayerName: p.Payer.Name, PayeeNPI: p.Payee.NPI, FileName: fileName,
	}
	for _, i := range p.Imbalances() {
		t := imbalanceText(i)
		r.Unbalanced, r.UnbalancedTexts = append(r.Unbalanced, t.String()), append(r.UnbalancedTexts, t)
	}
	if !p.PaymentDate.IsZero() {
		r.PaymentDate = goldthread.DateOf(p.PaymentDate)
	}
	err := tx.QueryRow(ctx, "SELECT id FROM remittance WHERE agency_id = ? AND payer_trace_id = ? AND trace_number = ?",
		actor.AgencyID, p.PayerTraceID, p.TraceNumber).Scan(&r.ID)
	switch {
	case err == nil:
		r.Duplicate = true
	case !errors.Is(err, sql.ErrNoRows):
		return r, fmt.Errorf("store.match: %w", err)
	}
	for _, a := range p.ProviderAdjustments {
		r.Adjustments = append(r.Adjustments, goldthread.ProviderAdjustment{ProviderID: a.ProviderID, Reason: a.Reason,
			Reference: a.Reference, AmountCents: int64(a.Amount)})
	}
	for i := range p.Claims {
		c, err := m.claim(ctx, tx, actor, &p.Claims[i], r.Duplicate)
		if err != nil {
			return r, err
		}
		if c.ClaimID != 0 {
			r.Matched++
		} else {
			r.Unmatched++
		}
		r.Claims = append(r.Claims, c)
	}
	return r, nil
}

func adjustmentsOf(in []x12.Adjustment) []goldthread.Adjustment {
	var out []goldthread.Adjustment
	for _, a := range in {
		out = append(out, goldthread.Adjustment{Group: a.Group, Reason: a.Reason, AmountCents: int64(a.Amount), Quantity: a.Quantity})
	}
	return out
}

// claim matches one claim payment by its control number: exactly the
// ClaimNumber Goldthread wrote in CLM01, a claim of the actor's agency.
func (m *remitMatcher) claim(ctx context.Context, tx *Tx, actor goldthread.Actor, p *x12.ClaimPayment, duplicate bool) (goldthread.RemittanceClaim, error) {
	c := goldthread.RemittanceClaim{
		ControlNumber: p.PatientControlNumber, StatusCode: p.Status, ChargeCents: int64(p.Charge), PaidCents: int64(p.Paid),
		PatientCents: int64(p.PatientResponsibility), PayerClaimNumber: p.PayerClaimNumber,
		Adjustments: adjustmentsOf(p.Adjustments), Remarks: p.Remarks,
	}
	for _, l := range p.Lines {
		rl := goldthread.RemittanceLine{ControlNumber: l.ControlNumber, Procedure: l.Procedure, Modifiers: l.Modifiers,
			ChargeCents: int64(l.Charge), PaidCents: int64(l.Paid), Units: l.Units, Adjustments: adjustmentsOf(l.Adjustments), Remarks: l.Remarks}
		if !l.ServiceDate.IsZero() {
			rl.ServiceDate = goldthread.DateOf(l.ServiceDate)
		}
		c.Lines = append(c.Lines, rl)
	}
	unmatchedLines := func(why goldthread.Text) {
		for i := range c.Lines {
			c.Lines[i].Problem, c.Lines[i].ProblemText = why.String(), why
		}
	}
	claimProblem := func(why goldthread.Text) { c.Problem, c.ProblemText = why.String(), why }
	id, err := goldthread.ParseClaimNumber(p.PatientControlNumber)
	if err != nil || goldthread.ClaimNumber(id) != p.PatientControlNumber {
		claimProblem(goldthread.Textf("%s is not a claim number Goldthread wrote (GT and ten digits); it is listed, not matched.", p.PatientControlNumber))
		unmatchedLines(goldthread.Textf("The claim is not matched."))
		return c, nil
	}
	var participant int64
	err = tx.QueryRow(ctx, `SELECT (SELECT s.status FROM claim_status s WHERE s.claim_id = c.id ORDER BY s.id DESC LIMIT 1), c.participant_id
		FROM claim c WHERE c.id = ? AND c.agency_id = ?`, id, actor.AgencyID).Scan(&c.CurrentStatus, &participant)
	if errors.Is(err, sql.ErrNoRows) {
		claimProblem(goldthread.Textf("No claim %s in your agency.", p.PatientControlNumber))
		unmatchedLines(goldthread.Textf("The claim is not matched."))
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("store.claim: %w", err)
	}
	if s, ok := m.status[id]; ok {
		c.CurrentStatus = s
	}
	m.read[id] = participant
	c.ClaimID = id
	// Lines are matched by the line control number the 837P wrote
	// (REF*6R "N" and the note id), on this claim only.
	for i := range c.Lines {
		l := &c.Lines[i]
		note, ok := strings.CutPrefix(l.ControlNumber, "N")
		noteID, err := strconv.ParseInt(note, 10, 64)
		if l.ControlNumber == "" || !ok || err != nil || strconv.FormatInt(noteID, 10) != note {
			l.ProblemText = goldthread.Textf("The line has no control number Goldthread wrote (%q); it is listed, not matched.", l.ControlNumber)
			l.Problem = l.ProblemText.String()
			continue
		}
		var found int64
		err = tx.QueryRow(ctx, "SELECT note_id FROM claim_line WHERE claim_id = ? AND note_id = ?", id, noteID).Scan(&found)
		if errors.Is(err, sql.ErrNoRows) {
			l.ProblemText = goldthread.Textf("Claim %s has no line %s.", p.PatientControlNumber, l.ControlNumber)
			l.Problem = l.ProblemText.String()
			continue
		}
		if err != nil {
			return c, fmt.Errorf("store.claim: %w", err)
		}
		l.NoteID = found
	}
	if duplicate {
		return c, nil
	}
	outcome, known := remitOutcome[p.Status]
	switch {
	case !known:
		claimProblem(goldthread.Textf("Claim status code %q is not one Goldthread applies; the claim is not moved.", p.Status))
	case p.Status == x12.RemitReversal && (c.CurrentStatus == goldthread.ClaimReplaced || c.CurrentStatus == goldthread.ClaimVoided):
		// The payer takes back the payment of a claim we already corrected:
		// recorded with the remittance, the claim stays as it is.
	case !containsStatus(remitFrom, c.CurrentStatus):
		claimProblem(goldthread.Textf("Claim %s is %s; a payer's answer moves only a sent claim.", p.PatientControlNumber, claimStatusText(c.CurrentStatus)))
	default:
		c.Outcome = outcome
		m.status[id] = outcome
	}
	return c, nil
}

// claimStatusText is a claim's status as a word quoted in a Text, so a
// reader's printer writes it in their language.
func claimStatusText(s string) goldthread.Text {
	switch s {
	case goldthread.ClaimReady:
		return goldthread.Textf("ready")
	case goldthread.ClaimExported:
		return goldthread.Textf("exported")
	case goldthread.ClaimAccepted:
		return goldthread.Textf("accepted")
	case goldthread.ClaimDenied:
		return goldthread.Textf("denied")
	case goldthread.ClaimPaid:
		return goldthread.Textf("paid")
	case goldthread.ClaimReplaced:
		return goldthread.Textf("replaced")
	case goldthread.ClaimVoided:
		return goldthread.Textf("voided")
	}
	return goldthread.Textf("%s", s)
}

// imbalanceText is where a remittance does not add up, as a Text.
func imbalanceText(i x12.Imbalance) goldthread.Text {
	switch {
	case i.Claim == "":
		return goldthread.Textf("the payment %s is not the claims paid less provider adjustments, %s", goldthread.Money(i.Amount), goldthread.Money(i.Expected))
	case i.Line > 0:
		return goldthread.Textf("claim %s line %d: charge less paid differs from its adjustments by %s", i.Claim, i.Line, goldthread.Money(i.Off))
	}
	return goldthread.Textf("claim %s: charge less paid differs from its adjustments by %s", i.Claim, goldthread.Money(i.Off))
}

// problemColumn is what a problem column holds: the Text as JSON, so a
// reader's printer can write it later, or the English when there is no
// Text.
func problemColumn(english string, t goldthread.Text) string {
	if t.Format == "" {
		return english
	}
	return jsonText(t)
}

// readProblemColumn reads a problem column back: a Text stored as JSON gives its
// English and itself; a problem stored as English before Texts were kept
// gives that English and no Text.
func readProblemColumn(col string) (string, goldthread.Text) {
	var t goldthread.Text
	if strings.HasPrefix(col, `{"format":`) && json.Unmarshal([]byte(col), &t) == nil {
		return t.String(), t
	}
	return col, goldthread.Text{}
}

// imbalancesColumn and readImbalancesColumn do the same for a list (the payment's
// imbalances): a JSON array of Texts, or, stored before, English lines.
func imbalancesColumn(english []string, ts []goldthread.Text) string {
	if len(ts) == 0 {
		return strings.Join(english, "\n")
	}
	return jsonText(ts)
}

func readImbalancesColumn(col string) ([]string, []goldthread.Text) {
	var ts []goldthread.Text
	if strings.HasPrefix(col, `[{"format":`) && json.Unmarshal([]byte(col), &ts) == nil {
		english := make([]string, len(ts))
		for i, t := range ts {
			english[i] = t.String()
		}
		return english, ts
	}
	if col == "" {
		return nil, nil
	}
	return strings.Split(col, "\n"), nil
}

func containsStatus(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// saveRemittance stores one matched payment and moves its claims.
func saveRemittance(ctx context.Context, tx *Tx, actor goldthread.Actor, r *goldthread.Remittance) (int64, error) {
	id, err := tx.insert(ctx, `INSERT INTO remittance (agency_id, trace_number, payer_trace_id, method, payment_date, amount_cents,
		payer_name, payee_npi, file_name, unbalanced, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		actor.AgencyID, r.TraceNumber, r.PayerTraceID, r.Method, r.PaymentDate, r.AmountCents, r.PayerName, r.PayeeNPI, r.FileName,
		imbalancesColumn(r.Unbalanced, r.UnbalancedTexts), nullID(actor.UserID), tx.now)
	if err != nil {
		return 0, fmt.Errorf("store.saveRemittance: %w", err)
	}
	for i, a := range r.Adjustments {
		if _, err := tx.Exec(ctx, `INSERT INTO remittance_adjustment (remittance_id, agency_id, seq, provider_id, reason, reference, amount_cents)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, actor.AgencyID, i+1, a.ProviderID, a.Reason, a.Reference, a.AmountCents); err != nil {
			return 0, fmt.Errorf("store.saveRemittance: %w", err)
		}
	}
	for i := range r.Claims {
		c := &r.Claims[i]
		rcID, err := tx.insert(ctx, `INSERT INTO remittance_claim (remittance_id, agency_id, seq, control_number, claim_id, status_code,
			charge_cents, paid_cents, patient_cents, payer_claim_number, adjustments, remarks, prior_status, outcome, problem)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, actor.AgencyID, i+1, c.ControlNumber, nullID(c.ClaimID), c.StatusCode,
			c.ChargeCents, c.PaidCents, c.PatientCents, c.PayerClaimNumber, jsonText(c.Adjustments), jsonText(c.Remarks),
			c.CurrentStatus, c.Outcome, problemColumn(c.Problem, c.ProblemText))
		if err != nil {
			return 0, fmt.Errorf("store.saveRemittance: %w", err)
		}
		for j, l := range c.Lines {
			if _, err := tx.Exec(ctx, `INSERT INTO remittance_line (remittance_claim_id, agency_id, seq, control_number, note_id,
				procedure_code, modifiers, service_date, charge_cents, paid_cents, units_milli, adjustments, remarks, problem)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, rcID, actor.AgencyID, j+1, l.ControlNumber, nullID(l.NoteID),
				l.Procedure, strings.Join(l.Modifiers, ","), l.ServiceDate, l.ChargeCents, l.PaidCents, int64(math.Round(l.Units*1000)),
				jsonText(l.Adjustments), jsonText(l.Remarks), problemColumn(l.Problem, l.ProblemText)); err != nil {
				return 0, fmt.Errorf("store.saveRemittance: %w", err)
			}
		}
		if c.Outcome == "" {
			continue
		}
		e := goldthread.ClaimStatusEntry{Status: c.Outcome, ReasonText: remitReason(r, c), PayerClaimNumber: c.PayerClaimNumber}
		if c.Outcome == goldthread.ClaimPaid {
			e.AmountCents, e.HasAmount = c.PaidCents, true
		}
		if err := addClaimStatus(ctx, tx, actor, c.ClaimID, e); err != nil {
			return 0, err
		}
		if c.Outcome == goldthread.ClaimPaid {
			lines, err := remitLineAmounts(ctx, tx, c)
			if err != nil {
				return 0, err
			}
			if err := addLineAmounts(ctx, tx, actor, c.ClaimID, lines); err != nil {
				return 0, err
			}
		}
		var participant int64
		if err := tx.QueryRow(ctx, "SELECT participant_id FROM claim WHERE id = ?", c.ClaimID).Scan(&participant); err != nil {
			return 0, fmt.Errorf("store.saveRemittance: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "claim", c.ClaimID, participant)
		ev.Detail = fmt.Sprintf("status=%s remittance=%d", c.Outcome, id)
		if err := tx.Audit(ctx, ev); err != nil {
			return 0, err
		}
	}
	ev := auditFor(actor, goldthread.ActionCreate, "remittance", id, 0)
	ev.Detail = fmt.Sprintf("claims=%d unmatched=%d", r.Matched, r.Unmatched)
	return id, tx.Audit(ctx, ev)
}

// remitLineAmounts is what the payer paid on each line of the claim, when
// every service line of the answer matched a line of ours and their
// amounts add up to the claim's payment; nil otherwise (the claim's
// amount alone is then recorded, never a guess per line).
func remitLineAmounts(ctx context.Context, tx *Tx, c *goldthread.RemittanceClaim) ([]goldthread.LineAmount, error) {
	var out []goldthread.LineAmount
	var sum int64
	seen := map[int]bool{}
	for _, l := range c.Lines {
		if l.NoteID == 0 {
			return nil, nil
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT line_no FROM claim_line WHERE claim_id = ? AND note_id = ?", c.ClaimID, l.NoteID).Scan(&n); err != nil {
			return nil, fmt.Errorf("store.remitLineAmounts: %w", err)
		}
		if seen[n] {
			return nil, nil
		}
		seen[n] = true
		sum += l.PaidCents
		out = append(out, goldthread.LineAmount{LineNo: n, AmountCents: l.PaidCents})
	}
	if sum != c.PaidCents {
		return nil, nil
	}
	return out, nil
}
