package store

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/x12"
)

// exportPage is how many claims are read at a time while writing a file.
const exportPage = 200

// storedClaim is a claim row as the writer needs it.
type storedClaim struct {
	id, participantID                               int64
	frequency, payerClaimNumber, pos, diagnoses     string
	parties, renderingName, renderingNPI, priorAuth string
	total                                           int64
}

// WriteClaimBatch writes batch batchID to w as one 837P 005010X222A1
// interchange (control number = batch id, created = the batch's time),
// reading the stored claims a page at a time and writing each as it is
// read, so memory does not grow with the batch. Writing the same batch
// again writes the same bytes. Afterwards every claim still ready is marked
// exported and each claim written is audited as a disclosure to the payer
// (participant, claim number, lines, total). Billing staff only; ENOTFOUND
// for a batch outside the agency.
func (db *DB) WriteClaimBatch(ctx context.Context, actor goldthread.Actor, batchID int64, w io.Writer) (goldthread.ExportSummary, error) {
	sum := goldthread.ExportSummary{BatchID: batchID}
	if err := billingStaff(actor); err != nil {
		return sum, err
	}
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var headerJSON string
		var created time.Time
		if err := tx.QueryRow(ctx, "SELECT header, created_at FROM claim_batch WHERE id = ? AND agency_id = ?", batchID, actor.AgencyID).
			Scan(&headerJSON, &created); err != nil {
			return notFound(err, "No claim batch %d in your agency.", batchID)
		}
		var h x12.Header
		if err := json.Unmarshal([]byte(headerJSON), &h); err != nil {
			return fmt.Errorf("store.WriteClaimBatch: header: %w", err)
		}
		h.Interchange.ControlNumber = int(batchID % 1_000_000_000)
		h.Interchange.Created = created.UTC()
		xw := x12.NewWriter(w, h)
		var after int64
		for {
			page, err := claimPage(ctx, tx, batchID, after)
			if err != nil {
				return err
			}
			lines, err := pageLines(ctx, tx, batchID, after, page)
			if err != nil {
				return err
			}
			for _, c := range page {
				xc, err := c.x12(lines[c.id])
				if err != nil {
					return err
				}
				if err := xw.WriteClaim(xc); err != nil {
					return fmt.Errorf("store.WriteClaimBatch: claim %s: %w", goldthread.ClaimNumber(c.id), err)
				}
				sum.Claims++
				sum.Lines += len(xc.Lines)
				sum.TotalCents += c.total
				for _, l := range xc.Lines {
					sum.Units += int(l.Units)
				}
				after = c.id
			}
			if len(page) < exportPage {
				break
			}
		}
		return xw.Close()
	})
	if err != nil {
		return sum, err
	}
	return sum, db.markExported(ctx, actor, batchID)
}

func claimPage(ctx context.Context, tx *Tx, batchID, after int64) ([]storedClaim, error) {
	var out []storedClaim
	err := scanAll(ctx, tx, `SELECT id, participant_id, frequency, payer_claim_number, place_of_service, diagnoses, parties,
		rendering_name, rendering_npi, prior_authorization, total_cents FROM claim WHERE batch_id = ? AND id > ? ORDER BY id LIMIT `+
		strconv.Itoa(exportPage), []any{batchID, after}, func(r scanner) error {
		var c storedClaim
		err := r.Scan(&c.id, &c.participantID, &c.frequency, &c.payerClaimNumber, &c.pos, &c.diagnoses, &c.parties,
			&c.renderingName, &c.renderingNPI, &c.priorAuth, &c.total)
		out = append(out, c)
		return err
	})
	return out, err
}

// claimLine is a stored claim line as the writer needs it.
type claimLine struct {
	noteID    int64
	day       goldthread.Date
	procedure string
	mods, pos string
	units     int
	charge    int64
}

