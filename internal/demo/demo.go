// Package demo loads Riverbend Recovery Partners, an invented agency with
// three state programs, ten staff and 25 participants, so the product can be
// tried (and shown) without real data. Every person, address, phone number
// and identifier in it is made up; NPIs pass the check digit but belong to
// nobody, and emails use the reserved .example domain.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
)

// Slug is the demo agency's short name.
const Slug = "riverbend"

// Password signs in every demo account. It is public on purpose: the
// sign-in page shows it when the server runs with demo data, so it must
// never protect anything real. A server holding real records must not load
// the demo.
const Password = "riverbend-demo-2026"

// HashCost is the argon2id cost of the demo accounts' password. The demo
// password is printed on the sign-in page, so a slow hash protects
// nothing; a light one lets the demo sign its 200 notes, approvals and
// groups in seconds rather than half a minute. Real accounts use
// password.Default.
var HashCost = password.Params{Memory: 1024, Time: 1, Threads: 1}

// Account is a demo sign-in, as the sign-in page lists it.
type Account struct {
	Role       goldthread.Role
	Email      string
	Name       string
	Credential string
	Note       string // what to try with this account
}

// Accounts returns one demo sign-in per role, in the order of
// goldthread.Roles (peer, supervisor, clinician, billing, administrator,
// auditor, participant). Each signs in with Password once Load has run.
func Accounts() []Account {
	var out []Account
	for _, r := range goldthread.Roles {
		if r == goldthread.RoleParticipant {
			p := personByKey(participantAccount.participant)
			out = append(out, Account{Role: r, Email: participantAccount.email, Name: p.first + " " + p.last,
				Note: participantAccount.note})
			continue
		}
		for _, m := range staff {
			if m.note != "" && m.roles[0] == r {
				out = append(out, Account{Role: r, Email: m.email, Name: m.name, Credential: m.credential, Note: m.note})
				break
			}
		}
	}
	return out
}

// Load creates the demo agency in db unless an agency with Slug already
// exists, in which case it changes nothing and returns false: running it
// twice is safe, and so are two servers starting at once (the loser of the
// race sees the slug taken). Dates (birth dates, enrollments, caseloads) are
// counted back from today, so the demo never looks stale; the zero Date
// means the database clock's today in the agency's zone (America/New_York),
// and times of day (a visit at 10:00) are on that clock too.
//
// Every record goes through the store API as the agency's operator, so
// the audit trail holds the demo's creation like any other. The demo
// password is hashed once under hash and the hash shared by every account,
// because argon2id is slow on purpose and 11 hashes would slow start-up.
//
// Load is not one transaction (the store API commits per record). If it
// fails part way, the agency exists but is incomplete and later calls
// return false; start again from an empty database.
func Load(ctx context.Context, db *store.DB, today goldthread.Date, hash password.Params) (loaded bool, err error) {
	switch _, err := db.AgencyBySlug(ctx, Slug); goldthread.ErrorKind(err) {
	case "":
		return false, nil
	case goldthread.ENOTFOUND:
	default:
		return false, fmt.Errorf("demo: %w", err)
	}
	zone, err := goldthread.LoadTimeZone(agency.TimeZone)
	if err != nil {
		return false, fmt.Errorf("demo: %w", err)
	}
	if today.IsZero() {
		today = goldthread.DateIn(db.Now(), zone)
	}
	phc, err := password.Hash(Password, hash)
	if err != nil {
		return false, fmt.Errorf("demo: hash the demo password: %w", err)
	}
	a := agency
	if err := db.CreateAgency(ctx, &a); err != nil {
		if goldthread.ErrorKind(err) == goldthread.ECONFLICT {
			return false, nil // another process loaded it first
		}
		return false, fmt.Errorf("demo: agency: %w", err)
	}
	sys := goldthread.Operator(a.ID, "demo loader")
	sys.Zone = zone
	l := loader{db: db, sys: sys, zone: zone, today: today, phc: phc,
		programs: map[string]int64{}, staff: map[string]int64{}, people: map[string]int64{}}
	if err := l.run(ctx, steps); err != nil {
		return false, fmt.Errorf("demo: %w", err)
	}
	return true, nil
}

// step loads one part of the demo. It may use only what the steps before
// it made; needs names those steps, and Load refuses to run a step before
// what it needs.
type step struct {
	name  string
	needs []string
	load  func(*loader, context.Context) error
}

// run runs list in its order. Before each step it checks that the steps
// it needs have run, and refuses (running nothing more) when one has not:
// a step that ran before what it needs would find nothing and make a thin
// demo without failing.
func (l *loader) run(ctx context.Context, list []step) error {
	done := map[string]bool{}
	for _, s := range list {
		for _, need := range s.needs {
			if !done[need] {
				return fmt.Errorf("step %s needs step %s, which has not run before it", s.name, need)
			}
		}
		if err := s.load(l, ctx); err != nil {
			return err
		}
		done[s.name] = true
	}
	return nil
}

