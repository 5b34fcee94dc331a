package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// The plans step gives every participant eligibility (assessment,
// diagnosis, service order, authorization) and a person-centered plan,
// signed by the participant, the peer and Dr. Reyes. It runs before the
// groups and notes steps (notes link to the plan in force); the discharges
// are a step of their own after the notes, since they follow the last
// notes of the two discharged participants.
//
// What the demo shows: participants enrolled more than 100 days have a
// newer signed version (Marcus among them); Keisha's plan review is overdue
// and Noah's is due within two weeks; Lucía, the newest, has a draft
// nobody has signed; every North Carolina plan has a crisis plan (Marcus's
// with a WRAP); Renee revoked a release of information; Toby has a 42 CFR
// Part 2 consent; Maggie Thornton and Dolores Finch have discharge plans.

// goalBank holds goals in participants' own words with the peer's
// interventions; each participant gets two of them.
var goalBank = []goldthread.Goal{
	{Words: "I want to get my own apartment", Summary: "Own apartment", Interventions: []goldthread.Intervention{
		{Description: "Practice calling landlords together", Frequency: "weekly", Responsible: "peer specialist"},
		{Description: "Connect to the housing navigator", Frequency: "once", Responsible: "peer specialist"}}},
	{Words: "I want to feel less alone on weekends", Summary: "Weekend connection", Interventions: []goldthread.Intervention{
		{Description: "Explore community groups that meet on weekends", Frequency: "twice a month", Responsible: "peer specialist"}}},
	{Words: "I want to go back to work part-time", Summary: "Part-time work", Interventions: []goldthread.Intervention{
		{Description: "Share my own story of returning to work and plan first steps", Frequency: "every other week", Responsible: "peer specialist"},
		{Description: "Go together to the vocational rehab open house", Frequency: "once", Responsible: "peer specialist"}}},
	{Words: "I want to stay sober through the holidays", Summary: "Sober holidays", Interventions: []goldthread.Intervention{
		{Description: "Make a holiday plan with the people I trust", Frequency: "weekly in December", Responsible: "peer specialist"}}},
	{Words: "I want to manage my own appointments", Summary: "Own appointments", Interventions: []goldthread.Intervention{
		{Description: "Set up a paper planner and phone reminders together", Frequency: "weekly", Responsible: "peer specialist"}}},
	{Words: "I want to get along better with my daughter", Summary: "Family connection", Interventions: []goldthread.Intervention{
		{Description: "Role-play hard conversations before family visits", Frequency: "twice a month", Responsible: "peer specialist"}}},
}

// diagnosisBank are ICD-10-CM codes common in peer support referrals.
var diagnosisBank = []struct{ code, description string }{
	{"F33.1", "Major depressive disorder, recurrent, moderate"}, {"F41.1", "Generalized anxiety disorder"},
	{"F43.10", "Post-traumatic stress disorder, unspecified"}, {"F11.20", "Opioid dependence, uncomplicated"},
	{"F31.81", "Bipolar II disorder"}, {"F10.20", "Alcohol dependence, uncomplicated"},
}

// demoWRAP is a tiny valid PDF standing in for Marcus's scanned WRAP.
const demoWRAP = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

func (l *loader) peerOf(r person) goldthread.Actor {
	return goldthread.Actor{UserID: l.staff[r.peer], AgencyID: l.sys.AgencyID, Roles: []goldthread.Role{goldthread.RolePeer}}
}

func (l *loader) clinician() goldthread.Actor {
	return goldthread.Actor{UserID: l.staff["reyes"], AgencyID: l.sys.AgencyID, Roles: []goldthread.Role{goldthread.RoleClinician}}
}

func (l *loader) loadPlans(ctx context.Context) error {
	for i, r := range people {
		if err := l.loadEligibility(ctx, i, r); err != nil {
			return fmt.Errorf("eligibility %s: %w", r.key, err)
		}
		if err := l.loadPlanVersions(ctx, i, r); err != nil {
			return fmt.Errorf("plan %s: %w", r.key, err)
		}
		if err := l.loadConsentsAndTeam(ctx, i, r); err != nil {
			return fmt.Errorf("consents and care team %s: %w", r.key, err)
		}
	}
	return nil
}