// pageLines reads the lines of a page of the batch's claims (those after
// the id after, through the page's last) in one query, by claim id. It
// orders by the claim's id, not the line's copy of it: the same order,
// which SQLite then reads from its indexes as it walks them instead of
// sorting every line of the page.
func pageLines(ctx context.Context, tx *Tx, batchID, after int64, page []storedClaim) (map[int64][]claimLine, error) {
	out := make(map[int64][]claimLine, len(page))
	if len(page) == 0 {
		return out, nil
	}
	err := scanAll(ctx, tx, `SELECT l.claim_id, l.note_id, l.service_date, l.procedure_code, l.modifiers, l.units, l.charge_cents, l.place_of_service
		FROM claim c JOIN claim_line l ON l.claim_id = c.id WHERE c.batch_id = ? AND c.id > ? AND c.id <= ? ORDER BY c.id, l.line_no`,
		[]any{batchID, after, page[len(page)-1].id}, func(r scanner) error {
			var claimID int64
			var l claimLine
			if err := r.Scan(&claimID, &l.noteID, &l.day, &l.procedure, &l.mods, &l.units, &l.charge, &l.pos); err != nil {
				return err
			}
			out[claimID] = append(out[claimID], l)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store.pageLines: %w", err)
	}
	return out, nil
}

// x12 builds the 837P claim of a stored claim with its lines.
func (c storedClaim) x12(lines []claimLine) (x12.Claim, error) {
	var snap claimSnapshot
	if err := json.Unmarshal([]byte(c.parties), &snap); err != nil {
		return x12.Claim{}, fmt.Errorf("store: claim %d parties: %w", c.id, err)
	}
	p := snap.Party
	gender := p.Gender
	if gender != x12.GenderFemale && gender != x12.GenderMale {
		gender = x12.GenderUnknown
	}
	xc := x12.Claim{ID: goldthread.ClaimNumber(c.id), TotalCharge: x12.Money(c.total), PlaceOfService: c.pos, Frequency: c.frequency,
		PayerClaimControlNumber: c.payerClaimNumber, PriorAuthorization: c.priorAuth, Diagnoses: strings.Split(c.diagnoses, ","),
		Subscriber: x12.Subscriber{Name: x12.PersonName{Last: p.Last, First: p.First}, MemberID: p.MemberID, BirthDate: p.BirthDate.Time,
			Gender: gender, Address: x12.Address{Line1: p.Line1, City: p.City, State: p.State, ZIP: p.ZIP}, FilingIndicator: "MC"},
		Payer: x12.Payer{Name: snap.PayerName, ID: snap.PayerID}}
	if c.renderingNPI != "" {
		r := &x12.RenderingProvider{NPI: c.renderingNPI}
		if rp := snap.Rendering; rp != nil {
			r.Name, r.Taxonomy = x12.PersonName{Last: rp.Last, First: rp.First}, rp.Taxonomy
		} else {
			// Written before names were kept apart: the claim was sent with
			// this split, and a sent claim is written again as it was.
			first, last := splitName(c.renderingName)
			r.Name = x12.PersonName{Last: last, First: first}
		}
		xc.Rendering = r
	}
	for _, cl := range lines {
		l := x12.ServiceLine{Procedure: cl.procedure, Units: float64(cl.units), Charge: x12.Money(cl.charge), ServiceDate: cl.day.Time}
		if cl.mods != "" {
			l.Modifiers = strings.Split(cl.mods, ",")
		}
		if cl.pos != c.pos {
			l.PlaceOfService = cl.pos
		}
		l.ControlNumber = "N" + strconv.FormatInt(cl.noteID, 10)
		xc.Lines = append(xc.Lines, l)
	}
	return xc, nil
}

// splitName splits "Dana Whitfield" into first and last name (a single
// word is the last name): only for claims stored before first and last
// names were typed apart, so their files are written again byte for byte.
func splitName(name string) (first, last string) {
	name = strings.TrimSpace(name)
	i := strings.LastIndexByte(name, ' ')
	if i < 0 {
		return "", name
	}
	return strings.TrimSpace(name[:i]), name[i+1:]
}

// markExported moves the batch's ready claims to exported and audits each
// claim of the batch as disclosed in an 837P file.
func (db *DB) markExported(ctx context.Context, actor goldthread.Actor, batchID int64) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO claim_status (claim_id, agency_id, status, reason, payer_claim_number, actor_id, at)
			SELECT c.id, c.agency_id, ?, '', '', ?, ? FROM claim c WHERE c.batch_id = ? AND c.agency_id = ?
			AND NOT EXISTS (SELECT 1 FROM claim_status s WHERE s.claim_id = c.id AND s.status <> ?)`,
			goldthread.ClaimExported, nullID(actor.UserID), tx.now, batchID, actor.AgencyID, goldthread.ClaimReady); err != nil {
			return fmt.Errorf("store.markExported: %w", err)
		}
		var after int64
		for {
			type row struct {
				id, participant, total int64
				lines                  int
			}
			var page []row
			if err := scanAll(ctx, tx, `SELECT c.id, c.participant_id, c.total_cents, (SELECT COUNT(*) FROM claim_line l WHERE l.claim_id = c.id)
				FROM claim c WHERE c.batch_id = ? AND c.agency_id = ? AND c.id > ? ORDER BY c.id LIMIT `+strconv.Itoa(exportPage),
				[]any{batchID, actor.AgencyID, after}, func(r scanner) error {
					var x row
					err := r.Scan(&x.id, &x.participant, &x.total, &x.lines)
					page = append(page, x)
					return err
				}); err != nil {
				return err
			}
			for _, x := range page {
				ev := auditFor(actor, goldthread.ActionExport, "claim", x.id, x.participant)
				ev.Detail = fmt.Sprintf("837P batch=%d claim=%s lines=%d total_cents=%d fields=member,dob,gender,address,diagnoses,codes,units,dates",
					batchID, goldthread.ClaimNumber(x.id), x.lines, x.total)
				if err := tx.Audit(ctx, ev); err != nil {
					return err
				}
				after = x.id
			}
			if len(page) < exportPage {
				return nil
			}
		}
	})
}
