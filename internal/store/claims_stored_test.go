package store_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// The period of the stored-verdict batch tests: February to April 2026.
var storedFrom, storedTo = goldthread.NewDate(2026, 2, 1), goldthread.NewDate(2026, 4, 30)

// storedServices is how many services Marcus has in storedBatchEnv.
const storedServices = 70

// storedBatchEnv is a bill env whose period bills every way a batch can:
// Marcus has a service a day from Feb 2 (45 minutes, 3 units), the
// authorization that ends first covers 55 of them (a claim of 50 lines and
// one of 5 under it), the next (PA-100, 40 units) ten more before it runs
// out and the last two are blocked; April's rate is a placeholder, and so
// are the payer settings. Renee's one service is blocked (no plan,
// diagnosis or authorization). Note 10 of Marcus's is by video.
type storedBatchEnv struct {
	*billEnv
	marcus []int64 // Marcus's notes, by service date
}

func newStoredBatchEnv(t *testing.T, db *store.DB) *storedBatchEnv {
	t.Helper()
	ctx := context.Background()
	e := &storedBatchEnv{billEnv: newBillEnv(t, db)}
	if err := db.SetBillingRate(ctx, e.f.Billing, goldthread.BillingRate{ProgramID: e.f.Program.ID, Procedure: "H0038", CentsPerUnit: 1250,
		Placeholder: true, EffectiveFrom: goldthread.NewDate(2026, 4, 1)}); err != nil {
		t.Fatal(err)
	}
	e.clock.T = time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
	var batch []store.AuthoredNote
	for i := range storedServices {
		day := goldthread.DateOf(storedFrom.AddDate(0, 0, 1+i))
		in := e.input(func(in *store.NoteInput) {
			in.ServiceDate = day
			in.Start = time.Date(day.Year(), day.Month(), day.Day(), 13, 0, 0, 0, time.UTC)
			in.End = in.Start.Add(45 * time.Minute)
			in.PeerAction = distinctStory(i)
			if i == 10 {
				in.Modality, in.Location = "video", "office"
			}
		})
		batch = append(batch, store.AuthoredNote{Author: e.f.Peer, Note: in, At: in.End.Add(2 * time.Hour)})
	}
	ids, err := db.SignedNotesInBulk(ctx, batch, "I provided these services as described.")
	if err != nil {
		t.Fatal(err)
	}
	e.marcus = ids
	e.approve(t, ids...)
	first := goldthread.Authorization{ParticipantID: e.f.Mine.ID, ProgramID: e.f.Program.ID, Payer: "NC Medicaid", Number: "PA-FIRST",
		Start: goldthread.NewDate(2026, 2, 1), End: goldthread.NewDate(2026, 3, 31), UnitsAuthorized: 3 * 55}
	if err := db.AddAuthorization(ctx, e.f.Clinician, &first); err != nil {
		t.Fatal(err)
	}
	e.billable(t, func(in *store.NoteInput) {
		in.ParticipantID, in.Goals, in.SingleEventReason = e.f.MineToo.ID, nil, "First meeting before the plan."
		in.ServiceDate = goldthread.NewDate(2026, 3, 5)
		in.Start = time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
		in.End = in.Start.Add(45 * time.Minute)
	})
	return e
}

