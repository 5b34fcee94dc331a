package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/goldthread/goldthread"
)

// Claims (journey 4). Each program gets payer settings and rates (demo
// values, marked placeholder; NC's H0038 rates are Alliance Health's
// published 2019 rates, with a scheduled increase from next month). Last
// month's ready services are claimed and exported per program, and the
// payer's answers entered: most accepted, some paid, three denied with
// reasons; one accepted claim is voided and one denied claim is replaced.
// This month's services stay on the worklist, ready or blocked for the
// reasons the data gives (notes still in the supervisor's queue, late
// notes, missing links). It is the last step: it bills what notes, groups,
// review and workforce made.

// demoBilling is one program's payer settings and rates.
type demoBilling struct {
	state string
	set   goldthread.ProgramBilling
	rates []goldthread.BillingRate
}

var demoBillings = []demoBilling{
	{"NC", goldthread.ProgramBilling{PayerName: "NC Medicaid Tailored Plan (demo)", PayerID: "NCDEMO01", ReceiverName: "Demo Clearinghouse",
		ReceiverID: "DEMOCH01", SenderID: "RIVERBEND01", InterchangeReceiverID: "DEMOCH01", SubmitterID: "RIVERBEND01",
		ContactName: "Ana Kowalski", ContactPhone: "8285550142", Usage: "T", Placeholder: true},
		[]goldthread.BillingRate{
			{Procedure: "H0038", CentsPerUnit: 1197, Source: "Alliance Health rate per 15-minute unit (research S2)"},
			{Procedure: "H0038", Group: true, CentsPerUnit: 288, Source: "Alliance Health group rate per unit (research S2)"}}},
	{"CA", goldthread.ProgramBilling{PayerName: "Medi-Cal County Plan (demo)", PayerID: "CADEMO01", ReceiverName: "Demo Clearinghouse",
		ReceiverID: "DEMOCH01", SenderID: "RIVERBEND01", InterchangeReceiverID: "DEMOCH01", SubmitterID: "RIVERBEND01",
		ContactName: "Ana Kowalski", ContactPhone: "8285550142", Usage: "T", Placeholder: true},
		[]goldthread.BillingRate{
			{Procedure: "H0038", CentsPerUnit: 2500, Placeholder: true, Source: "placeholder: county rate not retrieved"},
			{Procedure: "H0025", Group: true, CentsPerUnit: 900, Placeholder: true, Source: "placeholder: county rate not retrieved"}}},
	{"NY", goldthread.ProgramBilling{PayerName: "NY Medicaid (demo)", PayerID: "NYDEMO01", ReceiverName: "Demo Clearinghouse",
		ReceiverID: "DEMOCH01", SenderID: "RIVERBEND01", InterchangeReceiverID: "DEMOCH01", SubmitterID: "RIVERBEND01",
		ContactName: "Ana Kowalski", ContactPhone: "8285550142", Usage: "T", Placeholder: true},
		[]goldthread.BillingRate{
			{Procedure: "H0038", CentsPerUnit: 2200, Placeholder: true, Source: "placeholder: MHOTRS pays by APG; fiscal guidance not retrieved"}}},
}

// demoDenials are the payer's reasons for the three denied claims.
var demoDenials = []string{
	"CARC 197: precertification/authorization absent",
	"CARC 16: claim lacks information needed for adjudication (member address)",
	"CARC 18: exact duplicate claim/service",
}

