package store_test

import (
	"context"
	"encoding/base64"
	"slices"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// walkReview reads every page of the supervisor's queue, limit notes a
// page, calling between(page) after each page but the last.
func walkReview(t *testing.T, db *store.DB, actor goldthread.Actor, limit int, between func(page int)) (seen []int64, totals []int) {
	t.Helper()
	cursor := ""
	for page := 0; ; page++ {
		q, err := db.ReviewQueuePage(context.Background(), actor, store.ReviewPage{Limit: limit, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		if len(q.Awaiting) > limit {
			t.Fatalf("page %d holds %d notes; limit %d", page, len(q.Awaiting), limit)
		}
		seen, totals = append(seen, itemIDs(q.Awaiting)...), append(totals, q.Total)
		if q.Next == "" {
			return seen, totals
		}
		if page > 50 {
			t.Fatal("the queue never ends")
		}
		cursor = q.Next
		between(page)
	}
}

func TestReviewQueuePagesWalkEveryNoteOnceOldestFirst(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		var want []int64 // oldest first: each signed note sits a slot further back
		for range 7 {
			want = slices.Insert(want, 0, e.signed(t).ID)
		}
		seen, totals := walkReview(t, db, e.f.Supervisor, 3, func(int) {})
		if !slices.Equal(seen, want) {
			t.Fatalf("pages of 3 gave %v; want %v", seen, want)
		}
		if totals[0] != 7 || len(totals) != 3 {
			t.Fatalf("totals per page = %v; want 7 on each of 3 pages", totals)
		}
		q, err := db.ReviewQueuePage(ctx, e.f.Supervisor, store.ReviewPage{})
		if err != nil || len(q.Awaiting) != 7 || q.Next != "" || q.Total != 7 {
			t.Fatalf("default page = %v next %q total %d, %v; want all 7 and no next", itemIDs(q.Awaiting), q.Next, q.Total, err)
		}
	})
}

func TestReviewQueuePageSurvivesAnApprovalBetweenPages(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		var want []int64
		for range 6 {
			want = slices.Insert(want, 0, e.signed(t).ID)
		}
		// After the first page, approve its first note (seen) and the
		// last note of all (not seen yet): no other note may be skipped
		// or repeated, as moving by an offset would.
		seen, totals := walkReview(t, db, e.f.Supervisor, 2, func(page int) {
			if page != 0 {
				return
			}
			if _, err := db.ApproveNotes(ctx, e.f.Supervisor, []int64{want[0], want[5]}, storetest.Password); err != nil {
				t.Fatal(err)
			}
		})
		wantSeen := want[:5]
		if !slices.Equal(seen, wantSeen) {
			t.Fatalf("pages gave %v; want %v", seen, wantSeen)
		}
		if totals[0] != 6 || totals[1] != 4 {
			t.Fatalf("totals = %v; want 6, then 4 after two approvals", totals)
		}
	})
}

func TestReviewQueuePageKeepsToReach(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		e.signed(t)
		e.signed(t)
		q, err := db.ReviewQueuePage(ctx, e.stranger, store.ReviewPage{Limit: 1})
		if err != nil || len(q.Awaiting) != 0 || q.Total != 0 || q.Next != "" {
			t.Fatalf("a supervisor of nobody sees %v total %d next %q, %v", itemIDs(q.Awaiting), q.Total, q.Next, err)
		}
		_, err = db.ReviewQueuePage(ctx, e.f.Peer, store.ReviewPage{})
		wantKind(t, err, goldthread.EFORBIDDEN, "")
		q, err = db.ReviewQueuePage(ctx, e.alternate, store.ReviewPage{Limit: 1})
		if err != nil || len(q.Awaiting) != 1 || q.Total != 2 || q.Next == "" {
			t.Fatalf("the alternate sees %v total %d next %q, %v; want 1 of 2 and a next page", itemIDs(q.Awaiting), q.Total, q.Next, err)
		}
	})
}

func TestReviewQueuePageRefusesABadLimitOrCursor(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		e.signed(t)
		for _, limit := range []int{-1, store.ReviewPageMax + 1} {
			_, err := db.ReviewQueuePage(ctx, e.f.Supervisor, store.ReviewPage{Limit: limit})
			wantKind(t, err, goldthread.EBADREQUEST, "limit")
		}
		for _, cursor := range []string{"not a cursor!", base64.RawURLEncoding.EncodeToString([]byte("2026-03-10.x.1")),
			base64.RawURLEncoding.EncodeToString([]byte("2026-03-10.-.0")), base64.RawURLEncoding.EncodeToString([]byte("yesterday.-.4"))} {
			_, err := db.ReviewQueuePage(ctx, e.f.Supervisor, store.ReviewPage{Cursor: cursor})
			wantKind(t, err, goldthread.EBADREQUEST, "cursor")
		}
	})
}
