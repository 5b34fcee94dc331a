package store

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/x12"
)

// maxLinesPerClaim is the 837P limit of service lines in one claim.
const maxLinesPerClaim = 50

// billingStaff: only billing staff create, export and change claims, and
// the operator of `goldthread claims export`.
func billingStaff(actor goldthread.Actor) error {
	if actor.IsOperator() || goldthread.CanBill(actor) && actor.AgencyID != 0 {
		return nil
	}
	return goldthread.Errorf(goldthread.EFORBIDDEN, "Only billing staff create and change claims.")
}

// claimSnapshot is what a claim keeps about its member, payer and
// rendering provider, so the file written again later is byte for byte the
// same. Rendering is nil in claims written before first and last names
// were kept apart.
type claimSnapshot struct {
	Party     claimParty
	PayerName string
	PayerID   string
	Rendering *claimRendering `json:",omitempty"`
}

// pendingClaim gathers the ready services of one participant that share a
// rendering peer, a place of service and an authorization.
type pendingClaim struct {
	first    int64 // first note id, for a stable order
	services []scrubbed
}

type claimKey struct {
	author int64
	pos    string
	auth   int64
}

// batchHeader builds the interchange header of a batch (its control number
// is the batch id, set when the file is written). The agency submits and
// bills under its legal name, and names its pay-to address when it has one.
func (s *scrubber) batchHeader(tx *Tx) x12.Header {
	b, a := s.settings, s.agency
	return x12.Header{
		Interchange: x12.Interchange{SenderQualifier: b.SenderQualifier, SenderID: b.SenderID, ReceiverQualifier: b.ReceiverQualifier,
			ReceiverID: b.InterchangeReceiverID, Created: tx.now, Usage: b.Usage, ApplicationSender: b.SenderID,
			ApplicationReceiver: b.InterchangeReceiverID},
		Submitter:       x12.Submitter{Name: a.Billing.LegalName, ID: b.SubmitterID, ContactName: b.ContactName, Phone: b.ContactPhone},
		Receiver:        x12.Receiver{Name: b.ReceiverName, ID: b.ReceiverID},
		BillingProvider: billingProvider(a.Billing),
		PayTo:           payToAddress(a.Billing.PayTo),
		LineBreaks:      true,
	}
}

