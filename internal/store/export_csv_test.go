package store_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// exportRows runs an export and returns its rows (header first) and the
// count start announced.
func exportRows(t *testing.T, db *store.DB, actor goldthread.Actor, kind string, p store.ExportParams) ([][]string, int, error) {
	t.Helper()
	var rows [][]string
	announced := -1
	err := db.ExportCSV(context.Background(), actor, kind, p, func(n int) error { announced = n; return nil },
		func(r []string) error { rows = append(rows, slices.Clone(r)); return nil })
	return rows, announced, err
}

func column(rows [][]string, name string) []string {
	if len(rows) == 0 {
		return nil
	}
	i := slices.Index(rows[0], name)
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[i])
	}
	return out
}

// TestExportCSV: each role exports what it reads, in its reach, never a
// narrative; the row count comes first; every participant exported is
// audited before a row leaves; the rest is refused.
func TestExportCSV(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		e, note := portalEnv(t, db)
		ctx, f := context.Background(), e.f
		t.Run("PeerExportsTheirCaseload", func(t *testing.T) {
			rows, n, err := exportRows(t, db, f.Peer, store.ExportParticipants, store.ExportParams{})
			ids := column(rows, "participant_id")
			if err != nil || n != len(rows)-1 || !slices.Contains(ids, itoa(f.Mine.ID)) || slices.Contains(ids, itoa(f.Others.ID)) ||
				slices.Contains(ids, itoa(f.Foreign.ID)) {
				t.Fatalf("%v: %d announced, rows %v", err, n, rows)
			}
		})
		t.Run("BillingExportsTheAgency", func(t *testing.T) {
			rows, _, err := exportRows(t, db, f.Billing, store.ExportParticipants, store.ExportParams{})
			ids := column(rows, "participant_id")
			if err != nil || !slices.Contains(ids, itoa(f.Others.ID)) || slices.Contains(ids, itoa(f.Foreign.ID)) {
				t.Fatalf("%v: %v", err, ids)
			}
		})
		t.Run("NotesWithoutNarrative", func(t *testing.T) {
			rows, n, err := exportRows(t, db, f.Supervisor, store.ExportNotes, store.ExportParams{})
			if err != nil || n == 0 || !slices.Contains(column(rows, "note_id"), itoa(note.ID)) {
				t.Fatalf("%v: %v", err, rows)
			}
			for _, r := range rows {
				for _, cell := range r {
					if note.PeerAction != "" && strings.Contains(cell, note.PeerAction) {
						t.Fatalf("a narrative in the notes export: %v", r)
					}
				}
			}
			if got := column(rows, "minutes")[0]; got == "0" || got == "" {
				t.Fatalf("minutes %q", got)
			}
		})
		t.Run("EveryParticipantAudited", func(t *testing.T) {
			var before int
			db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM audit_event WHERE record_type = 'csv_participants' AND participant_id = ? AND actor_id = ?",
				f.MineToo.ID, f.Clinician.UserID).Scan(&before)
			if _, _, err := exportRows(t, db, f.Clinician, store.ExportParticipants, store.ExportParams{}); err != nil {
				t.Fatal(err)
			}
			var after int
			db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM audit_event WHERE record_type = 'csv_participants' AND participant_id = ? AND actor_id = ?",
				f.MineToo.ID, f.Clinician.UserID).Scan(&after)
			if after != before+1 {
				t.Fatalf("audit events for the exported participant: %d → %d", before, after)
			}
		})
		t.Run("BillingExportsServicesAndClaims", func(t *testing.T) {
			p := store.ExportParams{ProgramID: f.Program.ID, From: goldthread.NewDate(2026, 1, 1), To: goldthread.NewDate(2026, 12, 31)}
			rows, n, err := exportRows(t, db, f.Billing, store.ExportServices, p)
			if err != nil || n != len(rows)-1 || rows[0][0] != "note_id" {
				t.Fatalf("services: %v %d %v", err, n, rows)
			}
			if rows, _, err := exportRows(t, db, f.Auditor, store.ExportClaims, store.ExportParams{}); err != nil || rows[0][0] != "claim_id" {
				t.Fatalf("claims: %v %v", err, rows)
			}
			_, _, err = exportRows(t, db, f.Billing, store.ExportServices, store.ExportParams{})
			wantKind(t, err, goldthread.EINVALID, "program")
		})
		t.Run("Refused", func(t *testing.T) {
			for _, c := range []struct {
				actor goldthread.Actor
				kind  string
				want  string
			}{
				{f.Admin, store.ExportParticipants, goldthread.EFORBIDDEN},
				{f.ParticipantUser, store.ExportNotes, goldthread.EFORBIDDEN},
				{f.Peer, store.ExportClaims, goldthread.EFORBIDDEN},
				{f.Clinician, store.ExportServices, goldthread.EFORBIDDEN},
				{f.Billing, "passwords", goldthread.ENOTFOUND},
			} {
				if _, n, err := exportRows(t, db, c.actor, c.kind, store.ExportParams{}); goldthread.ErrorKind(err) != c.want || n != -1 {
					t.Errorf("%s exporting %s: %v (started %d)", c.actor.Name, c.kind, err, n)
				}
			}
		})
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
