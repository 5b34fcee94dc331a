package locale

// The agency settings page: the time zone the agency works in.
func init() {
	register(map[string]string{
		"settings.agency.title":         "Agency time zone",
		"settings.agency.link":          "Agency time zone",
		"settings.security.link":        "Security settings",
		"settings.agency.intro":         "Staff type and read times of day on this clock, and \"today\" is this zone's date: a service at 9:30 PM stays on its day, and deadlines, reviews and credentials fall due on the agency's days.",
		"settings.agency.now":           "Now in %s: %s.",
		"settings.agency.now.hint":      "Check that this is the time on your own clock. Times already recorded do not change; they are shown in the new zone.",
		"settings.agency.legend":        "Time zone",
		"settings.agency.choose":        "Choose a zone",
		"settings.agency.other":         "Another zone (type it below)",
		"settings.agency.other.label":   "Another zone's name",
		"settings.agency.other.hint":    "An IANA name with its capitals and slash, such as America/Boise or America/Indiana/Indianapolis. It replaces the choice above.",
		"settings.agency.save":          "Save time zone",
		"settings.agency.saved":         "Time zone saved.",
		"settings.agency.zone.eastern":  "Eastern — America/New_York",
		"settings.agency.zone.central":  "Central — America/Chicago",
		"settings.agency.zone.mountain": "Mountain — America/Denver",
		"settings.agency.zone.arizona":  "Arizona, no daylight saving — America/Phoenix",
		"settings.agency.zone.pacific":  "Pacific — America/Los_Angeles",
		"settings.agency.zone.alaska":   "Alaska — America/Anchorage",
		"settings.agency.zone.hawaii":   "Hawaii — Pacific/Honolulu",
		"settings.agency.zone.atlantic": "Atlantic — America/Puerto_Rico",
		"settings.agency.zone.utc":      "UTC",
		"today.admin.time_zone":         "The agency works in %s.",
		"today.admin.time_zone.link":    "Change the time zone",
	})
}
