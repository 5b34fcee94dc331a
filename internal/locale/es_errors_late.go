package locale

// Spanish for errors that reached main without it (TestEveryErrorFormatHasSpanish
// names them): the seed's and the bulk load's (goldthread seed,
// store.NoteLoad), which operators read, and the review queue's filter.
func init() {
	registerSpanishFormats(map[string]string{
		"Note %d: the load carried %d past %{note|notes}, the database holds %d.":                        "Nota %d: la carga llevaba %d %{nota anterior|notas anteriores}, la base de datos tiene %d.",
		"Note %d: past note %d differs: carried %s, read %s.":                                            "Nota %d: la nota anterior %d no coincide: se llevaba %s, se leyó %s.",
		"Program %d is not one of the agency's.":                                                         "El programa %d no es de la agencia.",
		"The first row and the number of rows cannot be negative.":                                       "La primera fila y el número de filas no pueden ser negativos.",
		"Spread the notes over at least as many days as each participant has notes (--days %d or more).": "Reparta las notas en al menos tantos días como notas tiene cada participante (--days %d o más).",
	})
}