// steps is the whole demo in the order Load runs it: one list, so the
// order is read here and not inferred from file names.
var steps = []step{
	{"programs", nil, (*loader).loadPrograms},
	{"staff", nil, (*loader).loadStaff},
	// Participants are enrolled in programs and on a peer's caseload.
	{"participants", []string{"programs", "staff"}, (*loader).loadPeople},
	{"participant account", []string{"participants"}, (*loader).loadParticipantAccount},
	// Eligibility, plans, consents and care teams of each participant.
	{"plans", []string{"participants"}, (*loader).loadPlans},
	// Members' group notes link to a goal of the plan in force.
	{"groups", []string{"plans"}, (*loader).loadGroups},
	// Individual notes link to the plan in force.
	{"notes", []string{"plans"}, (*loader).loadNotes},
	// Discharge plans come after the discharged participants' last notes.
	{"discharges", []string{"notes"}, (*loader).loadDischarges},
	// Marcus's corrections amend his notes; releases go out under the
	// consents the plans step recorded.
	{"portal", []string{"plans", "notes", "participant account"}, (*loader).loadPortal},
	// Luis approves the signed individual and group notes in his queue.
	{"review", []string{"notes", "groups"}, (*loader).loadReview},
	// Credentials, continuing education and supervision of the staff.
	{"workforce", []string{"staff"}, (*loader).loadWorkforce},
	// Claims bill signed notes (group ones at the group rate); the
	// scrubber reads supervisor approvals and rendering credentials.
	{"claims", []string{"notes", "groups", "review", "workforce"}, (*loader).loadClaims},
}

// Today is the demo agency's calendar date at now, on its clock
// (America/New_York): the today Load counts back from when given the zero
// Date, and what a caller passing its own today should pass.
func Today(now time.Time) goldthread.Date {
	zone, err := goldthread.LoadTimeZone(agency.TimeZone)
	if err != nil {
		panic("demo: the agency's time zone does not load: " + err.Error())
	}
	return goldthread.DateIn(now, zone)
}

// loader carries the ids of what Load has created so far, by table key.
type loader struct {
	db       *store.DB
	sys      goldthread.Actor // the operator: setup, with no role of its own
	zone     *time.Location   // the agency's: times of day are on its clock
	today    goldthread.Date
	phc      string
	programs map[string]int64 // by state
	staff    map[string]int64
	people   map[string]int64
}

func (l *loader) daysAgo(n int) goldthread.Date {
	return goldthread.DateOf(l.today.AddDate(0, 0, -n))
}

// clock is the instant of h:m on day on the agency's wall clocks, so a
// visit written at 10:00 shows as 10:00 AM whatever the season.
func (l *loader) clock(day goldthread.Date, h, m int) time.Time {
	return day.At(h, m, l.zone)
}

func (l *loader) loadPrograms(ctx context.Context) error {
	for _, p := range programs {
		g := goldthread.Program{AgencyID: l.sys.AgencyID, Name: p.name, RulePack: p.rulePack, Payer: p.payer,
			State: p.state, Active: true}
		if err := l.db.CreateProgram(ctx, &g); err != nil {
			return fmt.Errorf("program %s: %w", p.state, err)
		}
		l.programs[p.state] = g.ID
	}
	return nil
}

func (l *loader) loadStaff(ctx context.Context) error {
	for _, m := range staff {
		s := goldthread.Staff{AgencyID: l.sys.AgencyID, Email: m.email, Name: m.name, FirstName: m.first, LastName: m.last,
			Credential: m.credential, NPI: m.npi, Taxonomy: m.taxonomy, Roles: m.roles}
		if err := l.db.CreateStaff(ctx, &s, l.phc, 0); err != nil {
			return fmt.Errorf("staff %s: %w", m.key, err)
		}
		l.staff[m.key] = s.ID
	}
	for _, s := range supervision {
		if err := l.db.LinkSupervisor(ctx, l.sys.AgencyID, l.staff[s.supervisor], l.staff[s.peer], false); err != nil {
			return fmt.Errorf("supervision %s→%s: %w", s.supervisor, s.peer, err)
		}
	}
	return nil
}

func (l *loader) loadPeople(ctx context.Context) error {
	for _, r := range people {
		p := goldthread.Participant{
			FirstName: r.first, LastName: r.last, PreferredName: r.preferred, Pronouns: r.pronouns, Gender: r.gender,
			BirthDate:  birthDate(l.today, r.age, r.born),
			MedicaidID: r.medicaidID, Phone: r.phone, Language: r.language,
			Address: goldthread.Address{Line1: r.line1, City: r.city, State: r.state, PostalCode: r.zip},
			Status:  goldthread.ParticipantActive,
		}
		if r.discharged {
			p.Status = goldthread.ParticipantDischarged
		}
		if err := l.db.CreateParticipant(ctx, l.sys, &p); err != nil {
			return fmt.Errorf("participant %s: %w", r.key, err)
		}
		l.people[r.key] = p.ID
		start := l.daysAgo(r.since)
		if err := l.db.Enroll(ctx, l.sys, p.ID, l.programs[r.state], start); err != nil {
			return fmt.Errorf("enroll %s: %w", r.key, err)
		}
		if err := l.db.AssignCaseload(ctx, l.sys, p.ID, l.staff[r.peer], start); err != nil {
			return fmt.Errorf("caseload %s: %w", r.key, err)
		}
	}
	return nil
}

// birthDate is the birth date of someone who turned age born days before
// today; born < 365 keeps the age exact on every today, leap days included.
func birthDate(today goldthread.Date, age, born int) goldthread.Date {
	return goldthread.DateOf(today.AddDate(-age, 0, -born))
}

func (l *loader) loadParticipantAccount(ctx context.Context) error {
	p := personByKey(participantAccount.participant)
	s := goldthread.Staff{AgencyID: l.sys.AgencyID, Email: participantAccount.email, Name: p.first + " " + p.last,
		Roles: []goldthread.Role{goldthread.RoleParticipant}}
	if err := l.db.CreateStaff(ctx, &s, l.phc, l.people[p.key]); err != nil {
		return fmt.Errorf("participant account %s: %w", p.key, err)
	}
	return nil
}

// personByKey returns the participants-table row with key; the tables are
// fixed, so a missing key is a programming error caught by the tests.
func personByKey(key string) person {
	for _, p := range people {
		if p.key == key {
			return p
		}
	}
	panic("demo: no participant with key " + key)
}
