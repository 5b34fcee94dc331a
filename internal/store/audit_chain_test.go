package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// chainedTrail is the fixture's trail with a few more events in the other
// agency's chain (participants registered by its operator) and in the
// system chain (a sign-in with an unknown address), so each chain has a
// middle and an end to tamper with. It returns the other agency's id.
func chainedTrail(t *testing.T, db *store.DB) (*storetest.Fixture, int64) {
	t.Helper()
	ctx := context.Background()
	f := storetest.MustFixture(t, db)
	other := f.Foreign.AgencyID
	for i := range 3 {
		p := goldthread.Participant{FirstName: "Chain", LastName: fmt.Sprint("Walker", i), BirthDate: goldthread.NewDate(1980, 1, 1)}
		if err := db.CreateParticipant(ctx, goldthread.Operator(other, "test"), &p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.SignIn(ctx, "nobody@nowhere.example", "wrong", "192.0.2.9", "web", store.DefaultSessionPolicy); err == nil {
		t.Fatal("an unknown account signed in")
	}
	if n := chainLen(t, db, 0); n < 1 {
		t.Fatalf("the system chain has %d events", n)
	}
	if _, br := mustVerify(t, db); br != nil {
		t.Fatalf("the untouched trail breaks at %+v", br)
	}
	return f, other
}

// chainSeqOf is the seq of the k-th event of agency's chain (0: the system
// chain).
func chainSeqOf(t *testing.T, db *store.DB, agency, k int64) int64 {
	t.Helper()
	var seq int64
	if err := db.QueryRowRaw(context.Background(), "SELECT seq FROM audit_event WHERE COALESCE(agency_id, 0) = ? AND chain_seq = ?", agency, k).Scan(&seq); err != nil {
		t.Fatalf("event %d of agency %d's chain: %v", k, agency, err)
	}
	return seq
}

// chainLen is how many events agency's chain holds.
func chainLen(t *testing.T, db *store.DB, agency int64) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRowRaw(context.Background(), "SELECT COUNT(*) FROM audit_event WHERE COALESCE(agency_id, 0) = ?", agency).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAuditChainsPerAgency: each agency's events, and the events of no
// agency, form a chain of their own (places 1, 2, … with no gap, the first
// linked to the legacy head, which on a new database is empty), and the
// checkpoint heads name each chain's newest event.
func TestAuditChainsPerAgency(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f, other := chainedTrail(t, db)
		ctx := context.Background()
		heads, err := db.AuditHeads(ctx)
		if err != nil || len(heads) != 3 {
			t.Fatalf("heads %+v %v; want the system chain and the two agencies'", heads, err)
		}
		for _, h := range heads {
			if h.Legacy || (h.AgencyID != 0 && h.AgencyID != f.Agency.ID && h.AgencyID != other) {
				t.Fatalf("unexpected head %+v", h)
			}
			n := chainLen(t, db, h.AgencyID)
			var first, prev string
			var chained, top int64
			err := db.QueryRowRaw(ctx, `SELECT COUNT(chain_seq), MAX(chain_seq),
				(SELECT prev_hash FROM audit_event WHERE COALESCE(agency_id, 0) = ? AND chain_seq = 1),
				(SELECT hash FROM audit_event WHERE seq = ?)
				FROM audit_event WHERE COALESCE(agency_id, 0) = ?`, h.AgencyID, h.Seq, h.AgencyID).Scan(&chained, &top, &first, &prev)
			if err != nil || chained != n || top != n || first != "" || prev != h.Hash {
				t.Fatalf("chain of agency %d: %d events, %d chained, top %d, first links to %q, head %q vs %q (%v)",
					h.AgencyID, n, chained, top, first, h.Hash, prev, err)
			}
		}
	})
}

