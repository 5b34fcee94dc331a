package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// worklistShape is everything the worklist says, one line a service and
// its totals, groups and placeholders, with each block's message and fix
// as the reader's printer would get them (format and English).
func worklistShape(t *testing.T, db *store.DB, e *billEnv) string {
	t.Helper()
	wl, err := db.BillableServices(context.Background(), e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
	if err != nil {
		t.Fatalf("worklist: %v", err)
	}
	var lines []string
	for _, s := range append(wl.Ready, wl.Blocked...) {
		var blocks []string
		for _, b := range s.Blocks {
			blocks = append(blocks, fmt.Sprintf("%s/%s/%s|%s|%s|%s|%s", b.RuleID, b.WhoActs, b.Status, b.Message, b.Fix, b.MessageText.Format, b.MessageText.String()+"|"+b.FixText.String()))
		}
		lines = append(lines, fmt.Sprintf("note %d participant %d %s %s units %d cents %d rate %d auth %s dx %v pos %s mods %v %v",
			s.NoteID, s.ParticipantID, s.ParticipantName, s.ServiceDate, s.Units, s.ChargeCents, s.RateCents, s.AuthorizationNumber,
			s.Diagnoses, s.PlaceOfService, s.Modifiers, blocks))
	}
	for _, g := range wl.Groups {
		lines = append(lines, fmt.Sprintf("group %s %d %s %s", g.RuleID, g.Count, g.Example, g.ExampleText.String()))
	}
	lines = append(lines, fmt.Sprintf("totals %d %d placeholders %v", wl.ReadyUnits, wl.ReadyCents, wl.Placeholders))
	return strings.Join(lines, "\n")
}

// scrubbedShape is worklistShape with every service scrubbed for the read,
// as an export does: what the stored verdicts must equal.
func scrubbedShape(t *testing.T, db *store.DB, e *billEnv) string {
	t.Helper()
	db.SetScrubEveryRead(true)
	defer db.SetScrubEveryRead(false)
	return worklistShape(t, db, e)
}

// TestStoredVerdictsFollowEveryInput: for each kind of input the scrubber
// reads, the worklist read from stored verdicts (after a first read stored
// them) changes when the input changes and then equals a worklist scrubbed
// afresh. Each case fails when the trigger (migration 0150) that moves the
// input's version is removed: the stored verdict would stay as before.
func TestStoredVerdictsFollowEveryInput(t *testing.T) {
	type kind struct {
		name   string
		before func(t *testing.T, e *billEnv) // notes and state the first read sees
		change func(t *testing.T, e *billEnv)
	}
	ctx := context.Background()
	billable := func(t *testing.T, e *billEnv) { e.billable(t, onMarch(9, 13)) }
	forRenee := func(t *testing.T, e *billEnv) {
		// Renee has no plan, service order, diagnosis or authorization.
		e.billable(t, onMarch(5, 9), func(in *store.NoteInput) {
			in.ParticipantID, in.Goals, in.SingleEventReason = e.f.MineToo.ID, nil, "First meeting before the plan."
		})
	}
	kinds := []kind{
		{"NoteSignedByTheAuthorForAnotherParticipant", billable, func(t *testing.T, e *billEnv) {
			// Only the author's version says so: Marcus's records are unchanged.
			e.signed(t, onMarch(9, 13), func(in *store.NoteInput) {
				in.ParticipantID, in.Goals, in.SingleEventReason = e.f.MineToo.ID, nil, "First meeting before the plan."
				in.Start, in.End = in.Start.Add(20*time.Minute), in.End.Add(20*time.Minute)
				in.Billable, in.NonBillableReason = false, "A ride home after the visit."
			})
		}},
		{"NoteSignedForTheParticipant", billable, func(t *testing.T, e *billEnv) { e.billable(t, onMarch(10, 9)) }},
		{"Addendum", billable, func(t *testing.T, e *billEnv) {
			id := onlyService(t, e)
			if _, err := e.db.AddAddendum(ctx, e.f.Peer, id, store.AddendumInput{Kind: "clarification", Body: "The calls were to two landlords.",
				Password: storetest.Password, Attestation: "I attest."}); err != nil {
				t.Fatal(err)
			}
		}},
		{"Approval", func(t *testing.T, e *billEnv) { e.signed(t, onMarch(9, 13)) }, func(t *testing.T, e *billEnv) {
			e.approve(t, onlyService(t, e))
		}},
		{"Claim", func(t *testing.T, e *billEnv) {
			// A blocked service keeps Marcus on the worklist once the ready one is claimed.
			billable(t, e)
			e.signed(t, onMarch(10, 9))
		}, func(t *testing.T, e *billEnv) { e.exportMarch(t) }},
		{"PlanInForce", billable, func(t *testing.T, e *billEnv) {
			// A newer signed version without the note's goal, in force
			// before the service (written straight: signing a plan takes
			// the participant's signature too).
			exec(t, e.db, `INSERT INTO plan (agency_id, participant_id, program_id, version, status, effective_date, review_due, created_by,
				created_at, updated_at, signed_at, content_hash, in_force_from) VALUES (?, ?, ?, 99, 'signed', ?, ?, ?, ?, ?, ?, 'h', ?)`,
				e.f.Agency.ID, e.f.Mine.ID, e.f.Program.ID, goldthread.NewDate(2026, 3, 1), goldthread.NewDate(2026, 9, 1), e.f.Clinician.UserID,
				e.clock.T, e.clock.T, e.clock.T, goldthread.NewDate(2026, 3, 1))
		}},
		{"Enrolment", billable, func(t *testing.T, e *billEnv) {
			exec(t, e.db, "UPDATE enrollment SET end_date = ? WHERE participant_id = ?", goldthread.NewDate(2026, 3, 5), e.f.Mine.ID)
		}},
		{"Diagnosis", forRenee, func(t *testing.T, e *billEnv) {
			if err := e.db.AddDiagnosis(ctx, e.f.Clinician, &goldthread.Diagnosis{ParticipantID: e.f.MineToo.ID, Code: "F33.1", Primary: true,
				Since: goldthread.NewDate(2026, 1, 10)}); err != nil {
				t.Fatal(err)
			}
		}},
		{"ServiceOrder", forRenee, func(t *testing.T, e *billEnv) {
			if err := e.db.AddServiceOrder(ctx, e.f.Clinician, &goldthread.ServiceOrder{ParticipantID: e.f.MineToo.ID, ProgramID: e.f.Program.ID,
				Professional: "Cal Clinician", Credential: "LCSW", NPI: "1234567893", Signed: goldthread.NewDate(2026, 2, 1)}); err != nil {
				t.Fatal(err)
			}
		}},
		{"Authorization", forRenee, func(t *testing.T, e *billEnv) {
			a := goldthread.Authorization{ParticipantID: e.f.MineToo.ID, ProgramID: e.f.Program.ID, Payer: "NC Medicaid", Number: "PA-200",
				Start: goldthread.NewDate(2026, 2, 1), End: goldthread.NewDate(2026, 6, 30), UnitsAuthorized: 40}
			if err := e.db.AddAuthorization(ctx, e.f.Clinician, &a); err != nil {
				t.Fatal(err)
			}
		}},
		{"AuthorizationUnits", billable, func(t *testing.T, e *billEnv) {
			exec(t, e.db, "UPDATE service_authorization SET units_used = units_authorized WHERE id = ?", e.authID)
		}},
		{"Credential", billable, func(t *testing.T, e *billEnv) {
			exec(t, e.db, "UPDATE credential SET expires_on = ? WHERE id = ?", goldthread.NewDate(2026, 3, 1), e.credID)
		}},
		{"StaffRecord", billable, func(t *testing.T, e *billEnv) {
			exec(t, e.db, "UPDATE app_user SET npi = ? WHERE id = ?", "1234567890", e.f.Peer.UserID)
		}},
		{"ParticipantRecord", billable, func(t *testing.T, e *billEnv) {
			exec(t, e.db, "UPDATE participant SET medicaid_id = '' WHERE id = ?", e.f.Mine.ID)
		}},
		{"Rate", func(t *testing.T, e *billEnv) { e.billable(t, onMarch(10, 9)) }, func(t *testing.T, e *billEnv) {
			if err := e.db.SetBillingRate(ctx, e.f.Billing, goldthread.BillingRate{ProgramID: e.f.Program.ID, Procedure: "H0038", CentsPerUnit: 1250,
				EffectiveFrom: goldthread.NewDate(2026, 3, 10)}); err != nil {
				t.Fatal(err)
			}
		}},
		{"PayerSettings", func(t *testing.T, e *billEnv) {
			billable(t, e)
			exec(t, e.db, "DELETE FROM program_billing WHERE program_id = ?", e.f.Program.ID)
		}, func(t *testing.T, e *billEnv) {
			if err := e.db.SetProgramBilling(ctx, e.f.Billing, goldthread.ProgramBilling{ProgramID: e.f.Program.ID, PayerName: "NC Medicaid",
				PayerID: "NCMCD", ReceiverName: "NC Tracks", ReceiverID: "NCTRACKS", SenderID: "FIXTURE01", InterchangeReceiverID: "NCTRACKS",
				SubmitterID: "FIXTURE01", ContactName: "Bo Billing", ContactPhone: "8285550100", Usage: "T"}); err != nil {
				t.Fatal(err)
			}
		}},
		{"BillingIdentity", billable, func(t *testing.T, e *billEnv) {
			exec(t, e.db, "UPDATE agency SET tax_id = '' WHERE id = ?", e.f.Agency.ID)
		}},
		{"RuleOverride", func(t *testing.T, e *billEnv) {
			e.billable(t, onMarch(9, 15), func(in *store.NoteInput) { in.Modality, in.Location = "video", "office" })
		}, func(t *testing.T, e *billEnv) {
			if _, err := e.db.SetRuleOverride(ctx, e.f.Admin, e.f.Program.RulePack, "modalities.video.allowed", "false", "MCO contract: no video"); err != nil {
				t.Fatal(err)
			}
		}},
		{"ProgramSettings", func(t *testing.T, e *billEnv) {
			billable(t, e)
			exec(t, e.db, "DELETE FROM billing_rate WHERE program_id = ? AND is_group = ?", e.f.Program.ID, false) // the block quotes the program's name
		}, func(t *testing.T, e *billEnv) {
			exec(t, e.db, "UPDATE program SET name = ? WHERE id = ?", "Peer Support (renamed)", e.f.Program.ID)
		}},
		{"ClockForANoteWithNoSigningTime", func(t *testing.T, e *billEnv) {
			// A signed note with no signature row is judged as if signed
			// now: timely on Mar 3, late by the end of the month.
			rawNote(t, e, goldthread.NewDate(2026, 3, 2), 13, time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC), false)
			e.clock.T = time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)
		}, func(t *testing.T, e *billEnv) {
			e.clock.T = time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC)
		}},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, db *store.DB) {
				e := newBillEnv(t, db)
				k.before(t, e)
				first := worklistShape(t, db, e)
				if again := worklistShape(t, db, e); again != first {
					t.Fatalf("a second read differs from the first:\n%s\n---\n%s", first, again)
				}
				if want := scrubbedShape(t, db, e); first != want {
					t.Fatalf("stored verdicts differ from a fresh scrub before the change:\n%s\n--- scrubbed:\n%s", first, want)
				}
				k.change(t, e)
				got := worklistShape(t, db, e)
				want := scrubbedShape(t, db, e)
				if got != want {
					t.Fatalf("after the change, the stored verdicts are stale:\n%s\n--- scrubbed now:\n%s", got, want)
				}
				if got == first {
					t.Fatalf("the change did not change the worklist; the case proves nothing:\n%s", got)
				}
			})
		})
	}
}

