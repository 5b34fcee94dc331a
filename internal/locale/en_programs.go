package locale

// Programs: adding and changing an agency's programs.
func init() {
	register(map[string]string{
		"programs.add":              "Add a program",
		"times.zone_hint":           "Times are on the program's clock: %s, %s.",
		"programs.none":             "No program yet. Add one for each payer program the agency bills under; intake enrols participants into them.",
		"programs.back":             "All programs",
		"programs.new.title":        "Add a program",
		"programs.edit.title":       "Change %s",
		"programs.edit":             "Change",
		"programs.name.label":       "Program name",
		"programs.rule_pack.legend": "Payer rule pack",
		"programs.rule_pack.hint":   "The payer's rules for codes, units, modifiers, deadlines and required fields. It cannot change once notes are written in the program.",
		"programs.payer_name":       "Payer as staff know it",
		"programs.time_zone":        "Time zone",
		"programs.time_zone.hint":   "For a program in another state than the agency's office: its services are dated, due and shown on this clock.",
		"programs.time_zone.agency": "The agency's (%s)",
		"programs.active":           "Active: takes intakes and new notes",
		"programs.active.hint":      "A program is never deleted; an inactive one keeps its records.",
		"programs.inactive":         "inactive",
		"programs.save":             "Save program",
	})
}