// TestAuditChainTampering: an event of any chain altered, deleted, moved to
// another agency's chain, copied, left without a place in a chain, or a
// chain's newest events cut off, is a break `audit verify` names.
func TestAuditChainTampering(t *testing.T) {
	cases := []struct {
		name string
		// tamper changes the trail and returns the seq the break must name
		// (0: any) and words the reason must hold.
		tamper func(t *testing.T, db *store.DB, mine, other int64) (int64, string)
	}{
		{"AlteredInAnotherAgency", func(t *testing.T, db *store.DB, mine, other int64) (int64, string) {
			seq := chainSeqOf(t, db, other, 2)
			execAudit(t, db, "UPDATE audit_event SET detail = 'rewritten' WHERE seq = ?", seq)
			return seq, "altered"
		}},
		{"AlteredInTheSystemChain", func(t *testing.T, db *store.DB, mine, other int64) (int64, string) {
			seq := chainSeqOf(t, db, 0, 1)
			execAudit(t, db, "UPDATE audit_event SET ip = '198.51.100.1' WHERE seq = ?", seq)
			return seq, "altered"
		}},
		{"DeletedFromTheMiddle", func(t *testing.T, db *store.DB, mine, other int64) (int64, string) {
			execAudit(t, db, "DELETE FROM audit_event WHERE seq = ?", chainSeqOf(t, db, other, 2))
			return chainSeqOf(t, db, other, 3), "missing"
		}},
		{"NewestOfAChainDeleted", func(t *testing.T, db *store.DB, mine, other int64) (int64, string) {
			// Not the trail's newest event: the system chain wrote after it.
			execAudit(t, db, "DELETE FROM audit_event WHERE seq = ?", chainSeqOf(t, db, other, chainLen(t, db, other)))
			return 0, "latest events were deleted"
		}},
		{"MovedToAnotherAgency", func(t *testing.T, db *store.DB, mine, other int64) (int64, string) {
			seq := chainSeqOf(t, db, other, 2)
			execAudit(t, db, "UPDATE audit_event SET agency_id = ? WHERE seq = ?", mine, seq)
			return seq, ""
		}},
		{"MovedWithItsHashRecomputed", func(t *testing.T, db *store.DB, mine, other int64) (int64, string) {
			// A forger who also fixes the moved event's hash: its old chain
			// now has a hole, and it has no place in its new one.
			seq := chainSeqOf(t, db, other, 2)
			ev := auditEvent(t, db, seq)
			ev.AgencyID = mine
			execAudit(t, db, "UPDATE audit_event SET agency_id = ?, hash = ? WHERE seq = ?", mine, store.AuditHash(ev), seq)
			return 0, "expected event"
		}},
		{"CopiedIntoTheChain", func(t *testing.T, db *store.DB, mine, other int64) (int64, string) {
			seq := chainSeqOf(t, db, other, 1)
			execAudit(t, db, `INSERT INTO audit_event (seq, chain_seq, at, agency_id, actor_id, actor_role, action, record_type, record_id,
				participant_id, ip, outcome, detail, prev_hash, hash)
				SELECT (SELECT MAX(seq) + 1 FROM audit_event), chain_seq, at, agency_id, actor_id, actor_role, action, record_type, record_id,
				participant_id, ip, outcome, detail, prev_hash, hash FROM audit_event WHERE seq = ?`, seq)
			return 0, "expected event"
		}},
		{"EventWithoutAChain", func(t *testing.T, db *store.DB, mine, other int64) (int64, string) {
			seq := chainSeqOf(t, db, mine, 3)
			execAudit(t, db, "UPDATE audit_event SET chain_seq = NULL WHERE seq = ?", seq)
			return seq, "no place in any chain"
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Engines(t, func(t *testing.T, db *store.DB) {
				f, other := chainedTrail(t, db)
				storetest.DropAuditTriggers(t, db)
				seq, says := c.tamper(t, db, f.Agency.ID, other)
				_, br := mustVerify(t, db)
				if br == nil || (seq != 0 && br.Seq != seq) || !strings.Contains(br.Reason, says) {
					t.Fatalf("break = %+v; want one at event %d saying %q", br, seq, says)
				}
			})
		})
	}
}

func execAudit(t *testing.T, db *store.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.ExecRaw(context.Background(), q, args...); err != nil {
		t.Fatalf("%.60s: %v", q, err)
	}
}

// auditEvent reads event seq as stored.
func auditEvent(t *testing.T, db *store.DB, seq int64) goldthread.AuditEvent {
	t.Helper()
	var ev goldthread.AuditEvent
	var agency, actor, record, participant, chain sql.NullInt64
	var role string
	err := db.QueryRowRaw(context.Background(), `SELECT seq, chain_seq, at, agency_id, actor_id, actor_role, action, record_type,
		record_id, participant_id, ip, outcome, detail, prev_hash, hash FROM audit_event WHERE seq = ?`, seq).Scan(
		&ev.Seq, &chain, &ev.At, &agency, &actor, &role, &ev.Action, &ev.RecordType, &record, &participant,
		&ev.IP, &ev.Outcome, &ev.Detail, &ev.PrevHash, &ev.Hash)
	if err != nil {
		t.Fatal(err)
	}
	ev.At = ev.At.UTC()
	ev.ChainSeq, ev.AgencyID, ev.ActorID, ev.RecordID, ev.ParticipantID = chain.Int64, agency.Int64, actor.Int64, record.Int64, participant.Int64
	ev.ActorRole = goldthread.Role(role)
	return ev
}

