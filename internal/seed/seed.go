// Package seed fills a database with an agency at scale — peers with
// caseloads, participants with signed plans, months of signed service
// notes, addenda and supervisors' approvals, and what billing needs to
// claim them (billing.go) — through the store's own
// functions, so the rows and audit events are those the app writes. It
// exists to measure Goldthread at sizes the demo never reaches
// (`goldthread seed`, `goldthread bench`).
package seed

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
)

// Password is the password of every seeded account; print it to whoever
// runs the seed, never use a seeded agency for real people.
const Password = "seed-password-2026"

// Cost is the argon2id cost of seeded accounts unless Options says
// otherwise: cheap, because a seed signs thousands of plans.
var Cost = password.Params{Memory: 1024, Time: 1, Threads: 1}

// ProgramRulePack is the seeded program's payer rules: NC 8G.
const ProgramRulePack = "us-nc-medicaid-8g-pss"

// CaseloadSize is how many participants each seeded peer serves unless
// Options says otherwise, and TeamSize how many peers each supervisor
// leads.
const (
	CaseloadSize = 25
	TeamSize     = 8
)

// Options says how much to seed.
type Options struct {
	Slug         string // the agency's short name; unique per database
	Participants int
	Notes        int
	// Today is the last day notes may fall on (the agency's today when
	// zero). Notes spread backwards from the day before it.
	Today goldthread.Date
	// Cost is the argon2id cost of the seeded accounts (Cost when zero).
	Cost password.Params
	// Progress gets a line now and then; nil for silence.
	Progress io.Writer
	// Batch is how many notes one transaction carries (500 when zero).
	Batch int
	// Caseload is how many participants each peer serves (CaseloadSize
	// when zero); a bench seeds small caseloads to have many peers.
	Caseload int
	// Days is how many days the notes spread over (when zero: twice the
	// notes per participant, at least 60).
	Days int
	// Writers is how many peers' notes are written side by side, each
	// in its own transactions (1 when zero). More than one helps on
	// PostgreSQL; SQLite has one writer.
	Writers int
	// Verify also reads each note's history from the database and stops
	// the seed when it differs from the history carried in memory
	// (store.NoteLoad.Verify): slower, for checking the fast path.
	Verify bool
}

// Agency is what a seed made: the ids a bench or a test needs.
type Agency struct {
	Agency       goldthread.Agency
	Program      goldthread.Program
	Peers        []goldthread.Actor
	Supervisors  []goldthread.Actor
	Clinician    goldthread.Actor
	Billing      goldthread.Actor
	Participants []Participant
	PeerEmails   []string // in the order of Peers
	Notes        int
}

// Participant is one seeded participant with the goal notes link to.
type Participant struct {
	ID             int64
	Peer           int // index in Agency.Peers
	GoalID         int64
	InterventionID int64
	Since          goldthread.Date // plan in force and enrolment from this day
}

var zone = mustZone("America/New_York")

// Zone is the seeded agency's time zone.
func Zone() *time.Location { return zone }

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return z
}

// Run seeds db as opts says. The agency is built first (staff, then
// participants each with a signed plan), then the notes peer by peer, day
// by day, in transactions of opts.Batch notes, then approvals and addenda.
// db.Now is moved while it works and put back before it returns.
func Run(ctx context.Context, db *store.DB, opts Options) (*Agency, error) {
	if opts.Participants < 1 {
		return nil, goldthread.FieldError("participants", "Seed at least one participant (--participants 1 or more).")
	}
	if opts.Notes < 0 {
		return nil, goldthread.FieldError("notes", "The number of notes cannot be negative.")
	}
	if opts.Days > 0 && opts.Days < (opts.Notes+opts.Participants-1)/opts.Participants {
		return nil, goldthread.FieldError("days", "Spread the notes over at least as many days as each participant has notes (--days %d or more).", (opts.Notes+opts.Participants-1)/opts.Participants)
	}
	if opts.Slug == "" {
		opts.Slug = "seed"
	}
	if opts.Cost == (password.Params{}) {
		opts.Cost = Cost
	}
	if opts.Caseload <= 0 {
		opts.Caseload = CaseloadSize
	}
	if opts.Batch <= 0 {
		opts.Batch = 500
	}
	if opts.Writers <= 0 {
		opts.Writers = 1
	}
	if opts.Today.IsZero() {
		opts.Today = goldthread.DateIn(time.Now(), zone)
	}
	saved := db.Now
	defer func() { db.Now = saved }()
	s := &seeder{db: db, opts: opts, out: &Agency{}, started: time.Now()}
	s.span = max(60, 2*((opts.Notes+opts.Participants-1)/opts.Participants))
	if opts.Days > 0 {
		s.span = opts.Days
	}
	if err := s.staff(ctx); err != nil {
		return nil, err
	}
	if err := s.participants(ctx); err != nil {
		return nil, err
	}
	if err := s.notes(ctx); err != nil {
		return nil, err
	}
	if err := s.approvals(ctx); err != nil {
		return nil, err
	}
	return s.out, nil
}