// CreateClaimBatch claims every ready service of programID between from and
// to (inclusive) in a new batch, in one transaction: services are grouped
// into claims per participant, rendering peer, place of service and
// authorization (at most 50 lines each), each claim starts with status
// ready, every claimed service is recorded in claimed_service (a service
// claimed already, even by a concurrent export, fails the whole batch with
// ECONFLICT), the authorization's units_used grows by the units claimed,
// and each claim is audited. A participant whose stored verdicts of the
// period are fresh (RefreshVerdicts, the Billing page's check) is claimed
// from them, the others are scrubbed (claimBatchServices): the batch is the
// same either way. Memory does not grow with the number of notes:
// candidates are read a participant at a time. Billing staff only. Returns
// EINVALID on from/to, or on "program" when nothing is ready (with the
// number blocked), ENOTFOUND for a program outside the agency.
func (db *DB) CreateClaimBatch(ctx context.Context, actor goldthread.Actor, programID int64, from, to goldthread.Date) (goldthread.ExportSummary, error) {
	var sum goldthread.ExportSummary
	if err := billingStaff(actor); err != nil {
		return sum, err
	}
	if err := CheckBillingPeriod(from, to); err != nil {
		return sum, err
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		sum = goldthread.ExportSummary{}
		// The versions, before anything is written: fresh stored runs serve
		// their participants (claimBatchServices).
		s, st, err := stampedScrubber(ctx, tx, actor, programID)
		if err != nil {
			return err
		}
		if st, err = withStaff(ctx, tx, st, s.agency.ID); err != nil {
			return err
		}
		h := s.batchHeader(tx)
		header, _ := json.Marshal(h)
		batchID, err := tx.insert(ctx, `INSERT INTO claim_batch (agency_id, program_id, period_from, period_to, header, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, programID, from, to, string(header), nullID(actor.UserID), tx.now)
		if err != nil {
			return fmt.Errorf("store.CreateClaimBatch: %w", err)
		}
		sum.BatchID = batchID
		var rates []goldthread.BillingRate // the placeholder rates pricing a line, once each
		open := map[claimKey]*pendingClaim{}
		// The services lists of claims written, emptied, for the next
		// claims: a claim's list grows to its lines once, not again for
		// every claim (growing them was 5 % of an export from fresh runs).
		var spare [][]scrubbed
		flush := func(k claimKey) error {
			pc := open[k]
			delete(open, k)
			id, err := insertClaim(ctx, tx, actor, s, batchID, pc.services, goldthread.FrequencyOriginal, 0, "", "")
			if err != nil {
				return err
			}
			sum.Claims++
			for _, sc := range pc.services {
				sum.Lines++
				sum.Units += sc.svc.Units
				sum.TotalCents += sc.svc.ChargeCents
			}
			if err := claimServices(ctx, tx, actor, id, pc.services); err != nil {
				return err
			}
			clear(pc.services) // nothing written is kept alive by the list
			spare = append(spare, pc.services[:0])
			return nil
		}
		sum.Blocked, err = claimBatchServices(ctx, tx, s, st, from, to, func(sc *scrubbed) error {
			rates = placeholderRate(rates, sc)
			k := claimKey{sc.svc.AuthorID, sc.svc.PlaceOfService, sc.svc.AuthorizationID}
			pc := open[k]
			if pc == nil {
				pc = &pendingClaim{first: sc.svc.NoteID}
				if n := len(spare); n > 0 {
					pc.services, spare = spare[n-1], spare[:n-1]
				}
				open[k] = pc
			}
			pc.services = append(pc.services, *sc)
			if len(pc.services) == maxLinesPerClaim {
				return flush(k)
			}
			return nil
		}, func() error {
			keys := make([]claimKey, 0, len(open))
			for k := range open {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool { return open[keys[i]].first < open[keys[j]].first })
			for _, k := range keys {
				if err := flush(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		placeholders := s.placeholders(rates)
		if sum.Placeholders = englishTexts(placeholders); len(placeholders) == 0 {
			sum.Placeholders = nil
		}
		if s.settings.Usage == "P" && len(placeholders) > 0 {
			return goldthread.FieldError("usage", "This program's payer settings say production (usage P), and a production file is not made while placeholders remain: %s. Replace them, or set the usage to T to send a test file.",
				goldthread.TextJoin(placeholders, "; "))
		}
		if sum.Claims == 0 {
			return goldthread.FieldError("program", "No service of %s from %s to %s is ready to bill (%d blocked); the billing page lists what blocks them.",
				s.program.Name, from, to, sum.Blocked)
		}
		// A header the writer would refuse makes a batch nobody can download:
		// refuse it, and the whole transaction (claims, claimed services,
		// units) with it. The control number is the batch id, given when the
		// file is written, so any valid one stands in for it here.
		check := h
		check.Interchange.ControlNumber = 1
		if err := check.Validate(); err != nil {
			return goldthread.FieldError("program", "The program's payer settings or the agency's details cannot make a claim file: %v. Fix them on Billing → Payer settings and rates (agency details: the administrator).", err)
		}
		ev := auditFor(actor, goldthread.ActionCreate, "claim_batch", batchID, 0)
		ev.Detail = fmt.Sprintf("program=%d period=%s..%s claims=%d lines=%d units=%d total_cents=%d blocked=%d",
			programID, from, to, sum.Claims, sum.Lines, sum.Units, sum.TotalCents, sum.Blocked)
		return tx.Audit(ctx, ev)
	})
	return sum, err
}

// placeholderRate adds the rate that priced sc to rates when it is a
// placeholder not listed yet.
func placeholderRate(rates []goldthread.BillingRate, sc *scrubbed) []goldthread.BillingRate {
	if sc.rate.Placeholder && !slices.Contains(rates, sc.rate) {
		rates = append(rates, sc.rate)
	}
	return rates
}

// placeholders names, with where to fix it, each value a batch of the
// program would carry that nobody confirmed for real claims: the payer
// settings, the agency's billing identity (missing or marked placeholder),
// and each placeholder rate that priced a line (rates).
func (s *scrubber) placeholders(rates []goldthread.BillingRate) []goldthread.Text {
	var out []goldthread.Text
	if s.settings.Placeholder {
		out = append(out, goldthread.Textf("the payer settings of %s are marked placeholder (billing staff confirm them on Billing → Payer settings and rates)", s.program.Name))
	}
	if s.identity != nil {
		out = append(out, goldthread.Textf("the agency's billing identity is incomplete: %s (an administrator completes it on Settings → Billing identity)",
			goldthread.Reason(s.identity)))
	} else if s.agency.Billing.Placeholder {
		out = append(out, goldthread.Textf("the agency's billing identity is marked placeholder (an administrator confirms it on Settings → Billing identity)"))
	}
	for _, r := range rates {
		switch {
		case r.Group && r.EffectiveFrom.IsZero():
			out = append(out, goldthread.Textf("the group rate of %s in effect from the beginning is a placeholder (billing staff replace it on Billing → Payer settings and rates)", r.Procedure))
		case r.Group:
			out = append(out, goldthread.Textf("the group rate of %s in effect from %s is a placeholder (billing staff replace it on Billing → Payer settings and rates)", r.Procedure, r.EffectiveFrom.String()))
		case r.EffectiveFrom.IsZero():
			out = append(out, goldthread.Textf("the individual rate of %s in effect from the beginning is a placeholder (billing staff replace it on Billing → Payer settings and rates)", r.Procedure))
		default:
			out = append(out, goldthread.Textf("the individual rate of %s in effect from %s is a placeholder (billing staff replace it on Billing → Payer settings and rates)", r.Procedure, r.EffectiveFrom.String()))
		}
	}
	return out
}

// englishTexts is each Text's English, for the JSON and the command line
// (an empty list, never nil, for none).
func englishTexts(ts []goldthread.Text) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.String()
	}
	return out
}

// insertClaim writes one claim with its lines and its first status
// (ready), and audits it. The lines are the services in order.
func insertClaim(ctx context.Context, tx *Tx, actor goldthread.Actor, s *scrubber, batchID int64, services []scrubbed,
	frequency string, originalID int64, payerClaimNumber, reason string) (int64, error) {
	first := services[0].svc
	var total int64
	units := 0
	for _, sc := range services {
		total += sc.svc.ChargeCents
		units += sc.svc.Units
	}
	rendering := services[0].rendering
	snap, _ := json.Marshal(claimSnapshot{Party: services[0].party, PayerName: s.settings.PayerName, PayerID: s.settings.PayerID,
		Rendering: &rendering})
	id, err := tx.insert(ctx, `INSERT INTO claim (agency_id, batch_id, program_id, participant_id, frequency, original_claim_id,
		payer_claim_number, reason, place_of_service, diagnoses, member_id, parties, rendering_id, rendering_name, rendering_npi,
		authorization_id, prior_authorization, total_cents, units, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		actor.AgencyID, batchID, first.ProgramID, first.ParticipantID, frequency, nullID(originalID), payerClaimNumber, reason,
		first.PlaceOfService, strings.Join(first.Diagnoses, ","), first.MemberID, string(snap), nullID(first.AuthorID), first.AuthorName,
		first.RenderingNPI, nullID(first.AuthorizationID), first.AuthorizationNumber, total, units, nullID(actor.UserID), tx.now)
	if err != nil {
		return 0, fmt.Errorf("store.insertClaim: %w", err)
	}
	if err := insertClaimLines(ctx, tx, actor, id, services); err != nil {
		return 0, err
	}
	if err := addClaimStatus(ctx, tx, actor, id, goldthread.ClaimStatusEntry{Status: goldthread.ClaimReady}); err != nil {
		return 0, err
	}
	ev := auditFor(actor, goldthread.ActionCreate, "claim", id, first.ParticipantID)
	ev.Detail = fmt.Sprintf("batch=%d claim=%s frequency=%s lines=%d units=%d total_cents=%d", batchID, goldthread.ClaimNumber(id),
		frequency, len(services), units, total)
	return id, tx.Audit(ctx, ev)
}

// moveClaimedService moves sc's note from the claim that billed it to
// claimID, a replacement or void of that claim, with sc's units (a new
// batch's services are recorded by claimServices).
func moveClaimedService(ctx context.Context, tx *Tx, claimID int64, sc scrubbed) error {
	v := sc.svc
	if _, err := tx.Exec(ctx, "UPDATE claimed_service SET claim_id = ?, units = ?, claimed_at = ? WHERE note_id = ?", claimID, v.Units, tx.now, v.NoteID); err != nil {
		return fmt.Errorf("store.moveClaimedService: %w", err)
	}
	return nil
}

// useAuthorization adds units (negative gives them back) to the
// authorization's units_used, never beyond the units authorized.
func useAuthorization(ctx context.Context, tx *Tx, authID int64, units int) error {
	res, err := tx.Exec(ctx, `UPDATE service_authorization SET units_used = units_used + ? WHERE id = ? AND units_used + ? <= units_authorized
		AND units_used + ? >= 0`, units, authID, units, units)
	if err != nil {
		return fmt.Errorf("store.useAuthorization: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return goldthread.Errorf(goldthread.ECONFLICT, "The authorization has fewer units left than these services need; request more units.")
	}
	return nil
}

// addClaimStatus appends one status row: e.Reason as staff typed it,
// e.ReasonText (what Goldthread said) as a Text for the reader's printer.
func addClaimStatus(ctx context.Context, tx *Tx, actor goldthread.Actor, claimID int64, e goldthread.ClaimStatusEntry) error {
	var amount any
	if e.HasAmount {
		amount = e.AmountCents
	}
	if _, err := tx.Exec(ctx, `INSERT INTO claim_status (claim_id, agency_id, status, amount_cents, reason, reason_text, payer_claim_number, actor_id, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, claimID, actor.AgencyID, e.Status, amount, e.Reason, reasonTextColumn(e.ReasonText), e.PayerClaimNumber,
		nullID(actor.UserID), tx.now); err != nil {
		return fmt.Errorf("store.addClaimStatus: %w", err)
	}
	return nil
}

// ExportClaims creates a batch of the program's ready services in the
// period (CreateClaimBatch) and writes it to w as an 837P file
// (WriteClaimBatch), which marks its claims exported and audits the
// disclosure. When writing fails the batch stays ready and can be written
// again.
func (db *DB) ExportClaims(ctx context.Context, actor goldthread.Actor, programID int64, from, to goldthread.Date, w io.Writer) (goldthread.ExportSummary, error) {
	sum, err := db.CreateClaimBatch(ctx, actor, programID, from, to)
	if err != nil {
		return sum, err
	}
	written, err := db.WriteClaimBatch(ctx, actor, sum.BatchID, w)
	written.Blocked, written.Placeholders = sum.Blocked, sum.Placeholders
	return written, err
}
