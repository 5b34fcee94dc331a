package locale

// Spanish for the English formats of goldthread errors, sixth part: group
// size, review queue paging, re-authentication grants, backup and seed.
func init() {
	registerSpanishFormats(map[string]string{
		"%d %{participant is|participants are} marked present; %s allows at most %d per group (source: %s; %s).":            "Hay %d %{participante marcado como presente|participantes marcados como presentes}; %s permite como máximo %d por grupo (fuente: %s; %s).",
		"This group already has %d %{participant|participants} present; %s allows at most %d per group (source: %s; %s).":   "Este grupo ya tiene %d %{participante presente|participantes presentes}; %s permite como máximo %d por grupo (fuente: %s; %s).",
		"%s must be a whole number (limit from 1 to 200, offset 0 or more).":                                                "%s debe ser un número entero (limit de 1 a 200, offset 0 o más).",
		"A re-authentication grant belongs to a signed-in session.":                                                         "Un permiso de nueva autenticación pertenece a una sesión iniciada.",
		"%s exists already; a backup never overwrites a file. Choose a new name.":                                           "%s ya existe; una copia de seguridad nunca reemplaza un archivo. Elija otro nombre.",
		"Name the backup file: --out FILE.":                                                                                 "Indique el archivo de la copia de seguridad: --out ARCHIVO.",
		"On PostgreSQL, back up with pg_dump (pg_dump --format=custom --file=goldthread.dump DBNAME); see docs/scaling.md.": "En PostgreSQL, haga la copia con pg_dump (pg_dump --format=custom --file=goldthread.dump BASEDEDATOS); vea docs/scaling.md.",
		"Seed at least one participant (--participants 1 or more).":                                                         "Cree al menos un participante (--participants 1 o más).",
		"The number of notes cannot be negative.":                                                                           "El número de notas no puede ser negativo.",
	})
}
