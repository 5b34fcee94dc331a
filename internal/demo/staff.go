package demo

import "github.com/goldthread/goldthread"

// agency is Riverbend Recovery Partners, an invented peer-run agency based
// in Asheville that bills three state Medicaid programs. Its billing
// identity is marked placeholder: the NPI passes the NPI check digit (Luhn
// with the 80840 prefix) but belongs to nobody, the EIN, street and post
// office box are made up, so demo claims are test files only.
var agency = goldthread.Agency{
	Slug: Slug,
	Name: "Riverbend Recovery Partners",
	Billing: goldthread.BillingIdentity{
		LegalName:   "Riverbend Recovery Partners, Inc.",
		NPI:         "1938475625",
		TaxID:       "562718304",
		Taxonomy:    "251S00000X", // Community/Behavioral Health agency
		Address:     goldthread.Address{Line1: "210 Riverbend Way", Line2: "Suite 3", City: "Asheville", State: "NC", PostalCode: "28801-2416"},
		PayTo:       &goldthread.Address{Line1: "PO Box 2210", City: "Asheville", State: "NC", PostalCode: "28802-2210"},
		Placeholder: true,
	},
	TimeZone: "America/New_York", // Asheville keeps Eastern time; every demo time below is on this clock
}

// program is one row of the programs table, keyed by the state it bills in
// (participants name their program by that key). None is marked 42 CFR
// Part 2: each is a general behavioral health peer support benefit (NC 8G
// serves mental health and substance use alike, Medi-Cal peer support spans
// mental health and Drug Medi-Cal, MHOTRS is mental health), not a program
// that holds itself out as substance use disorder treatment. An
// administrator can mark one on the Programs page to see the label.
type program struct {
	state, name, rulePack, payer string
}

var programs = []program{
	{"NC", "Peer Support — North Carolina (8G)", "us-nc-medicaid-8g-pss", "NC Medicaid"},
	{"CA", "Peer Support Services — Medi-Cal", "us-ca-medi-cal-peer-support", "Medi-Cal"},
	{"NY", "MHOTRS Peer Support — New York", "us-ny-omh-mhotrs-pss", "NY Medicaid"},
}

// member is one row of the staff table. key is how other tables refer to the
// person; first and last are the name's parts as claims carry them (typed,
// like an administrator would: "Dr. Elena Reyes" is Elena Reyes); taxonomy
// is the person's provider taxonomy (175T00000X peer specialist, 1041C0700X
// clinical social worker); note, when set, makes the person the demo sign-in
// for their first role and says what to try there.
type member struct {
	key, email, name, first, last, credential, npi, taxonomy string
	roles                                                    []goldthread.Role
	note                                                     string
}

// peerTaxonomy is the provider taxonomy code of a peer specialist.
const peerTaxonomy = "175T00000X"

// staff lists everyone who works at Riverbend. Peers and the clinician carry
// individual NPIs (valid check digits, invented numbers) because claims name
// them as rendering providers.
var staff = []member{
	{"dana", "dana@riverbend.example", "Dana Whitfield", "Dana", "Whitfield", "CPSS", "1482039579", peerTaxonomy,
		[]goldthread.Role{goldthread.RolePeer},
		"Dana: a peer with 8 participants in North Carolina, Marcus Bell among them. Open Marcus's record."},
	{"jordan", "jordan@riverbend.example", "Jordan Ellis", "Jordan", "Ellis", "CPSS", "1384720961", peerTaxonomy,
		[]goldthread.Role{goldthread.RolePeer}, ""}, // part-time, 4 participants in NC
	{"sam", "sam@riverbend.example", "Sam Okafor", "Sam", "Okafor", "CMPSS", "1629304852", peerTaxonomy,
		[]goldthread.Role{goldthread.RolePeer}, ""}, // Medi-Cal; the CMPSS renewal Luis watches
	{"priya", "priya@riverbend.example", "Priya Raman", "Priya", "Raman", "NYCPS", "1750283644", peerTaxonomy,
		[]goldthread.Role{goldthread.RolePeer}, ""},
	{"luis", "luis@riverbend.example", "Luis Moreno", "Luis", "Moreno", "CPSS, Peer Supervisor", "", peerTaxonomy,
		[]goldthread.Role{goldthread.RoleSupervisor},
		"Luis: supervises Dana, Jordan and Sam, so he sees his team and their 19 participants."},
	{"grace", "grace@riverbend.example", "Grace Liu", "Grace", "Liu", "NYCPS, Peer Supervisor", "", peerTaxonomy,
		[]goldthread.Role{goldthread.RoleSupervisor}, ""},
	{"reyes", "elena.reyes@riverbend.example", "Dr. Elena Reyes", "Elena", "Reyes", "LCSW", "1560392817", "1041C0700X",
		[]goldthread.Role{goldthread.RoleClinician},
		"Dr. Reyes: a clinician who reaches every participant of the agency."},
	{"ana", "ana@riverbend.example", "Ana Kowalski", "Ana", "Kowalski", "", "", "",
		[]goldthread.Role{goldthread.RoleBilling},
		"Ana: billing for all three programs. Codes, units and claims, never the story."},
	{"morgan", "morgan@riverbend.example", "Morgan Lee", "Morgan", "Lee", "", "", "",
		[]goldthread.Role{goldthread.RoleAdministrator},
		"Morgan: the administrator. Staff, roles and programs; reads no participant record."},
	{"avery", "avery@riverbend.example", "Avery Chen", "Avery", "Chen", "", "", "",
		[]goldthread.Role{goldthread.RoleAuditor},
		"Avery: an auditor. Reads every record and the audit trail, changes nothing."},
}

// supervision links each peer to their supervisor (not alternates): Luis
// has the North Carolina and California peers, Grace the New York one.
var supervision = []struct{ supervisor, peer string }{
	{"luis", "dana"},
	{"luis", "jordan"},
	{"luis", "sam"},
	{"grace", "priya"},
}

// participantAccount gives one participant a sign-in of their own, so the
// participant's side of the product can be tried.
var participantAccount = struct{ participant, email, note string }{
	"marcus", "marcus@riverbend.example",
	"Marcus: a participant on Dana's caseload. Reads his own record and nobody else's.",
}
