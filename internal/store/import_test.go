package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/roster"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestImportParticipants: a file is imported whole or not at all; every
// bad row is named with its line and column (duplicates inside the file
// too); a check saves nothing.
func TestImportParticipants(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		intakeClock(db)
		f := storetest.MustFixture(t, db)
		file := func(lines ...string) ([]goldthread.ImportRow, []goldthread.ImportError) {
			rows, bad, err := roster.ReadCSV(strings.NewReader("first_name,last_name,birth_date,program,peer_email,medicaid_id\n" + strings.Join(lines, "\n")))
			if err != nil {
				t.Fatal(err)
			}
			return rows, bad
		}
		before := countRows(t, db, "SELECT COUNT(*) FROM participant")
		rows, bad := file(
			fmt.Sprintf("Ana,Lopez,1990-02-03,%d,peer@fixture.test,123456789A", f.Program.ID),
			"Ben,Moss,1991-05-06,nc peer support,PEER@fixture.test,",
			"Cy,Nguyen,1992-07-08,Medi-Cal,peer@fixture.test,",                // line 4: no such program
			"Di,Ortiz,1993-09-10,NC peer support,billing@fixture.test,",       // line 5: not a peer
			"Ed,Park,1994-11-12,NC peer support,peer@fixture.test,123456789A", // line 6: same ID as line 2
			"Fay,Quinn,not a date,NC peer support,peer@fixture.test,",         // line 7: read error
		)
		n, problems, err := db.ImportParticipants(ctx, f.Supervisor, rows, bad, false)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, p := range problems {
			got[fmt.Sprintf("%d %s", p.Line, p.Field)] = true
		}
		for _, want := range []string{"4 program", "5 peer_email", "6 medicaid_id", "7 birth_date"} {
			if !got[want] {
				t.Errorf("no error for line %s in %+v", want, problems)
			}
		}
		if n != 0 || countRows(t, db, "SELECT COUNT(*) FROM participant") != before {
			t.Fatal("a refused file saved participants")
		}
		rows, bad = file(
			fmt.Sprintf("Ana,Lopez,1990-02-03,%d,peer@fixture.test,123456789A", f.Program.ID),
			"Ben,Moss,1991-05-06,nc peer support,PEER@fixture.test,")
		if n, problems, err = db.ImportParticipants(ctx, f.Supervisor, rows, bad, true); n != 2 || problems != nil || err != nil {
			t.Fatalf("check: %d %+v %v", n, problems, err)
		}
		if countRows(t, db, "SELECT COUNT(*) FROM participant") != before {
			t.Fatal("a check saved participants")
		}
		if n, problems, err = db.ImportParticipants(ctx, f.Supervisor, rows, bad, false); n != 2 || problems != nil || err != nil {
			t.Fatalf("import: %d %+v %v", n, problems, err)
		}
		if got := countRows(t, db, "SELECT COUNT(*) FROM participant"); got != before+2 {
			t.Fatalf("%d participants; want %d", got, before+2)
		}
		if n := countRows(t, db, "SELECT COUNT(*) FROM audit_event WHERE record_type = 'participant_import'"); n != 1 {
			t.Errorf("%d import events; want 1", n)
		}
		if _, _, err := db.ImportParticipants(ctx, f.Peer, rows, nil, false); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Errorf("a peer imported: %v", err)
		}
	})
}