// onlyService is the one service of the worklist.
func onlyService(t *testing.T, e *billEnv) int64 {
	t.Helper()
	wl, err := e.db.BillableServices(context.Background(), e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
	if err != nil {
		t.Fatal(err)
	}
	all := append(wl.Ready, wl.Blocked...)
	if len(all) != 1 {
		t.Fatalf("%d services, want 1", len(all))
	}
	return all[0].NoteID
}

// TestStoredVerdictTextsReadAlike: a block's message and fix read back
// from a stored verdict render as the scrubber's own, in English and in
// Spanish, whatever they quote (a number, an amount, a date, a nested
// Text, a reason given as an error, a name).
func TestStoredVerdictTextsReadAlike(t *testing.T) {
	reason := goldthread.Errorf(goldthread.EINVALID, "The agency's NPI %s fails the check digit.", "123")
	texts := []goldthread.Text{
		goldthread.Textf("No rate per unit is set for %s in %s.", goldthread.Textf("%s (group)", "H0038"), "Peer Support"),
		goldthread.Textf("The agency's billing identity cannot go on a claim: %s", reason),
		goldthread.Textf("The author's %s was not valid on %s.", "CPSS", goldthread.TextDate{Time: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}),
		goldthread.Textf("%d units", 12),
		goldthread.Textf("Paid %s", goldthread.Money(123450)),
		{},
	}
	svc := goldthread.BillableService{NoteID: 1, Blocks: []goldthread.BillingFinding{}}
	for _, x := range texts {
		svc.Blocks = append(svc.Blocks, goldthread.BillingFinding{RuleID: "r", Message: x.String(), MessageText: x, FixText: x})
	}
	back, err := store.VerdictRoundTrip(svc)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "es"} {
		p := locale.New(lang, time.UTC)
		for i, b := range back.Blocks {
			want := p.Text(texts[i])
			if got := p.Text(b.MessageText); got != want {
				t.Errorf("%s: message %d reads %q, want %q", lang, i, got, want)
			}
			if got := p.Text(b.FixText); got != want {
				t.Errorf("%s: fix %d reads %q, want %q", lang, i, got, want)
			}
		}
	}
}