type seeder struct {
	db      *store.DB
	opts    Options
	out     *Agency
	started time.Time
	span    int      // days the notes spread over
	signed  []seeded // signed notes, oldest first
}

func (s *seeder) progress(format string, args ...any) {
	if s.opts.Progress != nil {
		fmt.Fprintf(s.opts.Progress, "seed: %s (%s)\n", fmt.Sprintf(format, args...), time.Since(s.started).Round(100*time.Millisecond))
	}
}

// at moves the store's clock to t on the agency's zone.
func (s *seeder) at(t time.Time) { s.db.Now = func() time.Time { return t } }

func (s *seeder) clock(d goldthread.Date, h, m int) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, zone)
}

func (s *seeder) staff(ctx context.Context) error {
	o := s.opts
	a := goldthread.Agency{Slug: o.Slug, Name: "Seeded Peer Services " + o.Slug, TimeZone: zone.String(), Billing: billingIdentity()}
	if err := s.db.CreateAgency(ctx, &a); err != nil {
		return fmt.Errorf("seed: agency %s: %w", o.Slug, err)
	}
	s.out.Agency = a
	p := goldthread.Program{AgencyID: a.ID, Name: "NC peer support", RulePack: ProgramRulePack, Payer: "NC Medicaid", State: "NC", Active: true}
	if err := s.db.CreateProgram(ctx, &p); err != nil {
		return fmt.Errorf("seed: program: %w", err)
	}
	s.out.Program = p
	hash, err := password.Hash(Password, o.Cost)
	if err != nil {
		return err
	}
	credentials := map[goldthread.Role]string{goldthread.RolePeer: "CPSS", goldthread.RoleSupervisor: "LCAS", goldthread.RoleClinician: "LCSW"}
	staffed := 0
	add := func(first, last, email string, role goldthread.Role) (goldthread.Actor, error) {
		staffed++
		st := goldthread.Staff{AgencyID: a.ID, Email: email, Name: first + " " + last, FirstName: first, LastName: last,
			Roles: []goldthread.Role{role}, Credential: credentials[role]}
		switch role {
		case goldthread.RolePeer: // rendering providers on the claims
			st.NPI, st.Taxonomy = makeNPI(staffed), peerTaxonomy
		case goldthread.RoleClinician: // signs the service orders
			st.NPI, st.Taxonomy = clinicianNPI, "1041C0700X"
		}
		if err := s.db.CreateStaff(ctx, &st, hash, 0); err != nil {
			return goldthread.Actor{}, fmt.Errorf("seed: staff %s: %w", email, err)
		}
		return goldthread.Actor{UserID: st.ID, AgencyID: a.ID, Name: st.Name, Roles: st.Roles}, nil
	}
	peers := (o.Participants + o.Caseload - 1) / o.Caseload
	for i := range peers {
		first, last := name(i)
		email := fmt.Sprintf("peer%d@%s.seed.test", i+1, o.Slug)
		peer, err := add(first, last, email, goldthread.RolePeer)
		if err != nil {
			return err
		}
		s.out.Peers = append(s.out.Peers, peer)
		s.out.PeerEmails = append(s.out.PeerEmails, email)
		if i%TeamSize == 0 {
			f, l := name(i + 7919)
			sup, err := add(f, l, fmt.Sprintf("supervisor%d@%s.seed.test", i/TeamSize+1, o.Slug), goldthread.RoleSupervisor)
			if err != nil {
				return err
			}
			s.out.Supervisors = append(s.out.Supervisors, sup)
		}
		if err := s.db.LinkSupervisor(ctx, a.ID, s.out.Supervisors[i/TeamSize].UserID, peer.UserID, false); err != nil {
			return fmt.Errorf("seed: supervisor of %s: %w", email, err)
		}
	}
	if s.out.Clinician, err = add("Robin", "Reyes", "clinician@"+o.Slug+".seed.test", goldthread.RoleClinician); err != nil {
		return err
	}
	if s.out.Billing, err = add("Ana", "Kowalski", "billing@"+o.Slug+".seed.test", goldthread.RoleBilling); err != nil {
		return err
	}
	// Billing staff set the payer up and supervisors record their peers'
	// certifications, on the morning of today.
	s.at(s.clock(o.Today, 8, 0))
	if err := s.payerSetup(ctx); err != nil {
		return err
	}
	for i := range s.out.Peers {
		if err := s.certify(ctx, i, s.since()); err != nil {
			return err
		}
	}
	s.progress("agency %s: %d peers, %d supervisors, payer settings and certifications", o.Slug, len(s.out.Peers), len(s.out.Supervisors))
	return nil
}

// since is the day the participants enrol and their plans take effect,
// the day before the notes' span.
func (s *seeder) since() goldthread.Date {
	return goldthread.DateOf(s.opts.Today.AddDate(0, 0, -s.span-1))
}

