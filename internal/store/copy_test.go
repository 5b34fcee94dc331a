package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/demo"
	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// copySource is a SQLite database with two agencies to copy: a small
// seeded one (signed plans, signed notes, addenda, approvals) and the
// demo's (drafts, groups, claims, consents with their documents, crisis
// plans with a WRAP file), so most tables hold rows of their own.
func copySource(t *testing.T) (*store.DB, *seed.Agency) {
	t.Helper()
	ctx := context.Background()
	src := storetest.OpenSQLite(t)
	a, err := seed.Run(ctx, src, seed.Options{Slug: "copy", Participants: 4, Notes: 40, Caseload: 2})
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	if _, err := demo.Load(ctx, src, goldthread.Date{}, demo.HashCost); err != nil {
		t.Fatalf("demo: %v", err)
	}
	return src, a
}

// tableCounts counts the rows of every table of the source (SQLite), but
// the migrations' bookkeeping.
func tableCounts(t *testing.T, db *store.DB, tables []string) map[string]int64 {
	t.Helper()
	counts := map[string]int64{}
	for _, table := range tables {
		var n int64
		if err := db.QueryRowRaw(context.Background(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		counts[table] = n
	}
	return counts
}

// TestCopyDatabase copies a SQLite database with two agencies into an
// empty PostgreSQL database (a schema of its own, owned by an ordinary
// role, as in production) and holds the copy to what an administrator
// counts on: every table has the source's rows, the audit chains and the
// content hashes verify, the store reads the same participant and notes
// from both, signed records still refuse changes, row-level security is
// forced again, new records are numbered after the copied ones, and a
// second copy into the same database is refused.
func TestCopyDatabase(t *testing.T) {
	ctx := context.Background()
	src, a := copySource(t)
	dst := storetest.OpenPostgres(t)

	var seen []store.CopyProgress
	report, err := store.CopyDatabase(ctx, src, dst, func(p store.CopyProgress) { seen = append(seen, p) })
	if err != nil {
		t.Fatalf("CopyDatabase: %v", err)
	}
	var tables []string
	var rows int64
	for _, tc := range report.Tables {
		tables = append(tables, tc.Table)
		rows += tc.Rows
		if tc.Table == "schema_migration" {
			t.Errorf("schema_migration was copied; the target's own migrations fill it")
		}
	}
	if len(tables) < 80 || rows != report.Rows || rows < 2000 {
		t.Fatalf("copied %d tables, %d rows (report %d)", len(tables), rows, report.Rows)
	}
	if len(seen) < len(tables) {
		t.Errorf("%d progress reports for %d tables", len(seen), len(tables))
	}

	t.Run("EveryTableHoldsTheSourcesRows", func(t *testing.T) {
		want, got := tableCounts(t, src, tables), tableCounts(t, dst, tables)
		empty := 0
		for _, table := range tables {
			if got[table] != want[table] {
				t.Errorf("%s: %d rows in the copy, %d in the source", table, got[table], want[table])
			}
			if want[table] == 0 {
				empty++
			}
		}
		if empty > len(tables)/2 {
			t.Errorf("%d of %d tables are empty in the source: the test copies too little", empty, len(tables))
		}
	})

	t.Run("AuditAndIntegrityVerify", func(t *testing.T) {
		wantEvents, brk, err := src.VerifyAudit(ctx)
		if err != nil || brk != nil {
			t.Fatalf("the source's audit: %v %+v", err, brk)
		}
		n, brk, err := dst.VerifyAudit(ctx)
		if err != nil || brk != nil || n != wantEvents || report.AuditEvents != wantEvents {
			t.Fatalf("the copy's audit: %d events (report %d, source %d), %+v, %v", n, report.AuditEvents, wantEvents, brk, err)
		}
		wantSigned, bad, err := src.VerifyIntegrity(ctx)
		if err != nil || bad != nil {
			t.Fatalf("the source's integrity: %v %+v", err, bad)
		}
		signed, bad, err := dst.VerifyIntegrity(ctx)
		if err != nil || bad != nil || signed != wantSigned || report.Signed != wantSigned {
			t.Fatalf("the copy's integrity: %d (report %d, source %d), %+v, %v", signed, report.Signed, wantSigned, bad, err)
		}
	})

	t.Run("TheStoreReadsTheSame", func(t *testing.T) {
		p := a.Participants[0]
		peer := a.Peers[p.Peer]
		for _, db := range []*store.DB{src, dst} {
			if _, err := db.Participant(ctx, peer, p.ID); err != nil {
				t.Fatalf("%s: participant %d: %v", db.Engine, p.ID, err)
			}
		}
		same := func(what string, read func(db *store.DB) (any, error)) {
			t.Helper()
			want, err := read(src)
			if err != nil {
				t.Fatalf("%s from the source: %v", what, err)
			}
			got, err := read(dst)
			if err != nil {
				t.Fatalf("%s from the copy: %v", what, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s differs:\n copy   %+v\n source %+v", what, got, want)
			}
		}
		same("the participant", func(db *store.DB) (any, error) { return db.Participant(ctx, peer, p.ID) })
		var notes []goldthread.Note
		same("the participant's notes", func(db *store.DB) (any, error) {
			list, err := db.ListNotes(ctx, peer, goldthread.NoteFilter{ParticipantID: p.ID})
			notes = list
			return list, err
		})
		if len(notes) == 0 {
			t.Fatalf("participant %d has no notes", p.ID)
		}
		same("a signed note", func(db *store.DB) (any, error) { return db.Note(ctx, peer, notes[0].ID) })
	})

	t.Run("SignedRecordsStayImmutable", func(t *testing.T) {
		var note, plan int64
		if err := dst.QueryRowRaw(ctx, "SELECT MIN(id) FROM service_note WHERE status = 'signed'").Scan(&note); err != nil {
			t.Fatal(err)
		}
		if err := dst.QueryRowRaw(ctx, "SELECT MIN(id) FROM plan WHERE status = 'signed'").Scan(&plan); err != nil {
			t.Fatal(err)
		}
		for _, tamper := range []struct{ q, refusal string }{
			{fmt.Sprintf("UPDATE service_note SET peer_action = 'rewritten' WHERE id = %d", note), "a signed note never changes"},
			{fmt.Sprintf("DELETE FROM note_signature WHERE note_id = %d", note), "append-only"},
			{fmt.Sprintf("UPDATE plan_goal SET summary = 'rewritten' WHERE plan_id = %d", plan), ""},
			{"UPDATE audit_event SET detail = 'rewritten' WHERE seq = (SELECT MIN(seq) FROM audit_event)", ""},
		} {
			_, err := dst.ExecRaw(ctx, tamper.q)
			if err == nil || !strings.Contains(err.Error(), tamper.refusal) {
				t.Errorf("%s on the copy: %v; want the trigger's refusal %q", tamper.q, err, tamper.refusal)
			}
		}
	})

	t.Run("RowLevelSecurityForcedAgain", func(t *testing.T) {
		var unforced int
		err := dst.QueryRowRaw(ctx, `SELECT COUNT(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace
			AND relrowsecurity AND NOT relforcerowsecurity`).Scan(&unforced)
		if err != nil || unforced != 0 {
			t.Fatalf("%d tables with row-level security left unforced (%v): the tables' owner would read every agency", unforced, err)
		}
	})

	t.Run("NewRecordsFollowTheCopied", func(t *testing.T) {
		var top int64
		if err := dst.QueryRowRaw(ctx, "SELECT MAX(id) FROM participant").Scan(&top); err != nil {
			t.Fatal(err)
		}
		op := goldthread.Operator(a.Agency.ID, "copy test")
		p := goldthread.Participant{FirstName: "Nueva", LastName: "Despues", BirthDate: goldthread.NewDate(1990, 1, 2)}
		if err := dst.CreateParticipant(ctx, op, &p); err != nil {
			t.Fatalf("a new participant on the copy: %v", err)
		}
		if p.ID <= top {
			t.Errorf("the new participant is %d, not after the copied %d", p.ID, top)
		}
		if n, brk, err := dst.VerifyAudit(ctx); err != nil || brk != nil {
			t.Fatalf("the audit trail after a new event (%d events): %+v %v", n, brk, err)
		}
	})

	t.Run("RefusesATargetWithData", func(t *testing.T) {
		_, err := store.CopyDatabase(ctx, src, dst, nil)
		if goldthread.ErrorKind(err) != goldthread.ECONFLICT || !strings.Contains(err.Error(), "agency: 2 rows (copy, riverbend)") ||
			!strings.Contains(err.Error(), "createdb") {
			t.Fatalf("a second copy into the same database: %v; want ECONFLICT naming the agencies there and what to do", err)
		}
	})
}

// TestCopyRefusals: a source at another schema version than this build's
// is refused before anything is written; a copy whose audit chains or
// content hashes do not verify, or that fails part-way, leaves the target
// as it was: no rows, triggers as the migrations made them.
func TestCopyRefusals(t *testing.T) {
	ctx := context.Background()
	src, _ := copySource(t)
	variant := func(t *testing.T, name string, changes ...string) *store.DB {
		t.Helper()
		path := filepath.Join(t.TempDir(), name+".db")
		if err := src.Backup(ctx, path); err != nil {
			t.Fatal(err)
		}
		w, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		for _, change := range changes {
			if _, err := w.ExecRaw(ctx, change); err != nil {
				t.Fatalf("%s: %v", change, err)
			}
		}
		w.Close()
		ro, err := store.OpenReadOnly(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ro.Close() })
		return ro
	}
	untouched := func(t *testing.T, dst *store.DB) {
		t.Helper()
		var agencies, events, disabled int
		var heads string
		err := dst.QueryRowRaw(ctx, `SELECT (SELECT COUNT(*) FROM agency), (SELECT COUNT(*) FROM audit_event),
			(SELECT string_agg(id || ':' || last_seq, ',') FROM audit_head),
			(SELECT COUNT(*) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
				WHERE c.relnamespace = current_schema()::regnamespace AND NOT g.tgisinternal AND g.tgenabled = 'D')`).
			Scan(&agencies, &events, &heads, &disabled)
		if err != nil {
			t.Fatal(err)
		}
		if agencies != 0 || events != 0 || heads != "1:0" || disabled != 0 {
			t.Fatalf("after a refused copy the target holds %d agencies, %d events, audit_head %s, %d disabled triggers; want it as migrated",
				agencies, events, heads, disabled)
		}
	}
	for _, c := range []struct{ name, change string }{
		{"older", "DELETE FROM schema_migration WHERE version = (SELECT MAX(version) FROM schema_migration)"},
		// A later number applied without an earlier one (two changes
		// landing out of order): the highest alone would pass.
		{"missing an earlier one", "DELETE FROM schema_migration WHERE version = (SELECT MAX(version) FROM schema_migration WHERE version < (SELECT MAX(version) FROM schema_migration))"},
		{"newer", "INSERT INTO schema_migration (version, name, applied_at) VALUES (999999, '999999_future', '2030-01-01T00:00:00Z')"},
	} {
		t.Run("RefusesAnotherSchemaVersion/"+c.name, func(t *testing.T) {
			from := variant(t, c.name, c.change)
			dst := storetest.OpenPostgres(t)
			_, err := store.CopyDatabase(ctx, from, dst, nil)
			if goldthread.ErrorKind(err) != goldthread.EINVALID || !strings.Contains(err.Error(), "schema version") {
				t.Fatalf("copying a source %s than this build: %v; want EINVALID naming the schema versions", c.name, err)
			}
			untouched(t, dst)
		})
	}
	// A source whose records were altered behind the app's back (its
	// triggers dropped first) is copied, but the copy does not prove, so
	// nothing is committed.
	for _, c := range []struct {
		name    string
		changes []string
		want    string
	}{
		{"AuditTrailBroken", []string{"DROP TRIGGER audit_event_no_update",
			"UPDATE audit_event SET detail = 'rewritten' WHERE seq = (SELECT MAX(seq) FROM audit_event)"}, "audit trail breaks"},
		{"SignedNoteAltered", []string{"DROP TRIGGER service_note_signed_no_update",
			"UPDATE service_note SET peer_action = 'rewritten' WHERE id = (SELECT MIN(id) FROM service_note WHERE status = 'signed')"}, "does not match its content hash"},
	} {
		t.Run("RefusesWhatDoesNotVerify/"+c.name, func(t *testing.T) {
			from := variant(t, c.name, c.changes...)
			dst := storetest.OpenPostgres(t)
			_, err := store.CopyDatabase(ctx, from, dst, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "nothing was committed") {
				t.Fatalf("copying a source that does not verify: %v; want %q and nothing committed", err, c.want)
			}
			untouched(t, dst)
		})
	}
	t.Run("NothingHalfCopied", func(t *testing.T) {
		// A value no PostgreSQL boolean reads, in a table copied after the
		// agencies, their staff and their audit trail.
		from := variant(t, "broken", "UPDATE supervision_link SET alternate = 'sometimes'")
		dst := storetest.OpenPostgres(t)
		_, err := store.CopyDatabase(ctx, from, dst, nil)
		if err == nil || !strings.Contains(err.Error(), "supervision_link") || !strings.Contains(err.Error(), "alternate") {
			t.Fatalf("copying a source with a broken value: %v; want the table and column named", err)
		}
		untouched(t, dst)
	})
}