// TestWorklistPageIsTheWholeWorklistCut: a page lists the first services
// of each list in the whole worklist's order, with the whole period's
// counts, totals, groups and placeholders.
func TestWorklistPageIsTheWholeWorklistCut(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		for day := 2; day <= 4; day++ {
			e.billable(t, onMarch(day, 9))
			e.signed(t, onMarch(day, 13)) // not approved: blocked
		}
		whole, err := db.BillableServices(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if err != nil {
			t.Fatal(err)
		}
		page, err := db.BillableServicesPage(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo, store.WorklistPage{Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if whole.ReadyCount != 3 || whole.BlockedCount != 3 || page.ReadyCount != 3 || page.BlockedCount != 3 {
			t.Fatalf("counts: whole %d/%d, page %d/%d", whole.ReadyCount, whole.BlockedCount, page.ReadyCount, page.BlockedCount)
		}
		cut := whole
		cut.Ready, cut.Blocked = whole.Ready[:2], whole.Blocked[:2]
		if a, b := fmt.Sprintf("%+v", cut), fmt.Sprintf("%+v", page); a != b {
			t.Fatalf("page:\n%s\nwant:\n%s", b, a)
		}
		if _, err := db.BillableServicesPage(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo, store.WorklistPage{Limit: -1}); goldthread.ErrorField(err) != "limit" {
			t.Fatalf("a negative limit: %v", err)
		}
	})
}

// TestTwoReadersStoreTheSameRunsTogether: two first reads of a period at
// once both store its runs; neither fails on the other's rows, and both
// answer what a fresh scrub does.
func TestTwoReadersStoreTheSameRunsTogether(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newBillEnv(t, db)
		for day := 2; day <= 6; day++ {
			e.billable(t, onMarch(day, 9))
		}
		want := scrubbedShape(t, db, e)
		errs := make(chan error, 2)
		for range 2 {
			go func() {
				_, err := db.BillableServices(context.Background(), e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
				errs <- err
			}()
		}
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		if got := worklistShape(t, db, e); got != want {
			t.Fatalf("after two readers:\n%s\nwant:\n%s", got, want)
		}
	})
}

