package locale

// Importing participants from another system.
func init() {
	register(map[string]string{
		"import.title":           "Import participants",
		"import.link":            "Import from another system",
		"import.no_file":         "Choose a file to send.",
		"import.refused":         "Nothing was imported: %d %{problem|problems} below. Fix the file and send it again; rows already fine are kept in the file, not here.",
		"import.done":            "%d %{participant|participants} imported, each enrolled and on their peer specialist's caseload.",
		"import.checked":         "%[1]{The|All} %d %{row|rows} can be imported. Nothing was saved yet: send the file again without “check only”.",
		"import.problems":        "What to fix in the file",
		"import.line":            "Line",
		"import.column":          "Column",
		"import.problem":         "Problem",
		"import.csv.title":       "A spreadsheet (CSV)",
		"import.csv.intro":       "One participant a line, the first line naming the columns. Every line is checked like an intake; if any line is refused, none is imported.",
		"import.csv.columns":     "Columns (first_name, last_name, birth_date, program and peer_email required; program by name or id; dates as YYYY-MM-DD or MM/DD/YYYY):",
		"import.csv.file":        "CSV file",
		"import.csv.check":       "Check only: save nothing",
		"import.csv.submit":      "Import",
		"import.fhir.title":      "One person from a FHIR record",
		"import.fhir.intro":      "A FHIR R4 Patient (JSON) from another system fills the intake form; you choose the program and peer specialist and register.",
		"import.fhir.file":       "Patient file (JSON)",
		"import.fhir.submit":     "Fill the intake form",
		"import.patient.read":    "Read from the FHIR Patient. Check the details, choose the program and peer specialist, then register.",
		"import.patient.created": "Participant %d registered, enrolled and assigned.",
	})
}
