package locale

// english is the English catalog, assembled from the core entries below and
// each feature's file (en_*.go) through register. Keys are grouped by
// screen; a key never changes meaning (add a new key instead), so
// translations stay correct.
var english = map[string]string{}

func init() { register(enCore) }

// register adds a feature's English entries. A key defined twice is a
// programming error caught at start-up.
func register(entries map[string]string) {
	for k, v := range entries {
		if _, dup := english[k]; dup {
			panic("locale: message key defined twice: " + k)
		}
		english[k] = v
	}
}

var enCore = map[string]string{
	"app.name":         "Goldthread",
	"app.tagline":      "Peer support notes that keep the golden thread.",
	"age.years":        "%d %{year|years}",
	"nav.label":        "Main",
	"nav.today":        "Today",
	"nav.participants": "Participants",
	"nav.staff":        "Staff",
	"nav.programs":     "Programs",
	"nav.audit":        "Audit trail",
	"nav.signout":      "Sign out",
	"nav.skip":         "Skip to content",
	"nav.signed_in_as": "Signed in as %s",

	"signin.title":      "Sign in",
	"signin.email":      "Email or username",
	"signin.password":   "Password",
	"signin.submit":     "Sign in",
	"signin.required":   "Both fields are required.",
	"signin.demo.title": "Demo sign-ins",
	"signin.demo.intro": "This server runs with demo data. Every demo account uses the password %s.",
	"signin.demo.role":  "Role",
	"signin.demo.email": "Email",
	"signin.demo.try":   "What to try",
	"signin.demo.as":    "Sign in as %s",
	"signin.throttled":  "Too many attempts. Wait %d %{second|seconds}, then try again.",
	"signin.signed_out": "You are signed out.",
	"signin.expired":    "Your session ended after a quiet spell. Sign in again to go on.",

	"role.peer":          "Peer specialist",
	"role.supervisor":    "Supervisor",
	"role.clinician":     "Clinician",
	"role.billing":       "Billing",
	"role.administrator": "Administrator",
	"role.auditor":       "Auditor",
	"role.participant":   "Participant",

	"today.title":                   "Today",
	"today.greeting":                "Hello, %s",
	"today.peer.caseload":           "My participants",
	"today.peer.caseload_n":         "%d %{participant|participants} on your caseload.",
	"today.peer.empty":              "No participants are assigned to you yet. Your supervisor assigns caseloads.",
	"today.supervisor.team":         "My team",
	"today.supervisor.team_n":       "%d peer %{specialist reports|specialists report} to you.",
	"today.supervisor.participants": "Participants of my team",
	"today.clinician.participants":  "Participants",
	"today.billing.programs":        "Programs and payers",
	"today.billing.intro":           "Claims are built from signed, approved notes of these programs.",
	"today.admin.staff":             "Staff",
	"today.admin.programs":          "Programs",
	"today.admin.intro":             "You manage staff, programs and settings. Reading participant records needs a clinical role.",
	"today.auditor.intro":           "You can read records and the audit trail. Nothing you do here changes a record.",
	"today.participant.intro":       "This is your record. You can read what is written about you.",
	"today.participant.open":        "Open my record",

	"participants.title":             "Participants",
	"participants.search":            "Search by name or Medicaid ID",
	"participants.search.submit":     "Search",
	"participants.count":             "%d shown",
	"participants.empty":             "No participants match.",
	"participants.none_in_reach":     "No participants are in your reach.",
	"participants.program":           "Program",
	"participants.status.active":     "Active",
	"participants.status.discharged": "Discharged",

	"participant.title":       "%s",
	"participant.pronouns":    "Pronouns",
	"participant.age":         "Age",
	"participant.birth_date":  "Date of birth",
	"participant.medicaid_id": "Medicaid ID",
	"participant.phone":       "Phone",
	"participant.address":     "Address",
	"participant.language":    "Language",
	"participant.status":      "Status",
	"participant.programs":    "Programs",
	"participant.since":       "since %s",
	"participant.peers":       "Peer specialist",
	"participant.no_peer":     "No peer specialist assigned.",
	"participant.back":        "All participants",

	"staff.title":        "Staff",
	"staff.name":         "Name",
	"staff.roles":        "Roles",
	"staff.email":        "Email",
	"staff.credential":   "Credential",
	"programs.title":     "Programs",
	"programs.name":      "Program",
	"programs.rule_pack": "Payer rule pack",
	"programs.payer":     "Payer",
	"programs.state":     "State",

	"audit.title":   "Audit trail",
	"audit.who":     "Who",
	"audit.action":  "Action",
	"audit.record":  "Record",
	"audit.outcome": "Outcome",

	"error.title":        "Something is not right",
	"error.not_found":    "We could not find that page.",
	"error.forbidden":    "Your role does not allow this.",
	"error.unauthorized": "Please sign in.",
	"error.invalid":      "Please check what you entered.",
	"error.conflict":     "This changed while you were working. Reload and try again.",
	"error.internal":     "Something went wrong on our side. Your data was not changed; please try again.",
	"error.too_large":    "What you sent is too large. Shorten it and try again.",
	"error.cross_origin": "This form was sent from another site, so it was refused.",
	"error.method":       "This address does not take that kind of request.",
	"error.home":         "Go to Today",

	"idle.title":    "Still there?",
	"idle.text":     "For privacy you will be signed out in 2 minutes unless you type or tap. What you typed is saved first.",
	"idle.stay":     "Stay signed in",
	"form.required": "required",
	"form.optional": "optional",
}
