package locale

// Spanish for the errors of copying a SQLite database into PostgreSQL
// (goldthread copy, store.CopyDatabase).
func init() {
	registerSpanishFormats(map[string]string{
		"The source must be a SQLite file; to copy one PostgreSQL database into another, use pg_dump and pg_restore.":                                                                                        "El origen debe ser un archivo SQLite; para copiar una base de datos PostgreSQL en otra, use pg_dump y pg_restore.",
		"The target must be a PostgreSQL database (a postgres:// URL); to copy a SQLite file, use goldthread backup.":                                                                                        "El destino debe ser una base de datos PostgreSQL (una URL postgres://); para copiar un archivo SQLite, use goldthread backup.",
		"The source %s has schema version %d, which this build does not know (it copies version %d): copy it with the build that migrated it.":                                                               "El origen %s tiene la versión de esquema %d, que esta compilación no conoce (copia la versión %d): cópielo con la compilación que lo migró.",
		"The source %s lacks schema version %d of this build's %d: back it up, migrate it (goldthread migrate --db %s), then copy it.":                                                                       "Al origen %s le falta la versión de esquema %d (esta compilación llega a la %d): haga una copia de seguridad, mígrelo (goldthread migrate --db %s) y luego cópielo.",
		"The target %s is not at this build's schema version %d: migrate it with this build first (goldthread migrate).":                                                                                     "El destino %s no está en la versión de esquema %d de esta compilación: mígrelo primero con esta compilación (goldthread migrate).",
		"The copy's audit trail breaks at event %d (%s), so nothing was committed. Check the source with goldthread audit verify.":                                                                           "El registro de auditoría de la copia se rompe en el evento %d (%s), así que no se confirmó nada. Revise el origen con goldthread audit verify.",
		"In the copy, %s %d does not match its content hash (%s), so nothing was committed. Check the source with goldthread integrity verify.":                                                              "En la copia, %s %d no coincide con el hash de su contenido (%s), así que no se confirmó nada. Revise el origen con goldthread integrity verify.",
		"The target %s holds data already (%s); a copy goes only into an empty database. Create a new database for it (createdb), or drop this one if nothing in it is needed.":                              "El destino %s ya contiene datos (%s); una copia solo va a una base de datos vacía. Cree una base de datos nueva para ella (createdb) o elimine esta si nada de lo que contiene hace falta.",
		"The target's role may not lock its tables and set their triggers aside for the copy (%s): copy as the role that owns Goldthread's tables there (the role its migrations ran as) or as a superuser.": "El rol del destino no puede bloquear sus tablas ni apartar sus disparadores para la copia (%s): copie con el rol dueño de las tablas de Goldthread allí (el rol con el que se ejecutaron sus migraciones) o con un superusuario.",
	})
}