// TestVerdictsOfAnotherBasisAreScrubbedAgain: runs stored by another build
// or under another effective pack (basis) are never read; here such a run
// also says something the scrubber does not, and the read scrubs again.
func TestVerdictsOfAnotherBasisAreScrubbedAgain(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newBillEnv(t, db)
		e.billable(t, onMarch(9, 13))
		want := worklistShape(t, db, e)
		exec(t, db, "UPDATE billing_verdict SET service = REPLACE(service, '\"units\":3', '\"units\":7')")
		exec(t, db, "UPDATE billing_run SET basis = 'an older build', ready_units = 7")
		exec(t, db, "UPDATE billing_period SET basis = 'an older build'")
		if got := worklistShape(t, db, e); got != want {
			t.Fatalf("a run of another basis was read:\n%s\nwant:\n%s", got, want)
		}
	})
}

// asStored is the March worklist read as stored (WorklistPage.AsStored):
// no scrub, the participants not checked since their last change pending.
func asStored(t *testing.T, e *billEnv) goldthread.BillingWorklist {
	t.Helper()
	wl, err := e.db.BillableServicesPage(context.Background(), e.f.Billing, e.f.Program.ID, marchFrom, marchTo, store.WorklistPage{AsStored: true})
	if err != nil {
		t.Fatalf("worklist as stored: %v", err)
	}
	return wl
}