func (l *loader) loadEligibility(ctx context.Context, i int, r person) error {
	id, prog, clin := l.people[r.key], l.programs[r.state], l.clinician()
	dx := diagnosisBank[i%len(diagnosisBank)]
	authStart := l.daysAgo(min(r.since, 180))
	for _, err := range []error{
		l.db.AddAssessment(ctx, clin, &goldthread.Assessment{ParticipantID: id, Assessed: l.daysAgo(r.since + 10),
			Summary: "Comprehensive clinical assessment completed; meets medical necessity for peer support."}),
		l.db.AddDiagnosis(ctx, clin, &goldthread.Diagnosis{ParticipantID: id, Code: dx.code, Description: dx.description, Primary: true,
			Since: l.daysAgo(r.since + 10)}),
		l.db.AddServiceOrder(ctx, clin, &goldthread.ServiceOrder{ParticipantID: id, ProgramID: prog, Professional: "Dr. Elena Reyes",
			Credential: "LCSW", NPI: "1560392817", Signed: l.daysAgo(r.since + 2)}),
		l.db.AddAuthorization(ctx, clin, &goldthread.Authorization{ParticipantID: id, ProgramID: prog,
			Payer: planProgram(r.state).payer, Number: fmt.Sprintf("PA-%s-%04d", r.state, 1200+i*37), Start: authStart,
			End: goldthread.DateOf(authStart.AddDate(0, 0, 364)), UnitsAuthorized: 480, UnitsUsed: (i * 23) % 200}),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// loadPlanVersions writes the participant's plan: version 1 from shortly
// after enrollment, and for those enrolled over 100 days a newer signed
// version from the last two months. Keisha keeps one version past its
// review date; Lucía's plan is a draft.
func (l *loader) loadPlanVersions(ctx context.Context, i int, r person) error {
	peer, rulePack := l.peerOf(r), planProgram(r.state).rulePack
	interval := goldthread.ReviewIntervalDays(rulePack)
	plan := func(effective goldthread.Date) goldthread.Plan {
		g1, g2 := goalBank[i%len(goalBank)], goalBank[(i+2)%len(goalBank)]
		return goldthread.Plan{ParticipantID: l.people[r.key], ProgramID: l.programs[r.state], Effective: effective,
			ReviewDue: goldthread.DateOf(effective.AddDate(0, 0, interval)), Goals: []goldthread.Goal{g1, g2}}
	}
	first := l.daysAgo(max(r.since-5, 1))
	switch r.key {
	case "keisha":
		first = l.daysAgo(interval + 5)
	case "lucia":
		p := plan(l.daysAgo(2))
		if err := l.db.CreatePlan(ctx, peer, &p); err != nil {
			return err
		}
		return l.crisisPlan(ctx, peer, p.ID, r)
	}
	var v1 goldthread.Plan
	err := l.onDay(first, func() error {
		var err error
		v1, err = l.signedPlan(ctx, peer, plan(first), r)
		return err
	})
	if err != nil || r.since <= 100 || r.key == "keisha" || r.discharged {
		return err
	}
	second := l.daysAgo(20 + i%30)
	return l.onDay(second, func() error {
		v2, err := l.db.NewPlanVersion(ctx, peer, v1.ID, second)
		if err != nil {
			return err
		}
		return l.signAll(ctx, peer, v2.ID, r)
	})
}

// onDay runs fn with the database clock at 11:00 on day (agency clock): a
// plan is in force from its last signature's day, so the demo's plans are
// written and signed on the day they take effect.
func (l *loader) onDay(day goldthread.Date, fn func() error) error {
	saved := l.db.Now
	defer func() { l.db.Now = saved }()
	at := l.clock(day, 11, 0)
	l.db.Now = func() time.Time { return at }
	return fn()
}

func (l *loader) signedPlan(ctx context.Context, peer goldthread.Actor, p goldthread.Plan, r person) (goldthread.Plan, error) {
	if err := l.db.CreatePlan(ctx, peer, &p); err != nil {
		return p, err
	}
	if err := l.crisisPlan(ctx, peer, p.ID, r); err != nil {
		return p, err
	}
	return p, l.signAll(ctx, peer, p.ID, r)
}

// crisisPlan writes the crisis plan of North Carolina plans (8G requires
// one); Marcus's carries a WRAP.
func (l *loader) crisisPlan(ctx context.Context, peer goldthread.Actor, planID int64, r person) error {
	if r.state != "NC" {
		return nil
	}
	c := goldthread.CrisisPlan{WarningSigns: "Stops answering texts; sleeps most of the day; skips meals.",
		WhatHelps: "A walk outside, music, a call with my sister.", WhatDoesNotHelp: "Being told to calm down; crowded rooms.",
		Contacts:       "Sister (call first); peer specialist during office hours; my prescriber's office.",
		CrisisProvider: "Buncombe County mobile crisis team", CrisisProviderPhone: "(828) 555-0190",
		Preferences: "I would rather go to the behavioral health urgent care than the ER."}
	var wrap *store.WRAPUpload
	if r.key == "marcus" {
		wrap = &store.WRAPUpload{Name: "marcus-wrap.pdf", Data: []byte(demoWRAP)}
	}
	return l.db.SetCrisisPlan(ctx, peer, planID, &c, wrap)
}

// signAll has the participant type their name on the peer's phone, then
// the peer and Dr. Reyes sign with their passwords.
func (l *loader) signAll(ctx context.Context, peer goldthread.Actor, planID int64, r person) error {
	for _, s := range []struct {
		actor goldthread.Actor
		in    store.PlanSignatureInput
	}{
		{peer, store.PlanSignatureInput{Role: goldthread.SignerParticipant, Name: r.first + " " + r.last}},
		{peer, store.PlanSignatureInput{Role: goldthread.SignerPeer, Password: Password}},
		{l.clinician(), store.PlanSignatureInput{Role: goldthread.SignerClinician, Password: Password}},
	} {
		if _, err := l.db.SignPlan(ctx, s.actor, planID, s.in); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) loadConsentsAndTeam(ctx context.Context, i int, r person) error {
	id, peer := l.people[r.key], l.peerOf(r)
	consent := func(kind, recipient, purpose, info string, sections ...string) error {
		c := goldthread.Consent{ParticipantID: id, Kind: kind, Recipient: recipient, Purpose: purpose, Information: info, Sections: sections,
			Signed: l.daysAgo(min(r.since, 300)), Expires: goldthread.DateOf(l.daysAgo(min(r.since, 300)).AddDate(1, 0, 0))}
		if kind == goldthread.ConsentPart2 {
			c.Discloser, c.RevocationNotice = "Riverbend Recovery Partners", true
		}
		return l.db.AddConsent(ctx, peer, &c)
	}
	var err error
	switch r.key {
	case "marcus":
		err = consent(goldthread.ConsentROI, "Mountain Housing Partners", "Housing application", "Dates of service and my housing goal",
			goldthread.SectionPlans, goldthread.SectionNotes)
	case "toby":
		// His supervisor checked the signed Part 2 form the next day.
		err = consent(goldthread.ConsentPart2, "Asheville Recovery Clinic", "Coordinating recovery support",
			"Attendance and progress toward my recovery goals, including substance use recovery", goldthread.SectionPlans, goldthread.SectionNotes)
		if err == nil {
			err = l.db.VerifyConsent(ctx, l.actor("luis", goldthread.RoleSupervisor), l.lastConsentID(ctx, peer, id))
		}
	case "renee":
		if err = consent(goldthread.ConsentROI, "Brevard Road Church Pantry", "Food assistance", "That I receive services", goldthread.SectionDemographics); err == nil {
			_, err = l.db.RevokeConsent(ctx, peer, l.lastConsentID(ctx, peer, id), l.daysAgo(30), "Renee asked to stop sharing.")
		}
	case "jasmine", "tunde":
		err = consent(goldthread.ConsentROI, "County benefits office", "Benefits renewal", "Dates of service", goldthread.SectionNotes)
	}
	if err != nil {
		return err
	}
	team := []goldthread.CareTeamMember{
		{Kind: goldthread.CareStaff, StaffID: l.staff[r.peer]},
		{Kind: goldthread.CareProvider, Name: []string{"Dr. Osei", "Dr. Lindqvist", "Dr. Baptiste"}[i%3], Role: "prescriber",
			Organisation: map[string]string{"NC": "Blue Ridge Health", "CA": "Sacramento Community Clinic", "NY": "Capital Region Health"}[r.state]},
		{Kind: goldthread.CareNatural, Relationship: []string{"sister", "friend", "sponsor", "daughter", "neighbour"}[i%5]},
	}
	for _, m := range team {
		m.ParticipantID = id
		if err := l.db.AddCareTeamMember(ctx, peer, &m); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) lastConsentID(ctx context.Context, actor goldthread.Actor, participantID int64) int64 {
	list, err := l.db.Consents(ctx, actor, participantID)
	if err != nil || len(list) == 0 {
		return 0
	}
	return list[0].ID
}

// loadDischarges records the discharge plans of the two discharged
// participants, yesterday, after their last notes.
func (l *loader) loadDischarges(ctx context.Context) error {
	for _, r := range people {
		if !r.discharged {
			continue
		}
		peer, id, prog := l.peerOf(r), l.people[r.key], l.programs[r.state]
		d := goldthread.Discharge{ParticipantID: id, ProgramID: prog, Date: l.daysAgo(1),
			Reason:            "Goals reached; moving on with community supports.",
			NaturalSupports:   "Sister nearby; a friend from church",
			CommunitySupports: "Weekly recovery meeting; library volunteer group",
			Referrals:         "Community college peer mentoring program"}
		plan, err := l.db.PlanInForce(ctx, peer, id, prog, d.Date)
		if err != nil {
			return fmt.Errorf("discharge %s: %w", r.key, err)
		}
		for k, g := range plan.Goals {
			d.Goals = append(d.Goals, goldthread.DischargeGoal{GoalID: g.ID, Outcome: []string{goldthread.GoalMet, goldthread.GoalPartlyMet}[k%2]})
		}
		if err := l.db.RecordDischarge(ctx, peer, &d); err != nil {
			return fmt.Errorf("discharge %s: %w", r.key, err)
		}
	}
	return nil
}

// planProgram returns the programs-table row of state.
func planProgram(state string) program {
	for _, p := range programs {
		if p.state == state {
			return p
		}
	}
	panic("demo: no program for state " + state)
}
