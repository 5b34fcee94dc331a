package locale

// Spanish for the seed's and the bulk load's errors (goldthread seed,
// store.NoteLoad): operators read them, but every error keeps a Spanish
// entry (TestEveryErrorFormatHasSpanish).
func init() {
	registerSpanishFormats(map[string]string{
		"Note %d: the load carried %d past %{note|notes}, the database holds %d.":                        "Nota %d: la carga llevaba %d %{nota anterior|notas anteriores}, la base de datos tiene %d.",
		"Note %d: past note %d differs: carried %s, read %s.":                                            "Nota %d: la nota anterior %d no coincide: se llevaba %s, se leyó %s.",
		"Spread the notes over at least as many days as each participant has notes (--days %d or more).": "Reparta las notas en al menos tantos días como notas tiene cada participante (--days %d o más).",
	})
}
