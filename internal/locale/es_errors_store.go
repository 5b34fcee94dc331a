package locale

// Spanish for the English formats of goldthread errors the store itself
// gives: a read that names no agency, a write that lost a race.
func init() {
	registerSpanishFormats(map[string]string{
		"A page holds from 1 to %d %{note|notes}.":                                "Una página tiene de 1 a %d %{nota|notas}.",
		"The cursor is not one this queue gave; start again from the first page.": "El cursor no es uno que diera esta cola; empiece de nuevo desde la primera página.",
		"Name the agency: every read of programs belongs to one agency.":          "Indique la agencia: toda lectura de programas pertenece a una agencia.",
		"Someone else saved at the same moment, so nothing was saved. Try again.": "Otra persona guardó en el mismo momento, así que no se guardó nada. Inténtelo de nuevo.",
	})
}
