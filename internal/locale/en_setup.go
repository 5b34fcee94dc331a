package locale

// The first run: setting up the agency and its first administrator.
func init() {
	register(map[string]string{
		"setup.title":      "Set up Goldthread",
		"setup.intro":      "Nobody works here yet. Create the agency and the administrator who will add programs, staff and participants. Everything else is set up from inside.",
		"setup.first_run":  "Goldthread is not set up yet.",
		"setup.link":       "Set it up",
		"setup.code":       "Setup code",
		"setup.code.hint":  "Printed by `goldthread serve` on its console when it started on an empty database.",
		"setup.code.wrong": "That is not the setup code this server printed. Check the console where `goldthread serve` runs.",
		"setup.agency":     "The agency",
		"setup.name":       "Agency name",
		"setup.slug":       "Short name",
		"setup.slug.hint":  "Lower-case letters, digits and dashes, such as riverbend.",
		"setup.time_zone":  "Time zone the agency works in",
		"setup.admin":      "The first administrator",
		"setup.admin_name": "Your name",
		"setup.email":      "Your email",
		"setup.password":   "Choose a password",
		"setup.submit":     "Create the agency",
		"setup.done":       "The agency is set up. Sign in with the password you chose.",
	})
}
