package demo

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// The workforce step gives every peer and supervisor a certification and
// Dr. Reyes her LCSW, logs continuing education, and fills the last quarter
// with supervision sessions.
//
// What the demo shows: Sam's CMPSS expires in 23 days (Luis and Sam are
// alerted); Jordan's CPSS expired 10 days ago and Jordan's supervision is
// overdue (last session 55 days ago, monthly required); Dana entered a WRAP
// facilitator certificate herself, waiting for Luis to verify it; Sam has
// 12 of the 20 CE hours the Medi-Cal pack requires.

// demoCredential is one credential: whose, what, issued and expiring in
// days relative to today (negative: in the past).
type demoCredential struct {
	staff, typ, number, issuer string
	issued, expires            int // days from today; expires 0 = from the rule pack
	evidence                   string
}

var demoCredentials = []demoCredential{
	{"dana", "CPSS", "NC-CPSS-20418", "NCCPSS Program, UNC School of Social Work", -400, 330, "certificate scanned to the HR file"},
	{"jordan", "CPSS", "NC-CPSS-18877", "NCCPSS Program, UNC School of Social Work", -740, -10, "certificate scanned to the HR file"},
	{"sam", "CMPSS", "CA-CMPSS-07731", "CalMHSA", -707, 23, "CalMHSA certification lookup, printed"},
	{"priya", "NYCPS", "NY-CPS-30562", "New York Peer Specialist Certification Board", -200, 530, "board register checked"},
	{"luis", "CPSS", "NC-CPSS-11230", "NCCPSS Program, UNC School of Social Work", -300, 430, "certificate scanned to the HR file"},
	{"grace", "NYCPS", "NY-CPS-21907", "New York Peer Specialist Certification Board", -500, 230, "board register checked"},
	{"reyes", "LCSW", "C009214", "NC Social Work Certification and Licensure Board", -1825, 400, "licence verified on the board's website"},
}

// demoCE is continuing education: whose, days ago, hours and ethics hours
// in minutes, topic and provider.
var demoCE = []struct {
	staff           string
	daysAgo         int
	minutes, ethics int
	topic, provider string
}{
	{"dana", 300, 360, 180, "Ethics and boundaries in peer work", "NCCPSS Program"},
	{"dana", 120, 480, 0, "WRAP facilitator training", "Copeland Center"},
	{"dana", 20, 240, 0, "Trauma-informed peer support", "Riverbend in-service"},
	{"jordan", 500, 300, 180, "Ethics and boundaries in peer work", "NCCPSS Program"},
	{"sam", 400, 360, 360, "Law and ethics for peer support specialists", "CalMHSA"},
	{"sam", 90, 360, 0, "Crisis peer support specialization, part 1", "CalMHSA"},
	{"priya", 60, 300, 120, "Recovery-oriented language", "NYCPS Board webinar"},
}

// demoSupervision is the last quarter of supervision: supervisor, peers,
// days ago, minutes and topics. Jordan's last session is 55 days ago, so
// monthly supervision is overdue.
var demoSupervision = []struct {
	supervisor string
	peers      []string
	daysAgo    int
	minutes    int
	topics     string
	notes      string
	followUps  string
}{
	{"luis", []string{"dana"}, 84, 45, "Caseload review; a participant's housing setback", "", "Check in on self-care plan"},
	{"luis", []string{"jordan"}, 85, 30, "Part-time schedule and note timeliness", "", ""},
	{"luis", []string{"sam"}, 70, 45, "Medi-Cal documentation: 72-hour standard", "", "Start CMPSS renewal paperwork"},
	{"luis", []string{"jordan"}, 55, 30, "Boundaries when a participant texts late at night", "two of Jordan's late notes", "Renew CPSS before it lapses"},
	{"luis", []string{"dana"}, 52, 60, "Using the participant's own words in goals", "notes from the week of the 3rd", ""},
	{"luis", []string{"sam"}, 40, 30, "Group facilitation", "", "Log CE hours"},
	{"luis", []string{"dana", "sam"}, 25, 90, "Group supervision: peer language and scope (no clinical advice)", "", "Share the coach's findings at the next team meeting"},
	{"luis", []string{"dana"}, 6, 30, "Marcus's plan review preparation", "Marcus's last two notes", ""},
	{"luis", []string{"sam"}, 12, 30, "CMPSS renewal: 8 CE hours still needed", "", "Book the ethics course"},
	{"grace", []string{"priya"}, 75, 60, "Starting with NY MHOTRS documentation", "", ""},
	{"grace", []string{"priya"}, 45, 45, "Family involvement and consent", "", ""},
	{"grace", []string{"priya"}, 15, 45, "Caseload growth and self-care", "", ""},
}

func (l *loader) loadWorkforce(ctx context.Context) error {
	admin := goldthread.Actor{UserID: l.staff["morgan"], AgencyID: l.sys.AgencyID, Name: "Morgan Lee",
		Roles: []goldthread.Role{goldthread.RoleAdministrator}}
	day := func(n int) goldthread.Date { return goldthread.DateOf(l.today.AddDate(0, 0, n)) }
	for _, c := range demoCredentials {
		in := store.CredentialInput{Type: c.typ, Number: c.number, Issuer: c.issuer, Issued: day(c.issued), Evidence: c.evidence}
		if c.expires != 0 {
			in.Expires = day(c.expires)
		}
		if _, err := l.db.AddCredential(ctx, admin, l.staff[c.staff], in); err != nil {
			return fmt.Errorf("credential %s %s: %w", c.staff, c.typ, err)
		}
	}
	dana := goldthread.Actor{UserID: l.staff["dana"], AgencyID: l.sys.AgencyID, Name: "Dana Whitfield", Roles: []goldthread.Role{goldthread.RolePeer}}
	if _, err := l.db.AddCredential(ctx, dana, dana.UserID, store.CredentialInput{Type: "other", Number: "WRAP-F-5521",
		Issuer: "Copeland Center", Issued: day(-110), Expires: day(620), Evidence: "certificate photo sent to Luis"}); err != nil {
		return fmt.Errorf("credential dana WRAP: %w", err)
	}
	for _, e := range demoCE {
		in := store.CEInput{Taken: day(-e.daysAgo), Minutes: e.minutes, EthicsMinutes: e.ethics, Topic: e.topic, Provider: e.provider,
			Evidence: "certificate of completion in the HR file"}
		if _, err := l.db.AddCEHours(ctx, admin, l.staff[e.staff], in); err != nil {
			return fmt.Errorf("CE hours %s: %w", e.staff, err)
		}
	}
	for _, s := range demoSupervision {
		sup := goldthread.Actor{UserID: l.staff[s.supervisor], AgencyID: l.sys.AgencyID, Roles: []goldthread.Role{goldthread.RoleSupervisor}}
		in := store.SupervisionInput{Held: day(-s.daysAgo), Minutes: s.minutes, Topics: s.topics, NotesReviewed: s.notes, FollowUps: s.followUps}
		for _, p := range s.peers {
			in.PeerIDs = append(in.PeerIDs, l.staff[p])
		}
		if _, err := l.db.LogSupervision(ctx, sup, in); err != nil {
			return fmt.Errorf("supervision %s %v: %w", s.supervisor, s.peers, err)
		}
	}
	return nil
}
