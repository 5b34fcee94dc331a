package seed

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
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

// visit is one note to write: whose, which of theirs, on which day of the
// span, and its number among all notes (which story it tells).
type visit struct{ participant, nth, day, n int32 }

// notes writes the notes peer by peer, each peer's caseload day by day,
// oldest first. Participant i's visits fall on days spread over the span,
// each at the participant's own half hour of the day on their peer's
// calendar, so no peer is in two places at once; each note is signed that
// evening (its own time, as if in a transaction of its own). A peer's
// participants are theirs alone, so a peer's notes have all their history
// (the author's and the participants') among themselves: the load carries
// it in memory while it writes the peer and forgets it after, and peers
// can be written side by side (opts.Writers) without sharing any.
func (s *seeder) notes(ctx context.Context) error {
	o := s.opts
	if o.Notes == 0 {
		return nil
	}
	next := make(chan int)
	errs := make(chan error, o.Writers)
	var mu sync.Mutex
	var written atomic.Int64
	began := time.Now()
	done := make(chan struct{})
	defer close(done)
	go s.report(&written, began, done)
	for range o.Writers {
		go func() {
			load := s.db.NewNoteLoad(Attestation)
			load.Verify = o.Verify
			var err error
			for peer := range next {
				if err != nil {
					continue // drain
				}
				var signed []seeded
				signed, err = s.peerNotes(ctx, load, peer, &written)
				mu.Lock()
				s.signed = append(s.signed, signed...)
				mu.Unlock()
				load.Forget()
			}
			errs <- err
		}()
	}
	for peer := range s.out.Peers {
		next <- peer
	}
	close(next)
	var first error
	for range o.Writers {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		return first
	}
	s.out.Notes = int(written.Load())
	took := time.Since(began)
	s.progress("notes %d in %s, %.0f notes/s", s.out.Notes, took.Round(time.Second), float64(s.out.Notes)/took.Seconds())
	return nil
}

// visits are peer's participants' visits in the order they are written:
// by day, then by the participant's seat on the peer's calendar. Notes are
// dealt round the participants as if in rounds (every participant's first
// visit, then every second one), so with fewer notes than full rounds the
// first participants have one more.
func (s *seeder) visits(peer int) []visit {
	o := s.opts
	perPerson := (o.Notes + o.Participants - 1) / o.Participants
	var out []visit
	for i := peer * o.Caseload; i < min((peer+1)*o.Caseload, o.Participants); i++ {
		for j := 0; j < perPerson && j*o.Participants+i < o.Notes; j++ {
			d := 1 + (j*s.span/perPerson+i)%s.span
			out = append(out, visit{participant: int32(i), nth: int32(j), day: int32(d), n: int32(j*o.Participants + i)})
		}
	}
	slices.SortFunc(out, func(a, b visit) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.participant, b.participant))
	})
	return out
}

// peerNotes writes the notes of peer's caseload in batches of opts.Batch.
func (s *seeder) peerNotes(ctx context.Context, load *store.NoteLoad, peer int, written *atomic.Int64) ([]seeded, error) {
	visits := s.visits(peer)
	signed := make([]seeded, 0, len(visits))
	batch := make([]store.AuthoredNote, 0, s.opts.Batch)
	for k, v := range visits {
		day := goldthread.DateOf(s.out.Participants[0].Since.AddDate(0, 0, int(v.day)))
		n := s.note(day, v, int(v.n))
		n.At = s.clock(day, 22, 0)
		batch = append(batch, n)
		if len(batch) < s.opts.Batch && k < len(visits)-1 {
			continue
		}
		ids, err := load.Sign(ctx, batch)
		if err != nil {
			return signed, fmt.Errorf("seed: notes of peer %d, %s: %w", peer+1, day, err)
		}
		for k, id := range ids {
			signed = append(signed, seeded{id: id, peer: int32(peer), end: batch[k].Note.End})
		}
		written.Add(int64(len(ids)))
		batch = batch[:0]
	}
	return signed, nil
}

// report prints the notes written, the rate and the time left every two
// seconds until done is closed.
func (s *seeder) report(written *atomic.Int64, began time.Time, done <-chan struct{}) {
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	var last int64
	lastAt := began
	for {
		select {
		case <-done:
			return
		case now := <-tick.C:
			w := written.Load()
			rate := float64(w) / now.Sub(began).Seconds()
			recent := float64(w-last) / now.Sub(lastAt).Seconds()
			last, lastAt = w, now
			eta := "?"
			if rate > 0 {
				eta = (time.Duration(float64(int64(s.opts.Notes)-w)/rate) * time.Second).Round(time.Second).String()
			}
			s.progress("notes %d/%d (%.0f%%), %.0f notes/s (%.0f in the last 2 s), %s left", w, s.opts.Notes,
				100*float64(w)/float64(s.opts.Notes), rate, recent, eta)
		}
	}
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
	// One supervisor's batches go one after another: two of them side by
	// side approve notes of the same participants and peers, whose billing
	// versions they bump in their own orders, and on PostgreSQL one of the
	// two deadlocks (a supervisor's own double click does the same, and is
	// told to try again). Supervisors' teams share no one.
	for _, n := range s.signed {
		if n.end.Before(cutoff) {
			sup := int(n.peer) / TeamSize
			bySupervisor[sup] = append(bySupervisor[sup], n.id)
		}
	}
	var teams [][]approval
	for sup, ids := range bySupervisor {
		var team []approval
		for len(ids) > 0 {
			n := min(len(ids), 200)
			team = append(team, approval{sup, ids[:n]})
			ids = ids[n:]
		}
		teams = append(teams, team)
	}
	var approved atomic.Int64
	err := s.parallel(len(teams), "approval teams", func(i int) error {
		for _, a := range teams[i] {
			if err := s.approve(ctx, a.supervisor, a.ids); err != nil {
				return err
			}
			approved.Add(int64(len(a.ids)))
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.progress("approvals %d", approved.Load())
	return nil
}

// approval is one supervisor's batch of notes to approve (200 at most).
type approval struct {
	supervisor int
	ids        []int64
}

func (s *seeder) approve(ctx context.Context, sup int, ids []int64) error {
	if _, err := s.db.ApproveNotes(ctx, s.out.Supervisors[sup], ids, Password); err != nil {
		return fmt.Errorf("seed: approvals: %w", err)
	}
	return nil
}
