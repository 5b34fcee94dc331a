package locale

func init() {
	register(map[string]string{
		"account.language.title":   "Language",
		"account.language.legend":  "Read Goldthread in",
		"account.language.browser": "My browser's language",
		"account.language.record":  "The language on my record",
		"account.language.submit":  "Save language",
		"account.language.saved":   "Your language is saved.",
		"compliance.check_failed":  "The payer rule check could not run; the note itself is unchanged. Reload to try again.",
	})
}
