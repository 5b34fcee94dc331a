package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestAuditOrderIsByTime: oldest first and newest first sort by the time
// the events carry (what the report shows), not by sequence number: an
// event with a later sequence but an earlier time comes first when oldest
// first. AuditPeople and AuditParticipantNames name the people of the
// report, for auditors and administrators only.
func TestAuditOrderIsByTime(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		clock := &storetest.Clock{T: time.Date(2026, 5, 2, 12, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		if _, err := db.Participant(ctx, f.Peer, f.Mine.ID); err != nil {
			t.Fatal(err)
		}
		clock.T = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) // a later event stamped earlier
		if _, err := db.Participant(ctx, f.Peer, f.Mine.ID); err != nil {
			t.Fatal(err)
		}
		clock.T = time.Date(2026, 5, 3, 12, 0, 0, 0, time.UTC)
		filter := store.AuditFilter{ActorID: f.Peer.UserID, Action: goldthread.ActionRead,
			From: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), Oldest: true}
		evs, err := db.AuditEvents(ctx, f.Auditor, filter)
		if err != nil || len(evs) != 2 {
			t.Fatalf("events %+v %v", evs, err)
		}
		if !evs[0].At.Before(evs[1].At) || evs[0].Seq < evs[1].Seq {
			t.Fatalf("oldest first: %v (seq %d) then %v (seq %d)", evs[0].At, evs[0].Seq, evs[1].At, evs[1].Seq)
		}
		filter.Oldest = false
		evs, _ = db.AuditEvents(ctx, f.Auditor, filter)
		if !evs[0].At.After(evs[1].At) {
			t.Fatalf("newest first: %v then %v", evs[0].At, evs[1].At)
		}
		people, err := db.AuditPeople(ctx, f.Auditor)
		if err != nil || people[f.Peer.UserID] != f.Peer.Name {
			t.Fatalf("people %v %v", people, err)
		}
		if _, err := db.AuditPeople(ctx, f.Peer); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("a peer read the trail's people: %v", err)
		}
		names, err := db.AuditParticipantNames(ctx, f.Auditor, []int64{f.Mine.ID, 999999})
		if err != nil || len(names) != 1 || names[f.Mine.ID] != f.Mine.DisplayName() {
			t.Fatalf("participant names %v %v", names, err)
		}
		if _, err := db.AuditParticipantNames(ctx, f.Peer, []int64{f.Mine.ID}); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("a peer read names through the trail: %v", err)
		}
	})
}
