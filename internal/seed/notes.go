package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// Attestation is the text every seeded signature confirms.
const Attestation = "I attest that I provided this service as described and that this note is accurate and complete."

// story is one service told in peer language (no clinical words, so the
// coach blocks nothing).
type story struct{ did, response, next string }

var stories = []story{
	{"We practiced what to say when calling a landlord and made one call together.", `Participant said "I was nervous but I did it."`, "Call two more listings before our next visit."},
	{"We walked to the library and looked at the community calendar for weekend groups.", "Participant chose a Saturday art group and said it sounded low-pressure.", "Go to the art group together on Saturday."},
	{"I shared how I plan my week and we filled in a paper planner for the next seven days.", `Participant said "Seeing it written down helps."`, "Check the planner together at the next visit."},
	{"We met at the food bank and talked through what to ask the benefits worker.", "Participant asked the questions and wrote down the answers.", "Bring the benefits letter to our next meeting."},
	{"We talked about what helped last time things got hard and updated the list of people to call.", `Participant said "My sister is still the first person I call."`, "Add the warmline number to the phone contacts."},
	{"We practiced the bus route to the job center and timed the trip.", "Participant said the trip felt shorter the second time.", "Take the route alone on Tuesday and text me when there."},
}

var categories = []string{"peer_mentoring_coaching", "recovery_resource_connecting", "building_community"}
var locations = []string{"home", "community", "office", "home", "community"}

// seeded is a note signed by the seed: its id, its author (index in
// Agency.Peers) and when the service ended.
type seeded struct {
	id   int64
	peer int32
	end  time.Time
}

// visit is one note to write: whose and which of theirs.
type visit struct{ participant, nth int32 }

// notes writes the notes day by day, oldest first. Participant i's visits
// fall on days spread over the span, each peer's participants at their own
// half hour of the day, so no peer is in two places at once; each day's
// notes are signed that evening.
func (s *seeder) notes(ctx context.Context) error {
	o := s.opts
	if o.Notes == 0 {
		return nil
	}
	perPerson := (o.Notes + o.Participants - 1) / o.Participants
	days := make([][]visit, s.span+1)
	left := o.Notes
	for j := 0; j < perPerson && left > 0; j++ {
		for i := 0; i < o.Participants && left > 0; i++ {
			d := 1 + (j*s.span/perPerson+i)%s.span
			days[d] = append(days[d], visit{int32(i), int32(j)})
			left--
		}
	}
	written := 0
	lastReport := time.Now()
	batch := make([]store.AuthoredNote, 0, o.Batch)
	batchOf := make([]int32, 0, o.Batch) // each batch note's participant
	for d := 1; d <= s.span; d++ {
		day := goldthread.DateOf(s.out.Participants[0].Since.AddDate(0, 0, d))
		s.at(s.clock(day, 22, 0))
		for k, v := range days[d] {
			batch = append(batch, s.note(day, v, written+len(batch)))
			batchOf = append(batchOf, v.participant)
			if len(batch) == o.Batch || k == len(days[d])-1 {
				ids, err := s.db.SignedNotesInBulk(ctx, batch, Attestation)
				if err != nil {
					return fmt.Errorf("seed: notes of %s: %w", day, err)
				}
				for k, id := range ids {
					s.signed = append(s.signed, seeded{id: id, peer: int32(s.out.Participants[batchOf[k]].Peer), end: batch[k].Note.End})
				}
				written += len(ids)
				batch, batchOf = batch[:0], batchOf[:0]
			}
		}
		days[d] = nil
		if time.Since(lastReport) > 2*time.Second || d == s.span {
			lastReport = time.Now()
			rate := float64(written) / time.Since(s.started).Seconds()
			s.progress("notes %d/%d (%.0f%%), %.0f notes/s", written, o.Notes, 100*float64(written)/float64(o.Notes), rate)
		}
	}
	s.out.Notes = written
	return nil
}

// note is the nth seeded note: participant v's visit on day.
func (s *seeder) note(day goldthread.Date, v visit, n int) store.AuthoredNote {
	p := s.out.Participants[v.participant]
	seat := int(v.participant) % s.opts.Caseload
	start := s.clock(day, 7, 0).Add(time.Duration(seat) * 30 * time.Minute)
	st := stories[n%len(stories)]
	in := store.NoteInput{ParticipantID: p.ID, ProgramID: s.out.Program.ID, Kind: goldthread.NoteIndividual,
		ServiceDate: day, Start: start, End: start.Add(time.Duration(16+n%10) * time.Minute),
		Location: locations[n%len(locations)], Modality: "in_person", Category: categories[n%len(categories)], Billable: true,
		Goals:      []goldthread.NoteGoal{{GoalID: p.GoalID, InterventionID: p.InterventionID}},
		PeerAction: st.did, ParticipantResponse: st.response, NextSteps: st.next}
	if n%13 == 5 {
		in.Billable, in.NonBillableReason = false, "A short check-in by the door; not a full service."
	}
	return store.AuthoredNote{Author: s.out.Peers[p.Peer], Note: in}
}

// approvals: supervisors approve every note older than two weeks in
// batches (one re-authentication each), as on a Monday morning, and one
// note in two hundred gets its author's correction addendum first. The
// last two weeks stay in the review queue.
func (s *seeder) approvals(ctx context.Context) error {
	if len(s.signed) == 0 {
		return nil
	}
	morning := s.clock(s.opts.Today, 8, 0)
	cutoff := s.clock(goldthread.DateOf(s.opts.Today.AddDate(0, 0, -14)), 0, 0)
	s.at(morning)
	var addenda int
	bySupervisor := map[int][]int64{}
	for k, n := range s.signed {
		if k%200 == 199 && n.end.Before(cutoff) {
			s.at(n.end.Add(26 * time.Hour))
			if _, err := s.db.AddAddendum(ctx, s.out.Peers[n.peer], n.id, store.AddendumInput{Kind: goldthread.AddendumCorrection,
				Password: Password, Body: "Correction: the next visit is on Thursday, not the day written above.",
				Attestation: "I attest that this addendum is accurate and that I am adding it on the date shown."}); err != nil {
				return fmt.Errorf("seed: addendum on note %d: %w", n.id, err)
			}
			s.at(morning)
			addenda++
		}
	}
	s.progress("addenda %d", addenda)
	approved := 0
	for _, n := range s.signed {
		if !n.end.Before(cutoff) {
			continue
		}
		sup := int(n.peer) / TeamSize
		bySupervisor[sup] = append(bySupervisor[sup], n.id)
		if len(bySupervisor[sup]) == 200 {
			if err := s.approve(ctx, sup, bySupervisor[sup]); err != nil {
				return err
			}
			approved += 200
			bySupervisor[sup] = bySupervisor[sup][:0]
		}
	}
	for sup, ids := range bySupervisor {
		if len(ids) == 0 {
			continue
		}
		if err := s.approve(ctx, sup, ids); err != nil {
			return err
		}
		approved += len(ids)
	}
	s.progress("approvals %d", approved)
	return nil
}

func (s *seeder) approve(ctx context.Context, sup int, ids []int64) error {
	if _, err := s.db.ApproveNotes(ctx, s.out.Supervisors[sup], ids, Password); err != nil {
		return fmt.Errorf("seed: approvals: %w", err)
	}
	return nil
}
