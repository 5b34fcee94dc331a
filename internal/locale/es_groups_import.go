package locale

// Spanish for what stops a group session's signature (store.GroupProblem)
// and for the row problems of a roster file (internal/roster,
// store.ImportParticipants) and of a claim outcomes file
// (store.ImportClaimOutcomes), by English format. Column names and the
// values a file must hold (yes, no, claim_id…) stay as the file writes
// them. TestEveryFindingFormatHasSpanish names any without an entry.
func init() {
	registerSpanishFormats(map[string]string{
		// A group session.
		"Nobody is marked present.":    "No hay nadie marcado como presente.",
		"Describe what the group did.": "Describa lo que hizo el grupo.",

		// A roster file's rows.
		"%q is not a date; write it as YYYY-MM-DD or MM/DD/YYYY.":                                         "%q no es una fecha; escríbala como AAAA-MM-DD o MM/DD/AAAA.",
		"Write yes or no (or leave it empty).":                                                            "Escriba yes o no (o deje la celda vacía).",
		"No active program of the agency is named %q; use a program's name or id from the Programs page.": "Ningún programa activo de la agencia se llama %q; use el nombre o el id de un programa de la página Programas.",
		"No active peer specialist signs in with %q.":                                                     "Ningún especialista de apoyo entre pares activo inicia sesión con %q.",

		// A claim outcomes file's lines.
		"The line is not valid CSV (%v); put a field holding a comma or a quote in double quotes.": "La línea no es un CSV válido (%v); ponga entre comillas dobles el campo que tenga una coma o unas comillas.",
		"Expected claim_id,status,amount,reason[,payer_claim_number]; found %d %{field|fields}.":   "Se esperaba claim_id,status,amount,reason[,payer_claim_number]; hay %d %{campo|campos}.",
		"%q is not a claim number such as GT0000000042.":                                           "%q no es un número de reclamo como GT0000000042.",
		"Amount %q is not an amount such as 47.88.":                                                "El monto %q no es un monto como 47.88.",
		"A paid claim needs the amount paid.":                                                      "Un reclamo pagado necesita el monto pagado.",
	})
}
