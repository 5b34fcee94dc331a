package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestServiceThread: a billed service's thread names its approval, the
// author's valid credential that day, the plan version in force with the
// goal served, the service order, the authorization the claim used and
// the claim; billing gets no goal texts; a peer outside the caseload gets
// nothing.
func TestServiceThread(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		id, a, _ := e.exported(t)
		th, err := db.ServiceThread(ctx, e.f.Auditor, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if th.Approval == nil || !th.Credential.Valid || th.Plan == nil || len(th.Plan.Served) == 0 ||
			!strings.Contains(th.Plan.Served[0], " — ") || th.Order == nil || th.Authorization == nil ||
			th.Authorization.Number != "PA-100" || len(th.Claims) != 1 || th.Claims[0].ID != id {
			t.Fatalf("thread %+v", th)
		}
		if th, err := db.ServiceThread(ctx, e.f.Billing, a.ID); err != nil || th.Plan == nil || th.Plan.Served != nil {
			t.Fatalf("billing's thread %+v %v", th.Plan, err)
		}
		if _, err := db.ServiceThread(ctx, e.f.OtherPeer, a.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
			t.Fatalf("a peer outside the caseload: %v", err)
		}
	})
}
