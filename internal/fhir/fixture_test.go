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
// two signed versions (the second signed by peer, participant and
// clinician), one signed note per modality (the first with an addendum and
// a supervisor's approval), one draft note, a draft plan, and an ROI
// consent; the agency with its NPI, the staff with a credential, note texts
// shown (a reader who sees narratives). Mutators adjust it per test.
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
		Programs: map[int64]goldthread.Program{3: {ID: 3, AgencyID: 1, Name: "Peer Support (NC 8G)", RulePack: goldthread.RulePackNC8G,
			State: "NC", Payer: "NC Medicaid"}},
		ServiceCodes: map[int64]fhir.ServiceCode{500: {Code: "H0038", Display: "Self-help/peer services, per 15 minutes"}, 502: {Code: "H0038", Display: "Self-help/peer services, per 15 minutes"}},
		Zone:         newYork,
		Today:        date("2026-03-25"),
		Agency: goldthread.Agency{ID: 1, Name: "Riverbend", Billing: goldthread.BillingIdentity{LegalName: "Riverbend Recovery Partners, Inc.",
			NPI: "1234567893", Address: goldthread.Address{Line1: "12 Mill St", City: "Durham", State: "NC", PostalCode: "27701-1234"}}},
		Staff: map[int64]goldthread.Staff{
			7: {ID: 7, AgencyID: 1, Name: "Dana Whitfield", FirstName: "Dana", LastName: "Whitfield", Credential: "CPSS", NPI: "1679576722",
				Taxonomy: "175T00000X", Roles: []goldthread.Role{goldthread.RolePeer}, Active: true},
			8: {ID: 8, AgencyID: 1, Name: "Luis Ortega", FirstName: "Luis", LastName: "Ortega", Credential: "CPSS",
				Roles: []goldthread.Role{goldthread.RoleSupervisor}, Active: true},
			9: {ID: 9, AgencyID: 1, Name: "Elena Reyes", FirstName: "Elena", LastName: "Reyes", Credential: "LCSW",
				Roles: []goldthread.Role{goldthread.RoleClinician}, Active: true},
		},
		Credentials: map[int64][]goldthread.Credential{7: {
			{ID: 70, StaffID: 7, Type: "CPSS", Number: "NC-4411", Issuer: "NC Certification Board", Issued: date("2024-06-01"), Expires: date("2026-06-01")},
			{ID: 71, StaffID: 7, Type: "CPSS", Number: "NC-0001", Issued: date("2020-01-01"), Revoked: true},
		}},
		Approvals: map[int64][]goldthread.NoteApproval{500: {{ID: 80, NoteID: 500, SupervisorID: 8, Name: "Luis Ortega", Credential: "CPSS",
			Approved: at("2026-03-17", "09:00")}}},
		Documents: true,
	}
	src.Record.Notes[0].Addenda = []goldthread.Addendum{{ID: 60, NoteID: 500, Kind: goldthread.AddendumClarification,
		Body: "SECRET addendum: the viewing was at 11.", AuthorID: 7, Name: "Dana Whitfield", Credential: "CPSS", Signed: at("2026-03-16", "18:00")}}
	src.Record.Plans[0].Signatures = []goldthread.PlanSignature{
		{SignerRole: "peer", UserID: 7, Name: "Dana Whitfield", Credential: "CPSS", Signed: at("2026-03-02", "13:50")},
		{SignerRole: "participant", Name: "Marcus Hill", Signed: at("2026-03-02", "13:55")},
		{SignerRole: "clinician", UserID: 9, Name: "Elena Reyes", Credential: "LCSW", Signed: at("2026-03-02", "14:05")},
	}
	for _, f := range mut {
		f(&src)
	}
	return src
}
