package locale

// Spanish for the English formats of goldthread errors about scoping: a
// read that names no agency.
func init() {
	registerSpanishFormats(map[string]string{
		"Name the agency: every read of programs belongs to one agency.": "Indique la agencia: toda lectura de programas pertenece a una agencia.",
	})
}
