package locale

// Messages of the group session as one form (issue 13).
func init() {
	register(map[string]string{
		"groups.new.intro":      "Filled in from what Goldthread knows; change anything that is different. It saves by itself.",
		"groups.program.show":   "Show this program",
		"groups.needed_to_sign": "needed to sign",
		"groups.who_is_here":    "Who is here? Check each member present (%d in this program)",
		"groups.roster_n":       "Roster: %d present of %d",
		"groups.when_present":   "needed when present",
		"groups.goals_of":       "Goals from %s's plan",
		"groups.add_n":          "Add members (%d more in this program)",
		"groups.sign_n":         "Sign: %d %{note|notes}",
	})
}
