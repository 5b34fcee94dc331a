package store_test

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// bulkAgency writes, with raw inserts, an NY agency of people participants
// with perPerson signed, approved, billable notes each (in January 2026,
// ten participants per peer), a signed plan each, a verified NYCPS peer with an NPI, a
// diagnosis, payer settings and a rate. It returns the billing actor and
// the program id.
func bulkAgency(t testing.TB, db *store.DB, people, perPerson int) (goldthread.Actor, int64) {
	t.Helper()
	ctx := context.Background()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Setup only: no fsync per statement (the single SQLite writer
	// connection keeps the setting until it is set back).
	must(db.ExecRaw(ctx, "PRAGMA synchronous = OFF"))
	defer db.ExecRaw(ctx, "PRAGMA synchronous = FULL")
	now := time.Date(2026, 2, 20, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	a := goldthread.Agency{Slug: fmt.Sprintf("bulk%d", people), Name: "Bulk Peer Services", Billing: goldthread.BillingIdentity{
		LegalName: "Bulk Peer Services", NPI: "1234567893", TaxID: "561234567", Taxonomy: "251S00000X",
		Address: goldthread.Address{Line1: "1 Main St", City: "Albany", State: "NY", PostalCode: "122071234"}}}
	must(nil, db.CreateAgency(ctx, &a))
	p := goldthread.Program{AgencyID: a.ID, Name: "NY peer support", RulePack: "us-ny-omh-mhotrs-pss", State: "NY", Active: true}
	must(nil, db.CreateProgram(ctx, &p))
	billing := 900000 + a.ID*10_000
	must(db.ExecRaw(ctx, `INSERT INTO app_user (id, agency_id, email, name, password_hash, created_at, updated_at)
		VALUES (?, ?, ?, 'Bo Billing', 'x', ?, ?)`, billing, a.ID, fmt.Sprintf("bill%d@bulk.test", a.ID), now, now))
	actor := goldthread.Actor{UserID: billing, AgencyID: a.ID, Roles: []goldthread.Role{goldthread.RoleBilling}}
	must(nil, db.SetProgramBilling(ctx, actor, goldthread.ProgramBilling{ProgramID: p.ID, PayerName: "NY Medicaid", PayerID: "NYMCD",
		ReceiverName: "eMedNY", ReceiverID: "EMEDNY", SenderID: "BULK01", InterchangeReceiverID: "EMEDNY", SubmitterID: "BULK01",
		ContactPhone: "5185550100"}))
	must(nil, db.SetBillingRate(ctx, actor, goldthread.BillingRate{ProgramID: p.ID, Procedure: "H0038", CentsPerUnit: 1500}))
	var peer int64
	for i := 0; i < people; i++ {
		// Ten participants per peer, so no peer's services overlap.
		if i%10 == 0 {
			peer = billing + 1 + int64(i/10)
			must(db.ExecRaw(ctx, `INSERT INTO app_user (id, agency_id, email, name, first_name, last_name, credential, npi, password_hash,
				created_at, updated_at) VALUES (?, ?, ?, 'Pat Peer', 'Pat', 'Peer', 'NYCPS', ?, 'x', ?, ?)`, peer, a.ID, fmt.Sprintf("peer%d@bulk.test", peer), peerNPI, now, now))
			must(db.ExecRaw(ctx, `INSERT INTO credential (agency_id, staff_id, type, number, issued_on, expires_on, verified_by, verified_at,
				created_at, updated_at) VALUES (?, ?, 'NYCPS', 'N-1', ?, ?, ?, ?, ?, ?)`, a.ID, peer, goldthread.NewDate(2025, 1, 1),
				goldthread.NewDate(2027, 1, 1), billing, now, now, now))
		}
		pid := int64(5_000_000) + a.ID*100_000 + int64(i)
		must(db.ExecRaw(ctx, `INSERT INTO participant (id, agency_id, first_name, last_name, birth_date, gender, medicaid_id, addr_line1,
			addr_city, addr_state, addr_postal, created_at, updated_at) VALUES (?, ?, 'Sam', ?, ?, 'F', ?, '2 Oak St', 'Albany', 'NY', '12207', ?, ?)`,
			pid, a.ID, fmt.Sprintf("Person%d", i), goldthread.NewDate(1980, 5, 1), fmt.Sprintf("AB%06dC", i), now, now))
		must(db.ExecRaw(ctx, "INSERT INTO enrollment (agency_id, participant_id, program_id, start_date) VALUES (?, ?, ?, ?)",
			a.ID, pid, p.ID, goldthread.NewDate(2025, 12, 1)))
		must(db.ExecRaw(ctx, "INSERT INTO diagnosis (agency_id, participant_id, code, is_primary, since, created_by, created_at) VALUES (?, ?, 'F33.1', ?, ?, ?, ?)",
			a.ID, pid, true, goldthread.NewDate(2025, 11, 1), billing, now))
		must(db.ExecRaw(ctx, `INSERT INTO plan (id, agency_id, participant_id, program_id, version, status, effective_date, review_due, created_by,
			created_at, updated_at) VALUES (?, ?, ?, ?, 1, 'draft', ?, ?, ?, ?, ?)`, pid, a.ID, pid, p.ID, goldthread.NewDate(2025, 12, 1),
			goldthread.NewDate(2026, 6, 1), peer, now, now))
		must(db.ExecRaw(ctx, "INSERT INTO plan_goal (id, plan_id, position, participant_words, summary) VALUES (?, ?, 0, 'I want a job', 'Work')", pid, pid))
		must(db.ExecRaw(ctx, "INSERT INTO plan_intervention (id, plan_id, goal_id, position, description) VALUES (?, ?, ?, 0, 'Practice interviews')", pid, pid, pid))
		// Signed on its effective date, before the services it backs (a plan
		// signed after them is a finding that blocks billing).
		must(db.ExecRaw(ctx, "UPDATE plan SET status = 'signed', signed_at = ?, in_force_from = effective_date WHERE id = ?",
			time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC), pid))
		for k := 0; k < perPerson; k++ {
			nid := pid*100 + int64(k)
			slot := (i%10)*perPerson + k // eight 55-minute slots a day per peer
			start := time.Date(2026, 1, 2+slot/8, 8, 0, 0, 0, time.UTC).Add(time.Duration(slot%8) * 55 * time.Minute)
			signed, hash := start.Add(2*time.Hour), fmt.Sprintf("h%d", nid)
			must(db.ExecRaw(ctx, `INSERT INTO service_note (id, agency_id, participant_id, program_id, author_id, status, service_date, start_at,
				end_at, location, modality, category, peer_action, participant_response, next_steps, billable, created_at, updated_at, content_hash)
				VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, 'community', 'in_person', 'adult_peer_support', ?, ?, 'Meet again next week.', ?, ?, ?, ?)`,
				nid, a.ID, pid, p.ID, peer, goldthread.DateOf(start), start, start.Add(50*time.Minute),
				fmt.Sprintf("Session %d: we practiced interview answers for job %d.", k, i), "They said it went better than last time.", true, signed, signed, hash))
			must(db.ExecRaw(ctx, "INSERT INTO note_goal (note_id, position, goal_id, intervention_id) VALUES (?, 0, ?, ?)", nid, pid, pid))
			must(db.ExecRaw(ctx, `INSERT INTO note_signature (note_id, user_id, name, credential, attestation, signed_at, content_hash)
				VALUES (?, ?, 'Pat Peer', 'NYCPS', 'I attest.', ?, ?)`, nid, peer, signed, hash))
			must(db.ExecRaw(ctx, "UPDATE service_note SET status = 'signed', signed_at = ? WHERE id = ?", signed, nid))
			must(db.ExecRaw(ctx, `INSERT INTO note_approval (note_id, agency_id, supervisor_id, name, approved_at, note_hash)
				VALUES (?, ?, ?, 'Sue Supervisor', ?, ?)`, nid, a.ID, billing, signed, hash))
		}
	}
	return actor, p.ID
}

// heapPeak records the largest live heap seen at its samples.
type heapPeak struct{ max uint64 }

func (h *heapPeak) sample() {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	h.max = max(h.max, m.HeapAlloc)
}

// sampledWriter samples the heap every 8 writes of the 837P stream.
type sampledWriter struct {
	h *heapPeak
	n int
}

func (w *sampledWriter) Write(b []byte) (int, error) {
	if w.n++; w.n%8 == 0 {
		w.h.sample()
	}
	return len(b), nil
}

// exportPeak exports every service of the bulk agency and returns the
// peak live heap while claiming (sampled after each participant) and while
// writing the file (sampled as it streams), after subtracting the heap
// before the export.
func exportPeak(t *testing.T, db *store.DB, actor goldthread.Actor, programID int64, wantLines int) uint64 {
	t.Helper()
	h := &heapPeak{}
	h.sample()
	base := h.max
	h.max = 0
	db.SetAfterParticipant(h.sample)
	defer db.SetAfterParticipant(nil)
	sum, err := db.ExportClaims(context.Background(), actor, programID, goldthread.NewDate(2026, 1, 1), goldthread.NewDate(2026, 1, 31),
		&sampledWriter{h: h})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Lines != wantLines || sum.Blocked != 0 {
		t.Fatalf("summary %+v; want %d lines, none blocked", sum, wantLines)
	}
	if h.max < base {
		return 0
	}
	return h.max - base
}

// TestExportMemoryDoesNotGrowWithNotes exports 200 and then 4,000 services
// and compares the peak live heap above the starting heap: holding every
// service (or claim) in memory would add megabytes; streaming adds none.
// It measures heap, not time.
func TestExportMemoryDoesNotGrowWithNotes(t *testing.T) {
	if testing.Short() {
		t.Skip("creates 4,200 notes")
	}
	storetest.Serial(t, "it measures the process's live heap, which tests running beside it would swell")
	db := storetest.OpenSQLite(t)
	actor, program := bulkAgency(t, db, 40, 5)
	small := exportPeak(t, db, actor, program, 200)
	actor, program = bulkAgency(t, db, 800, 5)
	large := exportPeak(t, db, actor, program, 4000)
	t.Logf("peak live heap above baseline: %d KiB for 200 services, %d KiB for 4,000", small>>10, large>>10)
	const allowance = 1536 << 10 // 1.5 MiB: far below what 3,800 more services held in memory would take
	if large > small+allowance {
		t.Fatalf("the export's heap grew from %d KiB to %d KiB with 20 times the services; it must stream", small>>10, large>>10)
	}
}

var _ io.Writer = (*sampledWriter)(nil)
