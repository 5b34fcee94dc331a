package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// Service notes: eight per participant over the last 90 days (200 in all),
// written and signed through the store like a peer would, with the clock
// set to when each was signed so deadlines, late entries and the Today
// countdown look real. Among them: drafts (due soon or overdue), late
// entries with their reason, amended notes, collateral contacts and
// non-billable services. Notes link to the plan in force when the plans
// step (before this one in steps) made one; otherwise they are single
// events with a reason.

// categoryOf is a typical individual service category per program.
var categoryOf = map[string][]string{
	"NC": {"peer_mentoring_coaching", "recovery_resource_connecting", "building_community"},
	"CA": {"engagement", "therapeutic_activity"},
	"NY": {"adult_peer_support"},
}

// noteStory is one service told in peer language.
type noteStory struct{ did, response, next string }

var stories = []noteStory{
	{"We practiced what to say when calling a landlord and made one call together.", `Participant said "I was nervous but I did it."`, "Call two more listings before our next visit."},
	{"We walked to the library and looked at the community calendar for weekend groups.", "Participant chose a Saturday art group and said it sounded low-pressure.", "Go to the art group together on Saturday."},
	{"I shared how I plan my week and we filled in a paper planner for the next seven days.", `Participant said "Seeing it written down helps."`, "Check the planner together at the next visit."},
	{"We met at the food bank and talked through what to ask the benefits worker.", "Participant asked the questions herself and wrote down the answers.", "Bring the benefits letter to our next meeting."},
	{"We talked about what helped last time things got hard and updated the list of people to call.", `Participant said "My sister is still the first person I call."`, "Add the warmline number to the phone contacts."},
	{"We practiced the bus route to the job center and timed the trip.", "Participant said the trip felt shorter the second time.", "Take the route alone on Tuesday and text me when there."},
}

var collateralStories = []noteStory{
	{"Met with the participant's sister, with the participant's consent, to talk about how she can support the housing search.",
		"The sister offered to go with him to apartment viewings on weekends.",
		"Share the viewing schedule with the participant and his sister."},
	{"Talked by phone with the participant's sister, with his consent, about the bus pass he is applying for.",
		"She said she can drive him to the transit office on Thursday if the bus is late.",
		"Confirm the Thursday ride with both of them on Wednesday."},
	{"Met the participant's sister at the community center, with his consent, to share the weekend group schedule.",
		"She asked which groups welcome family members and picked the Sunday walk.",
		"Bring the Sunday walk flyer to the participant's next visit."},
}

// details are what made one visit unlike another, added to its response.
var details = []string{
	"Earlier in the week a neighbour had helped carry groceries, which lifted the mood.",
	"Rain made the walk slow, so most of the talking happened at the bus shelter.",
	"A missed call from the clinic came up, and the callback number went on the fridge list.",
	"A flyer for the library quiz night was on the table and we read it together.",
	"Both of us laughed about the long queue at the post office on Monday.",
	"The cat kept stepping on the planner, which turned into a running joke.",
	"Payday was on Friday, so the visit ended with a short talk about the budget sheet.",
	"A friend from the old job had texted, and reaching back out was on the mind.",
	"The heating was fixed at last, so the flat felt calmer than last time.",
	"The weekend had been lonely; the warmline call on Saturday had helped a little.",
	"A birthday card for a niece was half written and finished during the visit.",
}

// storyFor tells note n's service: what was done, the response and the
// next step are drawn from the stories independently, so one peer's notes
// are not copies of each other (the cloned-narrative rule would rightly
// flag them). Every 40th note is a deliberate near-copy of the note
// before it (one word changed), so the demo shows that finding, rarely.
func storyFor(n int, prev noteStory) noteStory {
	if n%40 == 39 && prev.did != "" {
		return noteStory{strings.Replace(prev.did, "We ", "Today we ", 1), prev.response, prev.next}
	}
	k := len(stories)
	return noteStory{stories[n%k].did, stories[(n/k+n)%k].response + " " + details[(n*5+n/7)%len(details)], stories[(n/(k*k)+2*n)%k].next}
}

