package locale

// Messages of the dashboards (issue 17): the peer's day on Today, planned
// visits, the supervisor's, billing manager's and director's dashboards,
// and the charts' shared words.
func init() {
	register(map[string]string{
		"day.title":           "Your day",
		"day.services":        "Services today (%d)",
		"day.services.none":   "No service dated today yet.",
		"day.minutes":         "%d min",
		"day.signed":          "Signed",
		"day.to_document":     "Draft",
		"day.visits":          "Next visits",
		"day.visits.none":     "No visit planned. Plan one from a participant's page or from a note's next steps.",
		"day.no_contact":      "Not seen in %d days or more",
		"day.no_contact.none": "Everyone on your caseload was seen recently.",
		"day.never":           "No service yet",
		"day.last":            "Last service %s (%d days ago)",

		"visits.title":        "Planned visits",
		"visits.none":         "No visit planned.",
		"visits.new":          "Plan a visit",
		"visits.new.title":    "Plan a visit with %s",
		"visits.day":          "Day",
		"visits.time":         "Time",
		"visits.minutes":      "Minutes",
		"visits.purpose":      "Purpose",
		"visits.purpose.hint": "A few words, such as the next step agreed together. Up to 200 characters.",
		"visits.save":         "Save the visit",
		"visits.cancel":       "Cancel visit",
		"visits.from_note":    "Plan the next visit",
	})
}
