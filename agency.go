package goldthread

import "time"

// Agency is a provider organisation. Every other record belongs to exactly
// one agency, and every query is scoped by it, so one database can hold many.
type Agency struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"` // the name staff know it by; claims carry Billing.LegalName
	// Billing is how the agency names itself on claims (837P 2010AA and
	// 2010AB); an administrator keeps it on Settings → Billing identity.
	Billing  BillingIdentity `json:"billing"`
	TimeZone string          `json:"time_zone"` // IANA name ("America/New_York"): the agency's days and clocks; "UTC" until set
	Created  time.Time       `json:"created_at"`
}

// Address is a postal address. Line2 (a suite or unit) is used where a
// claim carries it (the agency's addresses); participants' have one line.
type Address struct {
	Line1      string `json:"line1"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city"`
	State      string `json:"state"`
	PostalCode string `json:"postal_code"`
}

// Program is a service line of an agency bound to one payer rule pack: the
// pack decides codes, units, modifiers, deadlines and required fields for
// every note written in the program.
type Program struct {
	ID       int64  `json:"id"`
	AgencyID int64  `json:"agency_id"`
	Name     string `json:"name"`
	RulePack string `json:"rule_pack"` // e.g. "us-nc-medicaid-8g-pss"
	Payer    string `json:"payer"`
	State    string `json:"state"` // two-letter state the program bills in
	Active   bool   `json:"active"`
	// Part2 marks a federally assisted substance use disorder program
	// (42 CFR Part 2): the records of everyone enrolled in it, now or
	// before, are released only under a Part 2 consent.
	Part2 bool `json:"part2"`
	// TimeZone is the IANA zone the program works in when it is not the
	// agency's (an agency with programs in NC and CA); empty means the
	// agency's. Its records' service dates, deadlines and times of day
	// are read on that clock.
	TimeZone string `json:"time_zone,omitempty"`
}

// RulePackChoice is a payer rule pack a program may bill under.
type RulePackChoice struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Payer string `json:"payer"`
	State string `json:"state"`
}

// Staff is a person who signs in to work for an agency.
type Staff struct {
	ID       int64  `json:"id"`
	AgencyID int64  `json:"agency_id"`
	Email    string `json:"email"`
	Name     string `json:"name"`
	// FirstName and LastName are the parts of Name a claim's rendering
	// provider (837P NM1*82) carries, typed by an administrator and never
	// split from Name. Required for active staff who render services.
	FirstName  string `json:"first_name"`
	LastName   string `json:"last_name"`
	Credential string `json:"credential"` // e.g. "CPSS", "LCSW"; shown with signatures
	NPI        string `json:"npi,omitempty"`
	// Taxonomy is the person's Health Care Provider Taxonomy code (such as
	// 175T00000X, peer specialist), written as PRV*PE where the payer's
	// rule pack asks for it; optional.
	Taxonomy    string  `json:"taxonomy,omitempty"`
	Roles       []Role  `json:"roles"`
	Active      bool    `json:"active"`
	Supervisors []int64 `json:"supervisor_ids,omitempty"`
	// TOTP and Passkeys say how the person takes the second step of
	// sign-in (read for the administrator's staff page).
	TOTP     bool `json:"totp"`
	Passkeys int  `json:"passkeys"`
	// SSOSince is when the person was first linked to the agency's identity
	// provider; zero when they are not.
	SSOSince time.Time `json:"sso_since,omitzero"`
}

// SetupProgress is how far an agency is in setting itself up, for its
// administrators' checklist: what exists, counted (no participant is named).
type SetupProgress struct {
	TimeZoneSet      bool // the agency's zone is not UTC, the zone of an agency that never chose
	BillingIdentity  bool // an administrator saved the billing identity for real claims
	Programs         int  // active programs
	ProgramsUnbilled int  // active programs without payer settings
	Peers            int  // active peer specialists
	Supervisors      int  // active supervisors
	Participants     int  // participants registered
	SupervisedPeers  int  // peers with a supervisor
	// CertifiedPeers are active peers with a verified credential in effect
	// today: the staff form's "Credential" is only the letters shown with
	// a signature, and billing holds every service of a peer without one.
	CertifiedPeers int
}

// Done reports whether every step of the checklist is done.
func (p SetupProgress) Done() bool {
	return p.TimeZoneSet && p.BillingIdentity && p.Programs > 0 && p.ProgramsUnbilled == 0 && p.Peers > 0 && p.Supervisors > 0 &&
		p.SupervisedPeers == p.Peers && p.CertifiedPeers == p.Peers && p.Participants > 0
}
