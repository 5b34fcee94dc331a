package store_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func TestMigrationsPaired(t *testing.T) {
	lite, err := store.Migrations(store.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := store.Migrations(store.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) != len(pg) {
		t.Fatalf("%d SQLite migrations but %d PostgreSQL ones", len(lite), len(pg))
	}
	// Numbers only go up; a gap is allowed, because branches worked on at
	// the same time take ranges of their own (issue 13 starts at 40).
	for i := range lite {
		if lite[i].Name != pg[i].Name || (i == 0 && lite[i].Version != 1) || (i > 0 && lite[i].Version <= lite[i-1].Version) {
			t.Errorf("migration %d: sqlite %q, postgres %q; want the same name, numbered upwards from 1", i+1, lite[i].Name, pg[i].Name)
		}
	}
}

func TestMigrateTwiceChangesNothing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		applied, err := db.Migrate(context.Background())
		if err != nil || len(applied) != 0 {
			t.Fatalf("second migrate applied %v, %v", applied, err)
		}
	})
}

// columns returns table -> sorted column list of the database's schema.
func columns(t *testing.T, db *store.DB) map[string][]string {
	t.Helper()
	q := `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`
	if db.Engine == store.Postgres {
		q = `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`
	}
	rows, err := db.QueryRaw(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		out[table] = append(out[table], col)
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

// TestSchemasAgree proves both engines end with the same tables and columns.
func TestSchemasAgree(t *testing.T) {
	lite := columns(t, storetest.OpenSQLite(t))
	pg := columns(t, storetest.OpenPostgres(t))
	if len(lite) < 10 {
		t.Fatalf("only %d tables in SQLite", len(lite))
	}
	for _, table := range slices.Sorted(maps.Keys(lite)) {
		if !slices.Equal(lite[table], pg[table]) {
			t.Errorf("table %s: sqlite %v, postgres %v", table, lite[table], pg[table])
		}
	}
	for table := range pg {
		if _, ok := lite[table]; !ok {
			t.Errorf("table %s exists only in PostgreSQL", table)
		}
	}
}

// TestTimesAndDatesRoundTrip pins that both engines give back the instants
// and calendar dates written (the audit hash chain depends on it).
func TestTimesAndDatesRoundTrip(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		p, err := db.Participant(ctx, f.Clinician, f.Mine.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(p.BirthDate); got != "1985-04-12" {
			t.Fatalf("birth date = %s", got)
		}
		if p.Created.IsZero() || !strings.HasSuffix(p.Created.UTC().Format("Z07:00"), "Z") {
			t.Fatalf("created = %v", p.Created)
		}
		_ = goldthread.Date{}
	})
}
