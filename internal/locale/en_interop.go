package locale

// Interoperability: the participant's own FHIR download, CSV exports.
func init() {
	register(map[string]string{
		"portal.links.fhir":      "Download for another app (FHIR)",
		"portal.links.fhir_hint": "Your record in the FHIR format health apps read. Each download is listed in who received your record.",
	})
}

// CSV exports.
func init() {
	register(map[string]string{
		"nav.exports":               "Exports",
		"export.title":              "Exports for a spreadsheet",
		"export.intro":              "Each export is a CSV file of what your role may read, never the text of notes. Every export is recorded in the audit trail, for each participant it carries.",
		"export.participants.title": "Participants",
		"export.participants.intro": "The participants you work with: names, date of birth, Medicaid ID and status.",
		"export.notes.title":        "Service notes (details only)",
		"export.notes.intro":        "Who, when, where, how and how long for each note you can see, with its status. No narrative.",
		"export.services.title":     "Services to bill",
		"export.services.intro":     "The billing worklist of a program and period: ready and blocked services with codes, units, amounts and what blocks them.",
		"export.claims.title":       "Claims",
		"export.claims.intro":       "Every claim with its status, amounts and denial reason.",
		"export.program":            "Program",
		"export.all_programs":       "All programs",
		"export.from":               "First day",
		"export.to":                 "Last day",
		"export.download":           "Download CSV",
		"export.preparing":          "Preparing the export…",
		"export.progress":           "%d of %d %{row|rows}",
		"export.done":               "Done: %d %{row|rows} downloaded.",
		"export.failed":             "The export stopped before the end. Try again.",
	})
}
