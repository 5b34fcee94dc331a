package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// SamplePlan returns a valid draft plan for the fixture's Mine in its
// program, effective on effective, with two goals; mutators adjust it.
func (f *Fixture) SamplePlan(effective goldthread.Date, mut ...func(*goldthread.Plan)) goldthread.Plan {
	p := goldthread.Plan{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID, Effective: effective,
		ReviewDue: goldthread.Date{Time: effective.AddDate(0, 6, 0)},
		Goals: []goldthread.Goal{
			{Words: "I want to get my own apartment", Summary: "Own apartment", Interventions: []goldthread.Intervention{
				{Description: "Practice calling landlords together", Frequency: "weekly", Responsible: "peer specialist"},
				{Description: "Connect to the housing navigator", Frequency: "once", Responsible: "peer specialist"}}},
			{Words: "I want to feel less alone on weekends", Summary: "Weekend connection", Interventions: []goldthread.Intervention{
				{Description: "Explore community groups that meet on weekends", Frequency: "twice a month", Responsible: "peer specialist"}}},
		}}
	for _, m := range mut {
		m(&p)
	}
	return p
}

// SampleCrisisPlan returns a valid crisis plan; mutators adjust it.
func SampleCrisisPlan(mut ...func(*goldthread.CrisisPlan)) goldthread.CrisisPlan {
	c := goldthread.CrisisPlan{WarningSigns: "Stops answering texts; sleeps all day", WhatHelps: "A walk and a call with my sister",
		WhatDoesNotHelp: "Being told to calm down", Contacts: "Sister (call first); peer specialist in office hours",
		CrisisProvider: "County mobile crisis team", CrisisProviderPhone: "988", Preferences: "Prefers not to go to the ER alone"}
	for _, m := range mut {
		m(&c)
	}
	return c
}

// MustCrisisPlan writes SampleCrisisPlan into the draft planID as the peer.
func (f *Fixture) MustCrisisPlan(t testing.TB, db *store.DB, planID int64) {
	t.Helper()
	mustCrisisPlan(t, db, f.Peer, planID)
}

func mustCrisisPlan(t testing.TB, db *store.DB, peer goldthread.Actor, planID int64) {
	t.Helper()
	c := SampleCrisisPlan()
	if err := db.SetCrisisPlan(context.Background(), peer, planID, &c, nil); err != nil {
		t.Fatalf("crisis plan: %v", err)
	}
}

// MustSignedPlan creates p, adds a crisis plan (the fixture's NC 8G
// program requires one), and has the participant (their name typed on the
// peer's device), the peer and the clinician sign it, on its effective
// date at noon, so it is in force from that date.
func (f *Fixture) MustSignedPlan(t testing.TB, db *store.DB, p goldthread.Plan) goldthread.Plan {
	t.Helper()
	return f.MustSignedPlanBy(t, db, f.Peer, p)
}

// MustSignedPlanBy is MustSignedPlan with peer, whose caseload holds
// p's participant, writing and signing it.
func (f *Fixture) MustSignedPlanBy(t testing.TB, db *store.DB, peer goldthread.Actor, p goldthread.Plan) goldthread.Plan {
	t.Helper()
	ctx := context.Background()
	saved := db.Now
	defer func() { db.Now = saved }()
	db.Now = func() time.Time { return p.Effective.Add(12 * time.Hour) }
	if err := db.CreatePlan(ctx, peer, &p); err != nil {
		t.Fatalf("create plan: %v", err)
	}
	mustCrisisPlan(t, db, peer, p.ID)
	who, err := db.Participant(ctx, peer, p.ParticipantID)
	if err != nil {
		t.Fatalf("the plan's participant: %v", err)
	}
	legalName := who.FirstName + " " + who.LastName
	for _, s := range []struct {
		actor goldthread.Actor
		in    store.PlanSignatureInput
	}{
		{peer, store.PlanSignatureInput{Role: goldthread.SignerParticipant, Name: legalName}},
		{peer, store.PlanSignatureInput{Role: goldthread.SignerPeer, Password: Password}},
		{f.Clinician, store.PlanSignatureInput{Role: goldthread.SignerClinician, Password: Password}},
	} {
		if p, err = db.SignPlan(ctx, s.actor, p.ID, s.in); err != nil {
			t.Fatalf("sign plan as %s: %v", s.in.Role, err)
		}
	}
	return p
}

// Part2Elements completes c with what 42 CFR 2.31(a) asks of a Part 2
// consent beyond a release of information: who may disclose, every
// section of the record, a description of the information, and the
// statement of the right to revoke.
func Part2Elements(c *goldthread.Consent) {
	c.Kind, c.Discloser, c.RevocationNotice = goldthread.ConsentPart2, "Fixture Peer Services", true
	c.Sections = goldthread.RecordSections
	if len([]rune(c.Information)) < 10 {
		c.Information = "Attendance and progress toward recovery goals"
	}
}
