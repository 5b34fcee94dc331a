package locale

func init() {
	register(map[string]string{
		"audit.filter":             "Filter the audit trail",
		"audit.filter.actor":       "Who",
		"audit.filter.anyone":      "Anyone",
		"audit.when_zone":          "When (%s)",
		"audit.filter.days":        "Days and times are on the agency's clock, as the table shows them; the CSV gives each time in UTC (at_utc).",
		"audit.filter.participant": "Participant id",
		"audit.filter.any":         "Any action",
		"audit.filter.from":        "From (day)",
		"audit.filter.to":          "To (day, included)",
		"audit.filter.order":       "Order",
		"audit.filter.newest":      "Newest first",
		"audit.filter.oldest":      "Oldest first",
		"audit.filter.apply":       "Show",
		"audit.export":             "Export CSV",
		"audit.count":              "%d %{event|events} on this page",
		"audit.participant":        "Participant",
		"audit.from":               "From address",
		"audit.pages":              "Pages",
		"audit.prev":               "Previous page",
		"audit.next":               "Next page",
	})
}