// batchShape is an export of the period (the 837P with the totals) and
// what it wrote: every claim with its lines, the services claimed, the
// authorizations' units used and the audit of the claims and the batch.
func (e *storedBatchEnv) batchShape(t *testing.T) (string, goldthread.ExportSummary) {
	t.Helper()
	var buf bytes.Buffer
	sum, err := e.db.ExportClaims(context.Background(), e.f.Billing, e.f.Program.ID, storedFrom, storedTo, &buf)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	out := []string{buf.String(), fmt.Sprintf("summary %+v", sum)}
	for _, q := range []string{
		`SELECT id || ' ' || batch_id || ' ' || participant_id || ' ' || place_of_service || ' ' || diagnoses || ' ' || member_id || ' ' || parties ||
			' ' || COALESCE(authorization_id, 0) || ' ' || prior_authorization || ' ' || total_cents || ' ' || units || ' ' || frequency || ' ' ||
			COALESCE(rendering_id, 0) || ' ' || rendering_name || ' ' || rendering_npi FROM claim ORDER BY id`,
		`SELECT claim_id || ' ' || line_no || ' ' || note_id || ' ' || service_date || ' ' || procedure_code || ' ' || modifiers || ' ' || minutes ||
			' ' || units || ' ' || charge_cents || ' ' || place_of_service FROM claim_line ORDER BY claim_id, line_no`,
		`SELECT note_id || ' ' || claim_id || ' ' || units FROM claimed_service ORDER BY note_id`,
		`SELECT number || ' ' || units_used FROM service_authorization ORDER BY id`,
		`SELECT action || ' ' || record_type || ' ' || COALESCE(record_id, 0) || ' ' || detail FROM audit_event
			WHERE record_type IN ('claim', 'claim_batch') ORDER BY seq`,
	} {
		rows, err := e.db.QueryRaw(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		rows.Close()
	}
	return strings.Join(out, "\n"), sum
}

// refresh stores fresh verdicts of the period, as the Billing page's check does.
func (e *storedBatchEnv) refresh(t *testing.T) {
	t.Helper()
	if err := e.db.RefreshVerdicts(context.Background(), e.f.Billing, e.f.Program.ID, storedFrom, storedTo); err != nil {
		t.Fatal(err)
	}
}

// scrubbedBy records the participants the batches of db scrub themselves.
func scrubbedBy(db *store.DB) *[]int64 {
	var ids []int64
	db.SetBatchScrubs(func(pid int64) { ids = append(ids, pid) })
	return &ids
}

// openAnother is another migrated database of db's engine.
func openAnother(t *testing.T, db *store.DB) *store.DB {
	t.Helper()
	if db.Engine == store.Postgres {
		return storetest.OpenPostgres(t)
	}
	return storetest.OpenSQLite(t)
}

// TestClaimBatchFromFreshVerdictsIsTheScrubbedBatch: a batch made from
// fresh stored verdicts scrubs nobody and writes, byte for byte, the 837P
// (the interchange's time is the test clock's), claims, lines, claimed
// services, authorization units and audit that scrubbing every service
// writes on the same data: ready and blocked services, a claim split at 50
// lines, an authorization running out, placeholders.
func TestClaimBatchFromFreshVerdictsIsTheScrubbedBatch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		stored := newStoredBatchEnv(t, db)
		scrubbed := newStoredBatchEnv(t, openAnother(t, db))
		stored.refresh(t)
		storedScrubs, inlineScrubs := scrubbedBy(stored.db), scrubbedBy(scrubbed.db)
		got, sum := stored.batchShape(t)
		want, _ := scrubbed.batchShape(t)
		if len(*storedScrubs) != 0 {
			t.Errorf("the batch scrubbed participants %v though every run was fresh", *storedScrubs)
		}
		if !slices.Equal(*inlineScrubs, []int64{stored.f.Mine.ID, stored.f.MineToo.ID}) {
			t.Errorf("with no stored runs the batch scrubbed %v; want both participants", *inlineScrubs)
		}
		if got != want {
			t.Fatalf("the batch from stored verdicts differs from the scrubbed one:\n%s\n--- scrubbed:\n%s", got, want)
		}
		// The period bills every way the test means it to.
		split := countBilling(t, db, "SELECT COUNT(*) FROM (SELECT claim_id FROM claim_line GROUP BY claim_id HAVING COUNT(*) = 50) full_claims")
		left := countBilling(t, db, "SELECT units_authorized - units_used FROM service_authorization WHERE number = 'PA-100'")
		if sum.Claims != 4 || sum.Lines != 68 || sum.Blocked != 3 || len(sum.Placeholders) != 2 || split != 1 || left != 1 {
			t.Fatalf("summary %+v, %d claims of 50 lines, %d units left of PA-100: want 4 claims (50 and 4 lines at home and the video "+
				"service under PA-FIRST, 13 under PA-100), 68 lines, 3 blocked (2 past PA-100's units, Renee's), the payer settings and "+
				"April's rate as placeholders, 1 unit left", sum, split, left)
		}
	})
}