func (l *loader) loadNotes(ctx context.Context) error {
	saved := l.db.Now
	defer func() { l.db.Now = saved }()
	n := 0
	seat := map[string]int{}            // each peer's participants get their own hour of the day
	prevStory := map[string]noteStory{} // each peer's last note, for the deliberate near-copy
	for i, r := range people {
		hour := seat[r.peer]
		seat[r.peer]++
		peer := goldthread.Actor{UserID: l.staff[r.peer], AgencyID: l.sys.AgencyID, Roles: []goldthread.Role{goldthread.RolePeer}}
		program := l.programs[r.state]
		pack, err := store.RulePack(programs[programIndex(r.state)].rulePack)
		if err != nil {
			return fmt.Errorf("notes: %w", err)
		}
		used := map[int]bool{} // one visit a day per participant
		for k := 0; k < 8; k++ {
			days := 2 + k*11 + i%7
			if days > 89 || (r.since > 0 && days >= r.since) {
				days = 1 + k
			}
			for used[days] {
				days++
			}
			used[days] = true
			day := l.daysAgo(days)
			// Visits from 10:00 AM, 65 minutes apart for each peer: one peer
			// gives one service at a time (notes last at most an hour).
			slot := time.Duration(hour) * 65 * time.Minute
			start := l.clock(day, 10, 0).Add(slot)

			in := store.NoteInput{ParticipantID: l.people[r.key], ProgramID: program, Kind: goldthread.NoteIndividual,
				ServiceDate: day, Start: start, End: start.Add(time.Duration(40+5*(n%5)) * time.Minute),
				Location: []string{"home", "community", "office", "home", "community"}[n%5], Modality: "in_person",
				Category: categoryOf[r.state][n%len(categoryOf[r.state])], Billable: true}
			s := storyFor(n, prevStory[r.peer])
			prevStory[r.peer] = s
			if n%7 == 3 {
				s = collateralStories[(n/7)%len(collateralStories)]
				s.response += " " + details[(n*3+1)%len(details)]
				in.Kind, in.OthersPresent = goldthread.NoteCollateral, "sister"
				if !pack.Documentation.CollateralBillable.Value {
					in.Billable, in.NonBillableReason = false, "This payer does not bill services to family members."
				}
			}
			if n%13 == 5 {
				in.Billable, in.NonBillableReason = false, "A short check-in by the door; not a full service."
			}
			in.PeerAction, in.ParticipantResponse, in.NextSteps = s.did, s.response, s.next
			plan, err := l.db.PlanInForce(ctx, peer, in.ParticipantID, program, day)
			switch {
			case err == nil && len(plan.Goals) > 0:
				g := plan.Goals[(n)%len(plan.Goals)]
				link := goldthread.NoteGoal{GoalID: g.ID}
				if len(g.Interventions) > 0 {
					link.InterventionID = g.Interventions[0].ID
				}
				in.Goals = []goldthread.NoteGoal{link}
			case err == nil || goldthread.ErrorKind(err) == goldthread.ENOTFOUND:
				in.SingleEventReason = "Getting to know each other before the plan is signed."
			default:
				return fmt.Errorf("notes: plan for %s: %w", r.key, err)
			}
			l.db.Now = func() time.Time { return in.End.Add(10 * time.Minute) }
			note, err := l.db.CreateDraftNote(ctx, peer, in)
			if err != nil {
				return fmt.Errorf("notes: draft for %s: %w", r.key, err)
			}
			n++
			if err := l.finishNote(ctx, peer, note, k, n, days); err != nil {
				return fmt.Errorf("notes: %s note %d: %w", r.key, k, err)
			}
		}
	}
	return nil
}

// finishNote leaves the newest note of some participants as a draft and
// signs the others: on time, or late with a reason; some get an addendum.
func (l *loader) finishNote(ctx context.Context, peer goldthread.Actor, note goldthread.Note, k, n, days int) error {
	if k == 0 && n%3 != 1 {
		return nil // a draft still to finish (due soon, or overdue)
	}
	signAt := note.End.Add(2 * time.Hour)
	reason := ""
	if n%9 == 4 && days >= 8 {
		signAt, reason = note.End.Add(5*24*time.Hour), "I was out sick and wrote the note when I returned."
	}
	l.db.Now = func() time.Time { return signAt }
	signed, _, err := l.db.SignNote(ctx, peer, note.ID, store.SignNoteInput{Password: Password, Version: note.Version,
		Attestation: "I attest that I provided this service as described and that this note is accurate and complete.", LateEntryReason: reason})
	if err != nil {
		return err
	}
	if n%11 == 6 && days >= 3 {
		l.db.Now = func() time.Time { return signAt.Add(26 * time.Hour) }
		_, err = l.db.AddAddendum(ctx, peer, signed.ID, store.AddendumInput{Kind: goldthread.AddendumCorrection, Password: Password,
			Body:        "Correction: the next visit is on Thursday, not the day written above.",
			Attestation: "I attest that this addendum is accurate and that I am adding it on the date shown."})
	}
	return err
}

func programIndex(state string) int {
	for i, p := range programs {
		if p.state == state {
			return i
		}
	}
	panic("demo: no program for state " + state)
}