// TestWorklistAsStoredScrubsNothing: a read as stored answers without
// scrubbing: on a period never read, every participant of the agency is
// pending, nothing is listed and no run is stored. Once the period is
// checked (RefreshVerdicts, the Billing page's background check), nothing
// is pending and the read is the whole worklist, as a fresh scrub says.
func TestWorklistAsStoredScrubsNothing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		e.billable(t, onMarch(9, 13))
		e.signed(t, onMarch(10, 13))
		known := asStored(t, e)
		people := countRows(t, db, "SELECT COUNT(*) FROM participant WHERE agency_id = ?", e.f.Agency.ID)
		if known.Pending != people || len(known.Ready)+len(known.Blocked)+known.ReadyCount+known.BlockedCount != 0 {
			t.Fatalf("first read as stored: %d pending (want every participant, %d), %d/%d services", known.Pending, people,
				known.ReadyCount, known.BlockedCount)
		}
		if n := countRows(t, db, "SELECT COUNT(*) FROM billing_run"); n != 0 {
			t.Fatalf("a read as stored stored %d runs", n)
		}
		if err := db.RefreshVerdicts(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo); err != nil {
			t.Fatal(err)
		}
		known = asStored(t, e)
		whole, err := db.BillableServices(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := fmt.Sprintf("%+v", known), fmt.Sprintf("%+v", whole); known.Pending != 0 || whole.ReadyCount != 1 || whole.BlockedCount != 1 || a != b {
			t.Fatalf("after the check, read as stored (%d pending):\n%s\nwant:\n%s", known.Pending, a, b)
		}
		if got, want := worklistShape(t, db, e), scrubbedShape(t, db, e); got != want {
			t.Fatalf("after the check:\n%s\nscrubbed:\n%s", got, want)
		}
		if err := db.RefreshVerdicts(ctx, e.f.Peer, e.f.Program.ID, marchFrom, marchTo); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("a peer's check: %v", err)
		}
	})
}

// TestEmptyRunsKeepAPeriodFresh: a participant with no candidate in the
// period gets an empty run, fresh like any other, so after a change to
// another participant only that one is pending. The empty run goes stale
// when the participant gets a candidate, whose service the check then
// lists.
func TestEmptyRunsKeepAPeriodFresh(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		e.billable(t, onMarch(9, 13)) // Marcus's; Renee has none
		worklistShape(t, db, e)
		if n := countRows(t, db, "SELECT COUNT(*) FROM billing_run WHERE participant_id = ? AND ready_count = 0 AND blocked_count = 0",
			e.f.MineToo.ID); n != 1 {
			t.Fatalf("%d empty runs for Renee, want 1", n)
		}
		exec(t, db, "UPDATE participant SET preferred_name = 'Marc' WHERE id = ?", e.f.Mine.ID)
		if known := asStored(t, e); known.Pending != 1 {
			t.Fatalf("after a change to Marcus, %d participants pending, want 1", known.Pending)
		}
		worklistShape(t, db, e)
		// Renee's first service: her empty run is stale (and Marcus's,
		// whose peer signed it), and the period's check lists it.
		renee := e.billable(t, onMarch(5, 9), func(in *store.NoteInput) {
			in.ParticipantID, in.Goals, in.SingleEventReason = e.f.MineToo.ID, nil, "First meeting before the plan."
		})
		known := asStored(t, e)
		if known.Pending != 2 || slices.ContainsFunc(append(known.Ready, known.Blocked...), func(s goldthread.BillableService) bool { return s.NoteID == renee.ID }) {
			t.Fatalf("Renee's new service: %d pending (want 2), or listed before it was checked", known.Pending)
		}
		if err := db.RefreshVerdicts(ctx, e.f.Billing, e.f.Program.ID, marchFrom, marchTo); err != nil {
			t.Fatal(err)
		}
		known = asStored(t, e)
		if known.Pending != 0 || !slices.ContainsFunc(append(known.Ready, known.Blocked...), func(s goldthread.BillableService) bool { return s.NoteID == renee.ID }) {
			t.Fatalf("after the check: %d pending, Renee's service listed: %v", known.Pending, append(known.Ready, known.Blocked...))
		}
		if got, want := worklistShape(t, db, e), scrubbedShape(t, db, e); got != want {
			t.Fatalf("after the check:\n%s\nscrubbed:\n%s", got, want)
		}
	})
}

// TestAFreshPeriodReadsItsOwnTotals: while every run of the period is
// fresh, a read takes the totals and groups from the period's row
// (billing_period), not by adding up one row a participant, which grows
// with the agency: a run's totals altered behind its back are not read
// until something changes, and then they are added up again.
func TestAFreshPeriodReadsItsOwnTotals(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e := newBillEnv(t, db)
		e.billable(t, onMarch(9, 13))
		e.signed(t, onMarch(10, 13))
		want := worklistShape(t, db, e)
		exec(t, db, "UPDATE billing_run SET ready_units = ready_units + 40, blocked_count = blocked_count + 5 WHERE participant_id = ?", e.f.Mine.ID)
		if got := worklistShape(t, db, e); got != want {
			t.Fatalf("a fresh period's read added up its runs:\n%s\nwant:\n%s", got, want)
		}
		exec(t, db, "UPDATE participant SET preferred_name = 'Marc' WHERE id = ?", e.f.Mine.ID)
		if known := asStored(t, e); known.Pending != 1 || known.BlockedCount != 6 {
			t.Fatalf("a stale period read as stored: %d pending, %d blocked; want 1 and the runs' 6", known.Pending, known.BlockedCount)
		}
	})
}
