package store_test

import (
	"context"
	"database/sql"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// ids runs q in a transaction scoped by ctx and returns the first column.
func scopedIDs(t *testing.T, db *store.DB, ctx context.Context, q string, args ...any) []int64 {
	t.Helper()
	var out []int64
	err := db.InScopedTx(ctx, func(exec func(string, ...any) (*sql.Rows, error)) error {
		rows, err := exec(q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out = append(out, id)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return out
}

// TestRowLevelSecurity: on PostgreSQL, a transaction of one agency sees
// and writes none of another agency's rows even when its query forgets the
// WHERE (SQLite has no row-level security: its WHERE clauses are the only
// wall, see migrations/sqlite/0060).
func TestRowLevelSecurity(t *testing.T) {
	db := storetest.OpenPostgres(t)
	f := storetest.MustFixture(t, db)
	bg := context.Background()
	mine := store.WithAgency(bg, f.Agency.ID)
	foreign := store.WithAgency(bg, f.Foreign.AgencyID)

	t.Run("PoliciesBindTheAppRole", func(t *testing.T) {
		on, role, err := db.RowLevelSecurity(bg)
		if err != nil || !on || role != storetest.OwnerRole {
			t.Fatalf("row-level security binds %q: %v %v", role, on, err)
		}
	})
	t.Run("SuperuserIsNeverBound", func(t *testing.T) {
		// What serve warns about: the server's own superuser URL.
		su, err := store.Open(bg, os.Getenv(storetest.PostgresEnv))
		if err != nil {
			t.Fatal(err)
		}
		defer su.Close()
		if on, _, err := su.RowLevelSecurity(bg); err != nil || on {
			t.Fatalf("a superuser reported as bound: %v %v", on, err)
		}
	})
	t.Run("ForgottenWhereSeesOnlyTheAgency", func(t *testing.T) {
		got := scopedIDs(t, db, mine, "SELECT id FROM participant")
		if !slices.Contains(got, f.Mine.ID) || slices.Contains(got, f.Foreign.ID) {
			t.Fatalf("agency %d sees participants %v (foreign %d)", f.Agency.ID, got, f.Foreign.ID)
		}
		if got := scopedIDs(t, db, foreign, "SELECT id FROM participant"); len(got) != 1 || got[0] != f.Foreign.ID {
			t.Fatalf("the other agency sees %v", got)
		}
		if got := scopedIDs(t, db, mine, "SELECT id FROM agency"); len(got) != 1 || got[0] != f.Agency.ID {
			t.Fatalf("agencies seen: %v", got)
		}
	})
	t.Run("SystemScopeSeesEveryAgency", func(t *testing.T) {
		// The same query outside an agency's transaction (sign-in, the
		// demo, audit verify): proof the wall above is the policy's.
		if got := scopedIDs(t, db, bg, "SELECT id FROM participant"); !slices.Contains(got, f.Foreign.ID) || !slices.Contains(got, f.Mine.ID) {
			t.Fatalf("the system scope sees %v", got)
		}
	})
	t.Run("ChildRowsFollowTheirParent", func(t *testing.T) {
		f.MustSignedPlan(t, db, f.SamplePlan(goldthread.NewDate(2026, 1, 10)))
		for _, table := range []string{"plan_goal", "plan_intervention", "plan_signature"} {
			if got := scopedIDs(t, db, mine, "SELECT COUNT(*) FROM "+table); got[0] == 0 {
				t.Fatalf("%s: the plan's own agency sees none", table)
			}
			if got := scopedIDs(t, db, foreign, "SELECT COUNT(*) FROM "+table); got[0] != 0 {
				t.Fatalf("%s: another agency sees %d rows", table, got[0])
			}
		}
	})
	t.Run("NothingSaidNothingSeen", func(t *testing.T) {
		// A connection that never names an agency (psql as the app's role).
		var n int
		err := db.InScopedTx(mine, func(exec func(string, ...any) (*sql.Rows, error)) error {
			rows, err := exec("SELECT set_config('goldthread.agency', '', true)")
			if err != nil {
				return err
			}
			rows.Close()
			if rows, err = exec("SELECT COUNT(*) FROM participant"); err != nil {
				return err
			}
			defer rows.Close()
			rows.Next()
			return rows.Scan(&n)
		})
		if err != nil || n != 0 {
			t.Fatalf("a transaction that names no agency sees %d participants (%v)", n, err)
		}
	})
	t.Run("WritesToAnotherAgencyRefused", func(t *testing.T) {
		if got := scopedIDs(t, db, mine, "UPDATE participant SET first_name = 'Changed' WHERE id = ? RETURNING id", f.Foreign.ID); len(got) != 0 {
			t.Fatalf("agency %d changed another agency's participant", f.Agency.ID)
		}
		err := db.InScopedTx(mine, func(exec func(string, ...any) (*sql.Rows, error)) error {
			rows, err := exec("INSERT INTO mfa_policy (agency_id, role, set_at) VALUES (?, 'peer', CURRENT_TIMESTAMP) RETURNING agency_id", f.Foreign.AgencyID)
			if err == nil {
				for rows.Next() {
				}
				err = rows.Err()
				rows.Close()
			}
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "row-level security") {
			t.Fatalf("an insert for another agency: %v", err)
		}
	})
	t.Run("StoreCallsWorkInTheirAgency", func(t *testing.T) {
		if _, _, err := db.ParticipantRecord(mine, f.Peer, f.Mine.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.ParticipantRecord(mine, f.Clinician, f.Foreign.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
			t.Fatalf("a clinician read another agency's participant: %v", err)
		}
	})
}

// unwalled lists the tables of the current schema that have an agency key
// but no enforced policy, and the tables with no policy at all.
func unwalled(t *testing.T, db *store.DB) (keyed, none []string) {
	t.Helper()
	rows, err := db.QueryRaw(context.Background(), `SELECT c.relname,
		EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'agency_id' AND NOT a.attisdropped),
		c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
		FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' ORDER BY c.relname`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var hasKey, walled bool
		if err := rows.Scan(&name, &hasKey, &walled); err != nil {
			t.Fatal(err)
		}
		if !walled && hasKey {
			keyed = append(keyed, name)
		}
		if !walled {
			none = append(none, name)
		}
	}
	return keyed, none
}

// TestEveryAgencyTableHasAPolicy: every table with an agency key is behind
// the wall (forced, with a policy), and the tables outside it are exactly
// the ones migration 0060 (and 0140, for throttle) names and says why.
func TestEveryAgencyTableHasAPolicy(t *testing.T) {
	db := storetest.OpenPostgres(t)
	keyed, none := unwalled(t, db)
	if len(keyed) > 0 {
		t.Fatalf("tables with an agency key and no enforced policy: %v (add one in a migration, see 0060)", keyed)
	}
	outside := []string{"audit_head", "auth_failure", "mfa_challenge", "passkey_ceremony", "portal_join_failure", "reauth_proof", "schema_migration", "sso_state", "throttle"}
	if !slices.Equal(none, outside) {
		t.Fatalf("tables without a policy: %v; migrations 0060 and 0140 explain only %v", none, outside)
	}
	t.Run("ANewTableWithoutAPolicyIsFound", func(t *testing.T) {
		if _, err := db.ExecRaw(context.Background(), "CREATE TABLE probe_without_policy (id BIGINT PRIMARY KEY, agency_id BIGINT NOT NULL)"); err != nil {
			t.Fatal(err)
		}
		if keyed, _ := unwalled(t, db); !slices.Equal(keyed, []string{"probe_without_policy"}) {
			t.Fatalf("a new agency table without a policy went unnoticed: %v", keyed)
		}
	})
}
