package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// BenchmarkWriteSignNote is the peer's signed note without HTTP: a draft
// created and signed with a re-authentication grant (every signing check,
// the signature, the lock, the review state, the billing versions moved by
// the database's triggers, two audit events). "without_version_triggers"
// drops the billing versions' triggers (migration 0150) first, so the two
// side by side are what those triggers cost a signature. Compare with
// BenchmarkWriteRawCommit from the same run:
//
//	go test ./internal/store/ -run '^$' -bench 'Write(RawCommit|SignNote)' -benchtime 3s
func BenchmarkWriteSignNote(b *testing.B) {
	benchEngines(b, func(b *testing.B, db *store.DB) {
		benchSignNotes(b, db)
	})
	b.Run(store.SQLite+"/without_version_triggers", func(b *testing.B) {
		db := storetest.OpenSQLite(b)
		dropVersionTriggers(b, db)
		benchSignNotes(b, db)
	})
	b.Run(store.Postgres+"/without_version_triggers", func(b *testing.B) {
		db := storetest.OpenPostgres(b)
		dropVersionTriggers(b, db)
		benchSignNotes(b, db)
	})
}

// benchSignNotes writes one signed note an iteration, each an hour after
// the last from 09:00 to 16:00, the clock two hours after its end so no
// note is late and none overlaps another.
func benchSignNotes(b *testing.B, db *store.DB) {
	ctx := context.Background()
	f := storetest.MustFixture(b, db)
	clock := &storetest.Clock{T: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	db.Now = clock.Now
	plan := f.MustSignedPlan(b, db, f.SamplePlan(goldthread.NewDate(2026, 2, 1)))
	if _, err := db.ExecRaw(ctx, "UPDATE app_user SET credential = ? WHERE agency_id = ?", "CPSS", f.Agency.ID); err != nil {
		b.Fatal(err)
	}
	step, err := db.SignIn(ctx, f.Emails[goldthread.RolePeer], storetest.Password, "203.0.113.9", store.SessionAPI, store.DefaultSessionPolicy)
	if err != nil {
		b.Fatal(err)
	}
	peer := step.Actor
	g := plan.Goals[0]
	grant, granted := "", time.Time{}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Date(2026, 3, 1+i/8, 9+i%8, 0, 0, 0, time.UTC)
		clock.T = start.Add(2 * time.Hour)
		if grant == "" || clock.T.Sub(granted) > store.ReauthGrantLife/2 {
			b.StopTimer()
			if grant, _, err = db.GrantReauth(ctx, peer, storetest.Password); err != nil {
				b.Fatal(err)
			}
			granted = clock.T
			b.StartTimer()
		}
		n, err := db.CreateDraftNote(ctx, peer, store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
			ServiceDate: goldthread.DateOf(start), Start: start, End: start.Add(45 * time.Minute),
			Location: "home", Modality: "in_person", Category: "peer_mentoring_coaching",
			Goals:               []goldthread.NoteGoal{{GoalID: g.ID, InterventionID: g.Interventions[0].ID}},
			PeerAction:          "We practiced what to say when calling a landlord and made two calls together.",
			ParticipantResponse: `Marcus said "I did the call myself this time."`, NextSteps: "Visit the apartment on Friday.",
			Billable: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := db.SignNote(ctx, peer, n.ID, store.SignNoteInput{Grant: grant,
			Attestation: "I provided this service as described.", Version: n.Version}); err != nil {
			b.Fatalf("note %d at %s: %v", i, start, err)
		}
	}
}

// dropVersionTriggers removes the triggers that move the billing versions
// (migration 0150), for measuring their cost only.
func dropVersionTriggers(tb testing.TB, db *store.DB) {
	tb.Helper()
	ctx := context.Background()
	q := "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'billing_version%'"
	if db.Engine == store.Postgres {
		q = "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND t.tgname LIKE 'billing_version%' AND c.relnamespace = current_schema()::regnamespace"
	}
	rows, err := db.QueryRaw(ctx, q)
	if err != nil {
		tb.Fatal(err)
	}
	var drops []string
	for rows.Next() {
		var name, table string
		if err := rows.Scan(&name, &table); err != nil {
			tb.Fatal(err)
		}
		if db.Engine == store.Postgres {
			drops = append(drops, "DROP TRIGGER "+name+" ON "+table)
		} else {
			drops = append(drops, "DROP TRIGGER "+name)
		}
	}
	if err := rows.Close(); err != nil {
		tb.Fatal(err)
	}
	if len(drops) == 0 {
		tb.Fatal("no billing version triggers found to drop")
	}
	for _, d := range drops {
		if _, err := db.ExecRaw(ctx, d); err != nil {
			tb.Fatal(err)
		}
	}
}
