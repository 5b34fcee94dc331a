package demo

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestWorkforceDemo pins what the demo promises Luis: Sam's CMPSS expires
// in 23 days, Jordan's CPSS expired 10 days ago, Jordan's supervision is
// overdue, and every peer and the clinician hold a credential.
func TestWorkforceDemo(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := Load(ctx, db, Today(time.Now()), cheap); err != nil {
			t.Fatal(err)
		}
		luis, _ := wfDemoActor(t, db, "luis@riverbend.example")
		alerts, err := db.ExpiringCredentials(ctx, luis)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, a := range alerts {
			got[a.Credential.StaffName+" "+a.Credential.Type] = a.DaysLeft
		}
		if got["Sam Okafor CMPSS"] != 23 || got["Jordan Ellis CPSS"] != -10 || len(got) != 2 {
			t.Errorf("Luis's credential alerts %v; want Sam's CMPSS in 23 days and Jordan's CPSS 10 days ago", got)
		}
		over, err := db.SupervisionOverdue(ctx, luis)
		if err != nil || len(over) != 1 || over[0].Staff.Name != "Jordan Ellis" {
			t.Errorf("overdue supervision %v %v; want Jordan only", over, err)
		}
		team, _ := db.TeamOverview(ctx, luis)
		if len(team) != 3 {
			t.Errorf("Luis's team has %d peers; want 3", len(team))
		}
		for _, m := range team {
			if m.Credential.Credential == nil {
				t.Errorf("%s has no credential", m.Staff.Name)
			}
		}
		reyes, _ := wfDemoActor(t, db, "elena.reyes@riverbend.example")
		if chk, err := db.CredentialOnDate(ctx, reyes, reyes.UserID, Today(time.Now()), "LCSW"); err != nil || !chk.Valid {
			t.Errorf("Dr. Reyes's LCSW: %+v %v", chk, err)
		}
	})
}

func wfDemoActor(t *testing.T, db *store.DB, email string) (goldthread.Actor, error) {
	t.Helper()
	step, err := db.SignIn(context.Background(), email, Password, "127.0.0.1", store.SessionWeb, store.DefaultSessionPolicy)
	a := step.Actor
	if err != nil {
		t.Fatal(err)
	}
	return a, err
}
