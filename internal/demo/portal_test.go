package demo

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestDemoPortal: Marcus has an accepted request (with its correction
// addendum) and a pending one, a release to the housing partner under his
// consent and his own copy, and an emergency access he can see; Toby's
// release relied on his Part 2 consent, but his record is not a Part 2
// record, because no demo program is marked Part 2; every signed record
// verifies.
func TestDemoPortal(t *testing.T) {
	db := storetest.OpenSQLite(t)
	ctx := context.Background()
	if _, err := Load(ctx, db, Today(time.Now()), password.Params{Memory: 64, Time: 1, Threads: 1}); err != nil {
		t.Fatal(err)
	}
	step, err := db.SignIn(ctx, participantAccount.email, Password, "127.0.0.1", store.SessionWeb, store.DefaultSessionPolicy)
	marcus := step.Actor
	if err != nil {
		t.Fatal(err)
	}
	list, err := db.Amendments(ctx, marcus, marcus.ParticipantID, 0)
	if err != nil || len(list) != 2 || list[0].Status() != goldthread.AmendmentPending || list[1].Status() != goldthread.AmendmentAccepted ||
		list[1].Decision.AddendumID == 0 {
		t.Fatalf("Marcus's requests: %+v %v", list, err)
	}
	step, err = db.SignIn(ctx, "luis@riverbend.example", Password, "127.0.0.1", store.SessionWeb, store.DefaultSessionPolicy)
	luis := step.Actor
	if err != nil {
		t.Fatal(err)
	}
	if awaiting, err := db.AmendmentsAwaiting(ctx, luis); err != nil || len(awaiting) != 1 || awaiting[0].ID != list[0].ID {
		t.Fatalf("Luis's queue: %+v %v", awaiting, err)
	}
	ds, err := db.Disclosures(ctx, marcus, marcus.ParticipantID)
	if err != nil || len(ds) != 2 || !ds[0].OwnRequest || ds[1].Recipient != PortalRecipient || ds[1].ConsentKind != goldthread.ConsentROI {
		t.Fatalf("Marcus's disclosures: %+v %v", ds, err)
	}
	log, err := db.AccessLog(ctx, marcus, marcus.ParticipantID)
	emergency := false
	for _, e := range log {
		emergency = emergency || (e.Emergency && e.Reason != "")
	}
	if err != nil || !emergency {
		t.Fatalf("Marcus's access log shows no emergency access: %+v %v", log, err)
	}
	step, err = db.SignIn(ctx, "dana@riverbend.example", Password, "127.0.0.1", store.SessionWeb, store.DefaultSessionPolicy)
	dana := step.Actor
	if err != nil {
		t.Fatal(err)
	}
	keisha, err := db.ListParticipants(ctx, dana, goldthread.ParticipantFilter{Query: "Monroe"})
	if err != nil || len(keisha) != 1 {
		t.Fatalf("Keisha: %v", err)
	}
	if acct, err := db.PortalAccount(ctx, dana, keisha[0].ID); err != nil || acct.State != goldthread.PortalInvited {
		t.Fatalf("Keisha's portal account: %+v %v; want invited", acct, err)
	}
	people, err := db.ListParticipants(ctx, dana, goldthread.ParticipantFilter{Query: "Greene"})
	if err != nil || len(people) != 1 {
		t.Fatalf("Toby: %v", err)
	}
	tds, err := db.Disclosures(ctx, dana, people[0].ID)
	if err != nil || len(tds) != 1 || tds[0].Part2 || tds[0].ConsentKind != goldthread.ConsentPart2 {
		t.Fatalf("Toby's disclosures: %+v %v", tds, err)
	}
	if n, bad, err := db.VerifyIntegrity(ctx); err != nil || bad != nil || n == 0 {
		t.Fatalf("integrity of the demo: %d %+v %v", n, bad, err)
	}
}
