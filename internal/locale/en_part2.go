package locale

// The program-level 42 CFR Part 2 flag: the label on a Part 2 participant's
// pages and the administrator's switch on the programs page.
func init() {
	register(map[string]string{
		"part2.label":               "42 CFR Part 2",
		"part2.label.hint":          "This record comes from a substance use disorder program. Share it outside the agency only under a Part 2 consent naming the recipient; whoever receives it may not share it further.",
		"part2.program.toggle":      "42 CFR Part 2 program (substance use disorder records)",
		"part2.program.hint":        "Tick it for a federally assisted program that provides substance use disorder diagnosis, treatment or referral. The record of everyone enrolled in it, now or before, is then shared only under a Part 2 consent and carries the notice against redisclosure.",
		"part2.program.reason":      "Why",
		"part2.program.reason.hint": "Needed to turn it off.",
		"part2.program.save":        "Save",
		"part2.program.saved":       "Saved.",
		"part2.program.last.on":     "Turned on by %s, %s.",
		"part2.program.last.off":    "Turned off by %s, %s.",
		"part2.program.last.reason": "Reason: %s",
	})
}