// participants registers each participant (with their address), enrols
// them, puts them on a peer's caseload, records what billing needs from
// the clinician (eligibility) and has their plan signed by them, the peer
// and the clinician, on the day before the notes' span.
func (s *seeder) participants(ctx context.Context) error {
	o := s.opts
	since := s.since()
	sys := goldthread.Operator(s.out.Agency.ID, "goldthread seed")
	s.out.Participants = make([]Participant, o.Participants)
	people := make([]goldthread.Participant, o.Participants)
	// Registered in the morning, plans signed at noon: the clock is set
	// once per pass, so the writers never move it under each other.
	s.at(s.clock(since, 9, 0))
	err := s.parallel(o.Participants, "participants registered", func(i int) error {
		first, last := name(i + 104729)
		p := goldthread.Participant{FirstName: first, LastName: last, Gender: []string{"F", "M", "U"}[i%3],
			BirthDate:  goldthread.NewDate(1950+i%50, time.Month(1+i%12), 1+i%28),
			MedicaidID: fmt.Sprintf("9%08dQ", i+1), Address: address(i)}
		if err := s.db.CreateParticipant(ctx, sys, &p); err != nil {
			return fmt.Errorf("seed: participant %d: %w", i+1, err)
		}
		if err := s.db.Enroll(ctx, sys, p.ID, s.out.Program.ID, since); err != nil {
			return fmt.Errorf("seed: enrolment %d: %w", i+1, err)
		}
		if err := s.db.AssignCaseload(ctx, sys, p.ID, s.out.Peers[i/o.Caseload].UserID, since); err != nil {
			return fmt.Errorf("seed: caseload %d: %w", i+1, err)
		}
		if err := s.eligibility(ctx, i, p, since); err != nil {
			return err
		}
		people[i] = p
		return nil
	})
	if err != nil {
		return err
	}
	s.at(s.clock(since, 12, 0))
	err = s.parallel(o.Participants, "plans signed", func(i int) error {
		plan, err := s.signedPlan(ctx, s.out.Peers[i/o.Caseload], people[i], since)
		if err != nil {
			return fmt.Errorf("seed: plan of participant %d: %w", i+1, err)
		}
		g := plan.Goals[0]
		s.out.Participants[i] = Participant{ID: people[i].ID, Peer: i / o.Caseload, GoalID: g.ID,
			InterventionID: g.Interventions[0].ID, Since: since}
		return nil
	})
	if err != nil {
		return err
	}
	s.progress("participants %d with signed plans", o.Participants)
	return nil
}

// parallel runs fn(0) … fn(n-1) on opts.Writers goroutines, saying how
// many are done every thousand, and returns the first error (the rest of
// the work is then skipped).
func (s *seeder) parallel(n int, what string, fn func(i int) error) error {
	next := make(chan int)
	errs := make(chan error, s.opts.Writers)
	var done atomic.Int64
	for range s.opts.Writers {
		go func() {
			var err error
			for i := range next {
				if err != nil {
					continue
				}
				if err = fn(i); err == nil {
					if d := done.Add(1); d%1000 == 0 {
						s.progress("%s %d/%d", what, d, n)
					}
				}
			}
			errs <- err
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	var first error
	for range s.opts.Writers {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (s *seeder) signedPlan(ctx context.Context, peer goldthread.Actor, p goldthread.Participant, since goldthread.Date) (goldthread.Plan, error) {
	plan := goldthread.Plan{ParticipantID: p.ID, ProgramID: s.out.Program.ID, Effective: since,
		ReviewDue: goldthread.DateOf(since.AddDate(0, 6, 0)),
		Goals: []goldthread.Goal{
			{Words: "I want to get my own apartment", Summary: "Own apartment", Interventions: []goldthread.Intervention{
				{Description: "Practice calling landlords together", Frequency: "weekly", Responsible: "peer specialist"}}},
			{Words: "I want to feel less alone on weekends", Summary: "Weekend connection", Interventions: []goldthread.Intervention{
				{Description: "Explore community groups that meet on weekends", Frequency: "twice a month", Responsible: "peer specialist"}}},
		}}
	if err := s.db.CreatePlan(ctx, peer, &plan); err != nil {
		return plan, err
	}
	crisis := goldthread.CrisisPlan{WarningSigns: "Stops answering texts; sleeps all day", WhatHelps: "A walk and a call with a friend",
		WhatDoesNotHelp: "Being told to calm down", Contacts: "Sister (call first); peer specialist in office hours",
		CrisisProvider: "County mobile crisis team", CrisisProviderPhone: "988", Preferences: "Prefers not to go to the ER alone"}
	if err := s.db.SetCrisisPlan(ctx, peer, plan.ID, &crisis, nil); err != nil {
		return plan, err
	}
	var err error
	for _, sig := range []struct {
		actor goldthread.Actor
		in    store.PlanSignatureInput
	}{
		{peer, store.PlanSignatureInput{Role: goldthread.SignerParticipant, Name: p.FirstName + " " + p.LastName}},
		{peer, store.PlanSignatureInput{Role: goldthread.SignerPeer, Password: Password}},
		{s.out.Clinician, store.PlanSignatureInput{Role: goldthread.SignerClinician, Password: Password}},
	} {
		if plan, err = s.db.SignPlan(ctx, sig.actor, plan.ID, sig.in); err != nil {
			return plan, err
		}
	}
	return plan, nil
}
