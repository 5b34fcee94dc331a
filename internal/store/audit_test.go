package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func mustVerify(t *testing.T, db *store.DB) (int64, *store.AuditBreak) {
	t.Helper()
	n, br, err := db.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n, br
}

// TestAuditChain protects the tamper evidence of the audit trail: the
// database refuses edits, and when someone goes around the refusal the
// chain names the first broken event.
func TestAuditChain(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		storetest.MustFixture(t, db)
		t.Run("IntactChainVerifies", func(t *testing.T) {
			n, br := mustVerify(t, db)
			if br != nil || n < 10 {
				t.Fatalf("n=%d break=%+v", n, br)
			}
		})
		t.Run("DatabaseRefusesUpdate", func(t *testing.T) {
			if _, err := db.ExecRaw(ctx, "UPDATE audit_event SET detail = 'x' WHERE seq = 2"); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Fatalf("update err = %v; want append-only refusal", err)
			}
		})
		t.Run("DatabaseRefusesDelete", func(t *testing.T) {
			if _, err := db.ExecRaw(ctx, "DELETE FROM audit_event WHERE seq = 2"); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Fatalf("delete err = %v; want append-only refusal", err)
			}
		})
		tamper := func(t *testing.T, stmts ...string) *store.AuditBreak {
			t.Helper()
			for _, s := range stmts {
				if _, err := db.ExecRaw(ctx, s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			_, br := mustVerify(t, db)
			return br
		}
		t.Run("AlteredRowFound", func(t *testing.T) {
			storetest.DropAuditTriggers(t, db)
			var orig string
			rows, err := db.QueryRaw(ctx, "SELECT detail FROM audit_event WHERE seq = 3")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				rows.Scan(&orig)
			}
			rows.Close()
			br := tamper(t, "UPDATE audit_event SET detail = 'rewritten' WHERE seq = 3")
			if br == nil || br.Seq != 3 || !strings.Contains(br.Reason, "altered") {
				t.Fatalf("break = %+v; want event 3 altered", br)
			}
			if _, err := db.ExecRaw(ctx, "UPDATE audit_event SET detail = ? WHERE seq = 3", orig); err != nil {
				t.Fatal(err)
			}
			if _, br := mustVerify(t, db); br != nil {
				t.Fatalf("restored chain still broken at %+v", br)
			}
		})
		t.Run("DeletedRowFound", func(t *testing.T) {
			storetest.DropAuditTriggers(t, db) // again: this subtest may run alone
			br := tamper(t, "DELETE FROM audit_event WHERE seq = 5")
			if br == nil || br.Seq != 6 {
				t.Fatalf("break = %+v; want at event 6", br)
			}
		})
	})
}

func TestAuditTail(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		storetest.MustFixture(t, db)
		storetest.DropAuditTriggers(t, db)
		n, _ := mustVerify(t, db)
		if _, err := db.ExecRaw(ctx, "DELETE FROM audit_event WHERE seq = ?", n); err != nil {
			t.Fatal(err)
		}
		if _, br := mustVerify(t, db); br == nil || !strings.Contains(br.Reason, "deleted") {
			t.Fatalf("deleting the newest event went unnoticed: %+v", br)
		}
	})
}

func TestAuditForgedRowFound(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		storetest.DropAuditTriggers(t, db)
		// A forger who recomputes the hash of the row they change still
		// breaks the link of the next row.
		evs, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var ev goldthread.AuditEvent
		for _, e := range evs {
			if e.Seq == 4 {
				ev = e
			}
		}
		ev.Detail = "forged"
		ev.Hash = store.AuditHash(ev)
		if _, err := db.ExecRaw(ctx, "UPDATE audit_event SET detail = ?, hash = ? WHERE seq = 4", ev.Detail, ev.Hash); err != nil {
			t.Fatal(err)
		}
		if _, br := mustVerify(t, db); br == nil || br.Seq != 5 {
			t.Fatalf("break = %+v; want event 5 (its link to 4)", br)
		}
	})
}

// TestAuditMissingHeadNamed: someone who deletes a head row — the legacy
// segment's (audit_head) or one agency's chain's (audit_chain) — is named
// as a break (never a raw "no rows" error), on both engines.
func TestAuditMissingHeadNamed(t *testing.T) {
	for _, c := range []struct{ name, del, says string }{
		{"Legacy", "DELETE FROM audit_head", "head row"},
		{"AgencyChain", "DELETE FROM audit_chain WHERE agency_id = ?", "no head row"},
	} {
		t.Run(c.name, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, db *store.DB) {
				f := storetest.MustFixture(t, db)
				var args []any
				if strings.Contains(c.del, "?") {
					args = append(args, f.Agency.ID)
				}
				if _, err := db.ExecRaw(context.Background(), c.del, args...); err != nil {
					t.Fatal(err)
				}
				n, br, err := db.VerifyAudit(context.Background())
				if err != nil || br == nil || !strings.Contains(br.Reason, c.says) {
					t.Fatalf("n=%d break=%+v err=%v; want a break naming the missing head", n, br, err)
				}
			})
		})
	}
}