// TestAuditChainsAcrossTheMigration: a trail written before migration 0130
// (one chain by seq, its head in audit_head) still verifies after it, as
// the closed legacy segment; the chains written after start from its head
// and number their events after it; and the legacy events stay
// tamper-evident: altering one is found, and rebuilding the whole legacy
// segment (hashes and head) is found at the first chained event, whose
// link to the legacy head no longer matches.
func TestAuditChainsAcrossTheMigration(t *testing.T) {
	storetest.EnginesBare(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		run := migratedBefore(t, db, 130)
		at := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
		legacy := []goldthread.AuditEvent{
			{AgencyID: 1, ActorID: 1, ActorRole: goldthread.RoleAdministrator, Action: goldthread.ActionSignIn, Outcome: goldthread.OutcomeSuccess},
			{Action: goldthread.ActionSignInFailed, IP: "192.0.2.1", Outcome: goldthread.OutcomeFailure, Detail: "unknown_account"},
			{AgencyID: 2, ActorID: 7, ActorRole: goldthread.RolePeer, Action: goldthread.ActionRead, RecordType: "participant", RecordID: 3, ParticipantID: 3, Outcome: goldthread.OutcomeSuccess},
		}
		insertLegacy := func(evs []goldthread.AuditEvent) string {
			prev := ""
			for i := range evs {
				ev := &evs[i]
				ev.Seq, ev.At, ev.PrevHash = int64(i+1), at.Add(time.Duration(i)*time.Minute), prev
				ev.Hash = store.AuditHash(*ev)
				run(`INSERT INTO audit_event (seq, at, agency_id, actor_id, actor_role, action, record_type, record_id, participant_id,
					ip, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					ev.Seq, ev.At, nullable(ev.AgencyID), nullable(ev.ActorID), string(ev.ActorRole), ev.Action, ev.RecordType,
					nullable(ev.RecordID), nullable(ev.ParticipantID), ev.IP, ev.Outcome, ev.Detail, ev.PrevHash, ev.Hash)
				prev = ev.Hash
			}
			return prev
		}
		legacyHead := insertLegacy(legacy)
		run("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1", len(legacy), legacyHead)
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if n, br := mustVerify(t, db); br != nil || n != 3 {
			t.Fatalf("the legacy trail after the migration: %d events, break %+v", n, br)
		}
		_, other := chainedTrail(t, db)
		for _, agency := range []int64{0, other} {
			first := auditEvent(t, db, chainSeqOf(t, db, agency, 1))
			if first.PrevHash != legacyHead || first.Seq <= 3 {
				t.Fatalf("the first event of agency %d's chain is %d linked to %q; want after 3, linked to the legacy head %q",
					agency, first.Seq, first.PrevHash, legacyHead)
			}
		}
		heads, err := db.AuditHeads(ctx)
		if err != nil || len(heads) != 4 || !heads[0].Legacy || heads[0].Seq != 3 || heads[0].Hash != legacyHead {
			t.Fatalf("heads %+v %v; want the legacy segment's first, then three chains", heads, err)
		}
		storetest.DropAuditTriggers(t, db)
		t.Run("AlteredLegacyEventFound", func(t *testing.T) {
			execAudit(t, db, "UPDATE audit_event SET detail = 'rewritten' WHERE seq = 2")
			if _, br := mustVerify(t, db); br == nil || br.Seq != 2 || !strings.Contains(br.Reason, "altered") {
				t.Fatalf("break = %+v; want event 2 altered", br)
			}
			execAudit(t, db, "UPDATE audit_event SET detail = 'unknown_account' WHERE seq = 2")
			if _, br := mustVerify(t, db); br != nil {
				t.Fatalf("restored trail breaks at %+v", br)
			}
		})
		t.Run("RebuiltLegacySegmentFound", func(t *testing.T) {
			execAudit(t, db, "DELETE FROM audit_event WHERE seq <= 3")
			legacy[1].IP = "203.0.113.5"
			rebuilt := insertLegacy(legacy)
			execAudit(t, db, "UPDATE audit_head SET last_hash = ? WHERE id = 1", rebuilt)
			_, br := mustVerify(t, db)
			if br == nil || br.Seq != chainSeqOf(t, db, 0, 1) && br.Seq != chainSeqOf(t, db, 1, 1) || !strings.Contains(br.Reason, "link") {
				t.Fatalf("break = %+v; want the first chained event's link to the legacy head", br)
			}
		})
	})
}

func nullable(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// TestAgenciesCommitSideBySide: on PostgreSQL, while a transaction of one
// agency holds its chain's head (moved, not yet committed), an audited
// write of another agency commits: it waits for no other agency's head.
// Then writers of two agencies commit concurrently, and every chain still
// verifies, each agency's events one unbroken sequence, and so does every
// verification run while they write. (On SQLite the one writer orders
// everyone; the concurrent half runs there too.)
func TestAgenciesCommitSideBySide(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := storetest.MustFixture(t, db)
		bg := context.Background()
		other := f.Foreign.AgencyID
		operator := map[int64]goldthread.Actor{f.Agency.ID: goldthread.Operator(f.Agency.ID, "test"), other: goldthread.Operator(other, "test")}
		register := func(ctx context.Context, agency int64, name string) error {
			p := goldthread.Participant{FirstName: "Side", LastName: name, BirthDate: goldthread.NewDate(1990, 2, 2)}
			return db.CreateParticipant(store.WithAgency(ctx, agency), operator[agency], &p)
		}
		if db.Engine == store.Postgres {
			t.Run("AnotherAgencysHeldHeadDoesNotBlock", func(t *testing.T) {
				// An audited write of f.Agency stops just before its commit,
				// its chain's head moved and held; there a write of the
				// other agency must commit. Were it to wait for that head,
				// the two would wait for each other until the deadline.
				ctx, cancel := context.WithTimeout(bg, 30*time.Second)
				defer cancel()
				var once sync.Once
				var during error = errors.New("the held commit never ran")
				db.SetBeforeCommit(func(txCtx context.Context) error {
					if store.AgencyOf(txCtx) == f.Agency.ID {
						once.Do(func() { during = register(ctx, other, "WhileHeld") })
					}
					return nil
				})
				defer db.SetBeforeCommit(nil)
				if err := register(ctx, f.Agency.ID, "Holding"); err != nil {
					t.Fatal(err)
				}
				if during != nil {
					t.Fatalf("the other agency's write while this agency's head was held: %v", during)
				}
			})
		}
		before := map[int64]int64{f.Agency.ID: chainLen(t, db, f.Agency.ID), other: chainLen(t, db, other)}
		const writers, each = 4, 5
		var wg sync.WaitGroup
		errs := make(chan error, 2*writers*each)
		for _, agency := range []int64{f.Agency.ID, other} {
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range each {
						if err := register(bg, agency, fmt.Sprintf("W%dN%d", w, i)); err != nil {
							errs <- err
						}
					}
				}()
			}
		}
		// Verifying while they write (as a checkpoint from cron does) sees
		// events and heads of one moment, never a false break.
		done := make(chan struct{})
		verified := make(chan error, 1)
		go func() {
			var err error
			for err == nil {
				select {
				case <-done:
					verified <- nil
					return
				default:
				}
				var br *store.AuditBreak
				if _, br, err = db.VerifyAudit(bg); br != nil {
					err = fmt.Errorf("verified while writers wrote: break %+v", br)
				}
			}
			verified <- err
		}()
		wg.Wait()
		close(done)
		if err := <-verified; err != nil {
			t.Fatal(err)
		}
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if _, br := mustVerify(t, db); br != nil {
			t.Fatalf("after concurrent writers of two agencies the trail breaks at %+v", br)
		}
		for agency, n := range before {
			if got := chainLen(t, db, agency); got <= n || got != chainSeqLen(t, db, agency) {
				t.Fatalf("agency %d's chain: %d events before, %d after, last place %d", agency, n, got, chainSeqLen(t, db, agency))
			}
		}
	})
}

// chainSeqLen is the highest place in agency's chain.
func chainSeqLen(t *testing.T, db *store.DB, agency int64) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRowRaw(context.Background(), "SELECT COALESCE(MAX(chain_seq), 0) FROM audit_event WHERE COALESCE(agency_id, 0) = ?", agency).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestAuditHashOfLegacyAndChainedEvents: an event without a chain place
// (written before migration 0130) hashes exactly as it did then (the hash
// below was computed by the code before per-agency chains), so the stored
// legacy trail still verifies; a chained event's hash covers its place in
// its chain, so the place cannot be renumbered without breaking the hash.
func TestAuditHashOfLegacyAndChainedEvents(t *testing.T) {
	ev := goldthread.AuditEvent{Seq: 41, At: time.Date(2026, 11, 30, 12, 0, 0, 123000000, time.UTC), AgencyID: 2, ActorID: 7,
		ActorRole: goldthread.RolePeer, Action: goldthread.ActionRead, RecordType: "participant", RecordID: 3, ParticipantID: 3,
		IP: "192.0.2.1", Outcome: goldthread.OutcomeSuccess, Detail: "page=1", PrevHash: "abc"}
	if got := store.AuditHash(ev); got != "efb04e22d7e0a0544a0c84651b037bacabff1f693c388e49cdf0d6e9e859b25c" {
		t.Fatalf("a legacy event's hash changed: %s", got)
	}
	ev.ChainSeq = 5
	five := store.AuditHash(ev)
	ev.ChainSeq = 6
	if six := store.AuditHash(ev); five == six || five == "efb04e22d7e0a0544a0c84651b037bacabff1f693c388e49cdf0d6e9e859b25c" {
		t.Fatalf("a chained event's hash does not cover its place: %s %s", five, six)
	}
}