// TestClaimBatchScrubsStaleRuns: after the verdicts were stored, a change
// leaves runs stale; the batch scrubs those participants again and writes
// what scrubbing every service writes on the same data (another database
// with the same changes and no stored runs). Each case changes the batch,
// so it fails when the batch takes stale runs as fresh.
func TestClaimBatchScrubsStaleRuns(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		change func(t *testing.T, e *storedBatchEnv)
		only   bool // only Marcus is scrubbed again
	}{
		{"Diagnosis", func(t *testing.T, e *storedBatchEnv) {
			// Only Marcus's version moves (his record would move his peer's too).
			if err := e.db.AddDiagnosis(ctx, e.f.Clinician, &goldthread.Diagnosis{ParticipantID: e.f.Mine.ID, Code: "F41.1", Primary: true,
				Since: goldthread.NewDate(2026, 2, 1)}); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"Addendum", func(t *testing.T, e *storedBatchEnv) {
			if _, err := e.db.AddAddendum(ctx, e.f.Peer, e.marcus[3], store.AddendumInput{Kind: "clarification",
				Body: "The calls were to two landlords.", Password: storetest.Password, Attestation: "I attest."}); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"RulePack", func(t *testing.T, e *storedBatchEnv) {
			if _, err := e.db.SetRuleOverride(ctx, e.f.Admin, e.f.Program.RulePack, "modalities.video.allowed", "false", "MCO contract: no video"); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"EarlierBatch", func(t *testing.T, e *storedBatchEnv) {
			// February claimed: its services and PA-FIRST's units are taken.
			if _, err := e.db.ExportClaims(ctx, e.f.Billing, e.f.Program.ID, storedFrom, goldthread.NewDate(2026, 2, 28), &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, db *store.DB) {
				stored := newStoredBatchEnv(t, db)
				unchanged := newStoredBatchEnv(t, openAnother(t, db))
				scrubbed := newStoredBatchEnv(t, openAnother(t, db))
				stored.refresh(t)
				c.change(t, stored)
				c.change(t, scrubbed)
				scrubs := scrubbedBy(stored.db)
				got, _ := stored.batchShape(t)
				want, _ := scrubbed.batchShape(t)
				before, _ := unchanged.batchShape(t)
				if got != want {
					t.Fatalf("the batch after the change differs from the scrubbed one:\n%s\n--- scrubbed:\n%s", got, want)
				}
				if want == before {
					t.Fatal("the change did not change the batch; the case proves nothing")
				}
				if !slices.Contains(*scrubs, stored.f.Mine.ID) || c.only && len(*scrubs) != 1 {
					t.Fatalf("the batch scrubbed %v; want Marcus (%d)%s", *scrubs, stored.f.Mine.ID, map[bool]string{true: " alone"}[c.only])
				}
			})
		})
	}
}

// TestClaimBatchScrubsARunWithoutItsClaims: a fresh run whose ready
// verdicts keep no claim of this layout (billing_verdict.claim, migration
// 0201) is not claimed from: the batch scrubs that participant, and writes
// what scrubbing every service writes.
func TestClaimBatchScrubsARunWithoutItsClaims(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		stored := newStoredBatchEnv(t, db)
		scrubbed := newStoredBatchEnv(t, openAnother(t, db))
		stored.refresh(t)
		exec(t, db, "UPDATE billing_verdict SET claim = '' WHERE participant_id = ? AND position = 2", stored.f.Mine.ID)
		scrubs := scrubbedBy(stored.db)
		got, _ := stored.batchShape(t)
		want, _ := scrubbed.batchShape(t)
		if got != want {
			t.Fatalf("the batch differs from the scrubbed one:\n%s\n--- scrubbed:\n%s", got, want)
		}
		if !slices.Equal(*scrubs, []int64{stored.f.Mine.ID}) {
			t.Fatalf("the batch scrubbed %v; want Marcus (%d) alone", *scrubs, stored.f.Mine.ID)
		}
	})
}
