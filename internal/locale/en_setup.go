package locale

// The first run: setting up the agency and its first administrator.
func init() {
	register(map[string]string{
		"setup.title":                  "Set up Goldthread",
		"setup.intro":                  "Nobody works here yet. Create the agency and the administrator who will add programs, staff and participants. Everything else is set up from inside.",
		"setup.first_run":              "Goldthread is not set up yet.",
		"setup.link":                   "Set it up",
		"setup.code":                   "Setup code",
		"setup.code.hint":              "Printed by `goldthread serve` on its console when it started on an empty database.",
		"setup.code.wrong":             "That is not the setup code this server printed. Check the console where `goldthread serve` runs.",
		"setup.agency":                 "The agency",
		"setup.name":                   "Agency name",
		"setup.slug":                   "Short name",
		"setup.slug.hint":              "Lower-case letters, digits and dashes, such as riverbend.",
		"setup.time_zone":              "Time zone the agency works in",
		"setup.admin":                  "The first administrator",
		"setup.admin_name":             "Your name",
		"setup.email":                  "Your email",
		"setup.password":               "Choose a password",
		"setup.submit":                 "Create the agency",
		"setup.checklist.title":        "Setting up the agency",
		"setup.checklist.intro":        "The steps before the first note can be billed. This list goes away once each is done.",
		"setup.checklist.done":         "Done:",
		"setup.checklist.zone":         "Choose the agency's time zone",
		"setup.checklist.identity":     "Enter the agency's billing identity (legal name, NPI, tax id, address)",
		"setup.checklist.programs":     "Add the programs the agency bills under",
		"setup.checklist.billing":      "Enter each program's payer settings and rates",
		"setup.checklist.unbilled":     "(%d without payer settings)",
		"setup.checklist.staff":        "Add peer specialists and their supervisors",
		"setup.checklist.staff_count":  "(%d peers, %d supervisors)",
		"setup.checklist.supervisors":  "Give every peer specialist a supervisor",
		"setup.checklist.participants": "Register participants, or import them",
		"setup.checklist.count":        "(%d)",
		"setup.done":                   "The agency is set up. Sign in with the password you chose.",
	})
}