func (l *loader) loadClaims(ctx context.Context) error {
	saved := l.db.Now
	defer func() { l.db.Now = saved }()
	at := l.clock(l.today, 7, 0)
	l.db.Now = func() time.Time { return at }
	ana := goldthread.Actor{UserID: l.staff["ana"], AgencyID: l.sys.AgencyID, Name: "Ana Kowalski", Roles: []goldthread.Role{goldthread.RoleBilling}}
	for _, b := range demoBillings {
		prog := l.programs[b.state]
		b.set.ProgramID = prog
		if err := l.db.SetProgramBilling(ctx, ana, b.set); err != nil {
			return fmt.Errorf("claims: settings %s: %w", b.state, err)
		}
		for _, r := range b.rates {
			r.ProgramID = prog
			if err := l.db.SetBillingRate(ctx, ana, r); err != nil {
				return fmt.Errorf("claims: rate %s: %w", b.state, err)
			}
		}
	}
	// A rate change Ana entered ahead of time, so the rates screen shows a
	// history: services before next month keep $11.97.
	next := goldthread.BillingRate{ProgramID: l.programs["NC"], Procedure: "H0038", CentsPerUnit: 1245, Placeholder: true,
		EffectiveFrom: goldthread.DateOf(goldthread.NewDate(l.today.Year(), l.today.Month(), 1).AddDate(0, 1, 0)),
		Source:        "placeholder: a scheduled increase, invented for the demo"}
	if err := l.db.SetBillingRate(ctx, ana, next); err != nil {
		return fmt.Errorf("claims: scheduled rate: %w", err)
	}
	if err := l.approveOtherTeams(ctx, at); err != nil {
		return err
	}
	thisMonth := goldthread.NewDate(l.today.Year(), l.today.Month(), 1)
	from, to := goldthread.DateOf(thisMonth.AddDate(0, -1, 0)), goldthread.DateOf(thisMonth.AddDate(0, 0, -1))
	var claims []int64
	for _, b := range demoBillings {
		sum, err := l.db.CreateClaimBatch(ctx, ana, l.programs[b.state], from, to)
		if goldthread.ErrorKind(err) == goldthread.EINVALID {
			continue // nothing ready last month in this program
		}
		if err != nil {
			return fmt.Errorf("claims: batch %s: %w", b.state, err)
		}
		if _, err := l.db.WriteClaimBatch(ctx, ana, sum.BatchID, io.Discard); err != nil {
			return fmt.Errorf("claims: export %s: %w", b.state, err)
		}
		list, err := l.db.ListClaims(ctx, ana, goldthread.ClaimFilter{BatchID: sum.BatchID, Limit: 1000})
		if err != nil {
			return fmt.Errorf("claims: %w", err)
		}
		for i := len(list) - 1; i >= 0; i-- {
			claims = append(claims, list[i].ID)
		}
	}
	at = at.Add(2 * time.Hour)
	for i, id := range claims {
		payerNumber := fmt.Sprintf("DEMO%08d", 24000000+id)
		o := goldthread.ClaimOutcome{Status: goldthread.ClaimAccepted, PayerClaimNumber: payerNumber}
		if i < len(demoDenials) {
			o = goldthread.ClaimOutcome{Status: goldthread.ClaimDenied, Reason: demoDenials[i], PayerClaimNumber: payerNumber}
		}
		if err := l.db.RecordClaimOutcome(ctx, ana, id, o); err != nil {
			return fmt.Errorf("claims: outcome %d: %w", id, err)
		}
		if i >= len(demoDenials) && i%2 == 0 && i != len(demoDenials)+2 {
			c, err := l.db.Claim(ctx, ana, id)
			if err != nil {
				return fmt.Errorf("claims: %w", err)
			}
			if err := l.db.RecordClaimOutcome(ctx, ana, id, goldthread.ClaimOutcome{Status: goldthread.ClaimPaid, AmountCents: c.TotalCents}); err != nil {
				return fmt.Errorf("claims: paid %d: %w", id, err)
			}
		}
	}
	if len(claims) > len(demoDenials)+2 {
		at = at.Add(time.Hour)
		// The member's address was completed; the denied claim goes out again.
		repl, err := l.db.CorrectClaim(ctx, ana, claims[1], goldthread.FrequencyReplacement, "", "Member address completed after denial CARC 16")
		if err != nil {
			return fmt.Errorf("claims: replacement: %w", err)
		}
		// An accepted claim billed a service that was not given as billed.
		void, err := l.db.CorrectClaim(ctx, ana, claims[len(demoDenials)+2], goldthread.FrequencyVoid, "",
			"The service was billed under the wrong program; voided")
		if err != nil {
			return fmt.Errorf("claims: void: %w", err)
		}
		for _, id := range []int64{repl, void} { // both sent to the payer
			c, err := l.db.Claim(ctx, ana, id)
			if err == nil {
				_, err = l.db.WriteClaimBatch(ctx, ana, c.BatchID, io.Discard)
			}
			if err != nil {
				return fmt.Errorf("claims: send correction: %w", err)
			}
		}
	}
	return nil
}

// approveOtherTeams has Grace (the New York team's supervisor) approve
// her team's signed notes older than a week, as she does each Monday; the
// newer ones stay in her queue. (Luis's team is approved by the review
// step.)
func (l *loader) approveOtherTeams(ctx context.Context, at time.Time) error {
	grace := goldthread.Actor{UserID: l.staff["grace"], AgencyID: l.sys.AgencyID, Name: "Grace Liu", Roles: []goldthread.Role{goldthread.RoleSupervisor}}
	q, err := l.db.ReviewQueue(ctx, grace)
	if err != nil {
		return fmt.Errorf("claims: review queue: %w", err)
	}
	var ids []int64
	for _, it := range q.Awaiting {
		if it.Note.ServiceDate.Before(l.daysAgo(7).Time) {
			ids = append(ids, it.Note.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if _, err := l.db.ApproveNotes(ctx, grace, ids, Password); err != nil {
		return fmt.Errorf("claims: approve: %w", err)
	}
	return nil
}
