package storetest

import (
	"context"
	"testing"

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

// MustSignedPlan creates p and has the participant, the peer and the
// clinician sign it.
func (f *Fixture) MustSignedPlan(t testing.TB, db *store.DB, p goldthread.Plan) goldthread.Plan {
	t.Helper()
	ctx := context.Background()
	if err := db.CreatePlan(ctx, f.Peer, &p); err != nil {
		t.Fatalf("create plan: %v", err)
	}
	var err error
	for _, s := range []struct {
		actor goldthread.Actor
		in    store.PlanSignatureInput
	}{
		{f.Peer, store.PlanSignatureInput{Role: goldthread.SignerParticipant, Name: "Marcus Bell"}},
		{f.Peer, store.PlanSignatureInput{Role: goldthread.SignerPeer}},
		{f.Clinician, store.PlanSignatureInput{Role: goldthread.SignerClinician}},
	} {
		if p, err = db.SignPlan(ctx, s.actor, p.ID, s.in); err != nil {
			t.Fatalf("sign plan as %s: %v", s.in.Role, err)
		}
	}
	return p
}
