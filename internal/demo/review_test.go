package demo

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestDemoReview: Luis has 20+ signed notes of Dana, Jordan and Sam
// waiting, has approved older ones, and returned one of Dana's notes with
// a comment she answered; Dana sees it returned.
func TestDemoReview(t *testing.T) {
	db := storetest.OpenSQLite(t)
	today := Today(time.Now())
	if _, err := Load(context.Background(), db, today, cheap); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	staff := func(email string, role goldthread.Role) goldthread.Actor {
		rows, err := db.QueryRaw(ctx, "SELECT id, agency_id FROM app_user WHERE email = ?", email)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		a := goldthread.Actor{Roles: []goldthread.Role{role}}
		if !rows.Next() {
			t.Fatalf("no %s", email)
		}
		rows.Scan(&a.UserID, &a.AgencyID)
		return a
	}
	luis, dana := staff("luis@riverbend.example", goldthread.RoleSupervisor), staff("dana@riverbend.example", goldthread.RolePeer)
	q, err := db.ReviewQueue(ctx, luis)
	if err != nil {
		t.Fatal(err)
	}
	authors := map[string]bool{}
	for _, it := range q.Awaiting {
		authors[it.Note.AuthorName] = true
	}
	if len(q.Awaiting) < 20 || len(authors) != 3 || len(q.Returned) != 1 {
		t.Fatalf("Luis's queue: %d awaiting from %v, %d returned; want 20+ from Dana, Jordan and Sam and 1 returned", len(q.Awaiting), authors, len(q.Returned))
	}
	rows, err := db.QueryRaw(ctx, "SELECT COUNT(*) FROM note_approval WHERE supervisor_id = ?", luis.UserID)
	if err != nil {
		t.Fatal(err)
	}
	var approvals int
	rows.Next()
	rows.Scan(&approvals)
	rows.Close()
	if approvals < 10 {
		t.Fatalf("%d approvals by Luis; want some history", approvals)
	}
	returned, err := db.ReturnedNotes(ctx, dana)
	if err != nil || len(returned) != 1 || len(returned[0].Comments) != 2 {
		t.Fatalf("Dana's returned notes: %+v, %v", returned, err)
	}
}
