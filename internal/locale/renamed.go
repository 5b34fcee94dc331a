package locale

// renamedFormats maps a finding's format as an earlier version wrote it to
// the format written now. Findings are stored with their format when a
// note is signed, so a note signed before a count's noun became a plural
// choice (%{singular|plural}) still carries the old format: it reads
// through the new one, in both languages, instead of falling back to
// English.
var renamedFormats = map[string]string{
	"%d minutes make 0 billable units under this payer's rounding (%s).":                           "%d %{minute makes|minutes make} 0 billable units under this payer's rounding (%s).",
	"A group session with %d participant(s) is below the minimum of %d.":                           "A group session with %d %{participant|participants} is below the minimum of %d.",
	"The group has %d participants; %s allows at most %d per facilitator.":                         "The group has %d %{participant|participants}; %s allows at most %d per facilitator.",
	"The service lasted %d minutes, longer than the usual maximum of %d.":                          "The service lasted %d %{minute|minutes}, longer than the usual maximum of %d.",
	"The author's caseload is %d participants; %s allows %d per peer specialist.":                  "The author's caseload is %d %{participant|participants}; %s allows %d per peer specialist.",
	"The plan was last reviewed on %s, more than %d days before this service.":                     "The plan was last reviewed on %s, more than %d %{day|days} before this service.",
	"This note brings the year's units to %d, beyond the %d units allowed without prior approval.": "This note brings the year's units to %d, beyond the %d %{unit|units} allowed without prior approval.",
	"This note needs %d units; authorization %s has %d left.":                                      "This note needs %d %{unit|units}; authorization %s has %d left.",
}
