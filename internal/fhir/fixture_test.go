package fhir_test

import (
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/fhir"
)

// newYork is the agency's clock of the fixture: instants must keep its offset.
var newYork = func() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	return loc
}()

func at(day, hhmm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hhmm, newYork)
	if err != nil {
		panic(err)
	}
	return t.UTC() // the store hands out UTC; the mapper puts the zone back
}

func date(s string) goldthread.Date {
	d, err := goldthread.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// fixture is a small record: one participant in an NC program, a plan in
// two signed versions, one signed note per modality, one draft note, a
// draft plan, and an ROI consent. Mutators adjust it per test.
func fixture(mut ...func(*fhir.Source)) fhir.Source {
	p := goldthread.Participant{ID: 12, AgencyID: 1, FirstName: "Marcus", LastName: "Hill", PreferredName: "Marc",
		BirthDate: date("1988-04-09"), Gender: "M", MedicaidID: "912345678L", Status: goldthread.ParticipantActive,
		Enrollments: []goldthread.Enrollment{{ProgramID: 3, ProgramName: "Peer Support (NC 8G)", RulePack: goldthread.RulePackNC8G, Start: date("2026-01-05")}}}
	goal := func(id, plan int64, words, summary string, ivs ...goldthread.Intervention) goldthread.Goal {
		return goldthread.Goal{ID: id, PlanID: plan, Words: words, Summary: summary, TargetDate: date("2026-07-01"), Interventions: ivs}
	}
	v1 := goldthread.Plan{ID: 40, AgencyID: 1, ParticipantID: 12, ProgramID: 3, Version: 1, Status: goldthread.PlanSigned,
		Effective: date("2026-01-10"), ReviewDue: date("2026-04-10"), ProgramName: "Peer Support (NC 8G)", Signed: at("2026-01-10", "11:30"),
		Goals: []goldthread.Goal{goal(401, 40, "I want my own place by summer", "Housing",
			goldthread.Intervention{ID: 4011, Description: "Go with Marc to housing viewings", Frequency: "weekly", Responsible: "peer specialist"})}}
	v2 := goldthread.Plan{ID: 41, AgencyID: 1, ParticipantID: 12, ProgramID: 3, Version: 2, Status: goldthread.PlanSigned,
		Effective: date("2026-03-02"), ReviewDue: date("2026-06-01"), ProgramName: "Peer Support (NC 8G)", Signed: at("2026-03-02", "14:05"),
		Goals: []goldthread.Goal{
			goal(411, 41, "I want my own place by summer", "Housing",
				goldthread.Intervention{ID: 4111, Description: "Go with Marc to housing viewings", Frequency: "weekly", Responsible: "peer specialist"}),
			goal(412, 41, "Get back to my Sunday league & not feel <anxious>", "Community",
				goldthread.Intervention{ID: 4121, Description: "Share my own story of returning to sport", Frequency: "twice a month", Responsible: "peer specialist"}),
		}}
	draftPlan := goldthread.Plan{ID: 42, ParticipantID: 12, ProgramID: 3, Version: 3, Status: goldthread.PlanDraft, Effective: date("2026-05-01"),
		Goals: []goldthread.Goal{goal(421, 42, "draft goal", "Draft")}}
	note := func(id int64, modality, location, day string, goals ...int64) goldthread.Note {
		n := goldthread.Note{ID: id, AgencyID: 1, ParticipantID: 12, ProgramID: 3, AuthorID: 7, AuthorName: "Dana Whitfield",
			Kind: goldthread.NoteIndividual, Status: goldthread.NoteSigned, ServiceDate: date(day), Start: at(day, "10:00"), End: at(day, "10:50"),
			Modality: modality, Location: location, Category: "recovery_support",
			PeerAction: "SECRET narrative the export must not carry", ParticipantWords: "SECRET words",
			Signature: &goldthread.NoteSignature{UserID: 7, Name: "Dana Whitfield", Credential: "CPSS", Signed: at(day, "16:00")}}
		for _, g := range goals {
			n.Goals = append(n.Goals, goldthread.NoteGoal{GoalID: g})
		}
		return n
	}
	draft := note(503, "in_person", "office", "2026-03-20", 411)
	draft.Status, draft.Signature = goldthread.NoteDraft, nil
	src := fhir.Source{
		Record: goldthread.Record{AgencyName: "Riverbend", Participant: p, Plans: []goldthread.Plan{v2, v1, draftPlan},
			Notes: []goldthread.Note{
				note(500, "in_person", "home", "2026-03-16", 411, 412), // during EDT (-04:00)
				note(501, "video", "other", "2026-03-05", 411),
				note(502, "in_person", "community", "2026-02-02", 401), // during EST (-05:00)
				draft,
			}, Generated: at("2026-03-25", "09:15")},
		Consents: []goldthread.Consent{{ID: 9, ParticipantID: 12, Kind: goldthread.ConsentROI, Recipient: "Dr. Lee's clinic",
			Purpose: "Coordinate care", Information: "Plans & notes", Signed: date("2026-01-10"), Expires: date("2027-01-10")}},
		Programs:     map[int64]goldthread.Program{3: {ID: 3, AgencyID: 1, Name: "Peer Support (NC 8G)", RulePack: goldthread.RulePackNC8G, State: "NC"}},
		ServiceCodes: map[int64]fhir.ServiceCode{500: {Code: "H0038", Display: "Self-help/peer services, per 15 minutes"}, 502: {Code: "H0038", Display: "Self-help/peer services, per 15 minutes"}},
		Zone:         newYork,
		Today:        date("2026-03-25"),
	}
	for _, f := range mut {
		f(&src)
	}
	return src
}
