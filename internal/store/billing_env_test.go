package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/x12"
)

// billEnv is noteEnv made billable: the agency has an EIN and a ZIP+4
// address, Marcus a diagnosis, a service order (Feb 1), an authorization
// of 40 units (Feb 1 – Jun 30) and an address, the peer a verified CPSS and
// an NPI, and the program payer settings and a rate of $11.97 per unit.
type billEnv struct {
	*noteEnv
	authID int64
	credID int64
}

const peerNPI = "1245319599"

func newBillEnv(t *testing.T, db *store.DB) *billEnv {
	t.Helper()
	ctx := context.Background()
	e := &billEnv{noteEnv: newNoteEnv(t, db)}
	f := e.f
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("bill env: %v", err)
		}
	}
	if !x12.ValidNPI(peerNPI) {
		t.Fatal("the test's peer NPI fails the check digit")
	}
	_, err := db.ExecRaw(ctx, `UPDATE agency SET tax_id = ?, taxonomy = ?, addr_line1 = ?, addr_city = ?, addr_state = ?, addr_postal = ?
		WHERE id = ?`, "56-1234567", "251S00000X", "12 Main St", "Asheville", "NC", "28801-1234", f.Agency.ID)
	must(err)
	_, err = db.ExecRaw(ctx, `UPDATE participant SET addr_line1 = ?, addr_city = ?, addr_state = ?, addr_postal = ?, gender = ?
		WHERE agency_id = ?`, "4 Elm St", "Asheville", "NC", "28803", "M", f.Agency.ID)
	must(err)
	_, err = db.ExecRaw(ctx, "UPDATE app_user SET npi = ? WHERE id = ?", peerNPI, f.Peer.UserID)
	must(err)
	must(db.AddDiagnosis(ctx, f.Clinician, &goldthread.Diagnosis{ParticipantID: f.Mine.ID, Code: "F33.1", Primary: true,
		Since: goldthread.NewDate(2026, 1, 10)}))
	must(db.AddServiceOrder(ctx, f.Clinician, &goldthread.ServiceOrder{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
		Professional: "Cal Clinician", Credential: "LCSW", NPI: "1234567893", Signed: goldthread.NewDate(2026, 2, 1)}))
	a := goldthread.Authorization{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID, Payer: "NC Medicaid", Number: "PA-100",
		Start: goldthread.NewDate(2026, 2, 1), End: goldthread.NewDate(2026, 6, 30), UnitsAuthorized: 40}
	must(db.AddAuthorization(ctx, f.Clinician, &a))
	e.authID = a.ID
	c, err := db.AddCredential(ctx, f.Admin, f.Peer.UserID, store.CredentialInput{Type: "CPSS", Number: "C-1", Issuer: "NCCPSS",
		Issued: goldthread.NewDate(2025, 1, 15), Evidence: "certificate seen"})
	must(err)
	e.credID = c.ID
	must(db.SetProgramBilling(ctx, f.Billing, goldthread.ProgramBilling{ProgramID: f.Program.ID, PayerName: "NC Medicaid",
		PayerID: "NCMCD", ReceiverName: "NC Tracks", ReceiverID: "NCTRACKS", SenderID: "FIXTURE01", InterchangeReceiverID: "NCTRACKS",
		SubmitterID: "FIXTURE01", ContactName: "Bo Billing", ContactPhone: "8285550100", Usage: "T", Placeholder: true}))
	must(db.SetBillingRate(ctx, f.Billing, goldthread.BillingRate{ProgramID: f.Program.ID, Procedure: "H0038", CentsPerUnit: 1197}))
	must(db.SetBillingRate(ctx, f.Billing, goldthread.BillingRate{ProgramID: f.Program.ID, Procedure: "H0038", Group: true, CentsPerUnit: 288}))
	return e
}

// onMarch moves a note to Mar day 2026, hour:00 for 45 minutes.
func onMarch(day, hour int) func(*store.NoteInput) {
	return func(in *store.NoteInput) {
		in.ServiceDate = goldthread.NewDate(2026, 3, day)
		in.Start = time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC)
		in.End = in.Start.Add(45 * time.Minute)
	}
}

// billable signs a note and has the supervisor approve it.
func (e *billEnv) billable(t *testing.T, mut ...func(*store.NoteInput)) goldthread.Note {
	t.Helper()
	n := e.signed(t, mut...)
	e.approve(t, n.ID)
	return n
}

// signed writes and signs a note an hour after the service, then sets the
// clock back to Mar 10, 15:00.
func (e *billEnv) signed(t *testing.T, mut ...func(*store.NoteInput)) goldthread.Note {
	t.Helper()
	now := e.clock.T
	defer func() { e.clock.T = now }()
	in := e.input(mut...)
	e.clock.T = in.End.Add(time.Hour)
	return e.mustSign(t, e.draft(t, mut...))
}

func (e *billEnv) approve(t *testing.T, ids ...int64) {
	t.Helper()
	if _, err := e.db.ApproveNotes(context.Background(), e.f.Supervisor, ids, storetest.Password); err != nil {
		t.Fatalf("approve: %v", err)
	}
}

// exportMarch exports March's ready services in a new batch and returns
// the 837P file read back.
func (e *billEnv) exportMarch(t *testing.T) *x12.Document {
	t.Helper()
	var buf bytes.Buffer
	if _, err := e.db.ExportClaims(context.Background(), e.f.Billing, e.f.Program.ID, marchFrom, marchTo, &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := x12.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// march is the billing period of the tests.
var marchFrom, marchTo = goldthread.NewDate(2026, 3, 1), goldthread.NewDate(2026, 3, 31)

// blocks returns the rule ids blocking note id in the worklist ("" when
// it is ready, "missing" when it is not listed).
func (e *billEnv) blocks(t *testing.T, id int64) []string {
	t.Helper()
	wl, err := e.db.BillableServices(context.Background(), e.f.Billing, e.f.Program.ID, goldthread.NewDate(2026, 1, 1), marchTo)
	if err != nil {
		t.Fatalf("worklist: %v", err)
	}
	for _, s := range wl.Ready {
		if s.NoteID == id {
			return nil
		}
	}
	for _, s := range wl.Blocked {
		if s.NoteID == id {
			var ids []string
			for _, b := range s.Blocks {
				ids = append(ids, b.RuleID)
			}
			return ids
		}
	}
	return []string{"missing"}
}

func countBilling(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	rows, err := db.QueryRaw(context.Background(), q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	return n
}
