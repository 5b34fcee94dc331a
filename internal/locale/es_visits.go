package locale

// Spanish for the day of a peer and planned visits (in en_dashboards.go).
func init() {
	registerSpanish(map[string]string{
		"day.title":           "Su día",
		"day.services":        "Servicios de hoy (%d)",
		"day.services.none":   "Todavía no hay ningún servicio con fecha de hoy.",
		"day.minutes":         "%d min",
		"day.signed":          "Firmada",
		"day.to_document":     "Borrador",
		"day.visits":          "Próximas visitas",
		"day.visits.none":     "No hay visitas planeadas. Planee una desde la página de un participante o desde los próximos pasos de una nota.",
		"day.no_contact":      "Sin ver desde hace %d %{día|días} o más",
		"day.no_contact.none": "Todas las personas de su lista de casos fueron vistas hace poco.",
		"day.last":            "Último servicio el %s (hace %d %{día|días})",
		"day.never":           "Todavía sin servicios",

		"visits.title":        "Visitas planeadas",
		"visits.none":         "No hay visitas planeadas.",
		"visits.new":          "Planear una visita",
		"visits.new.title":    "Planear una visita con %s",
		"visits.from_note":    "Planear la próxima visita",
		"visits.day":          "Día",
		"visits.time":         "Hora",
		"visits.minutes":      "Minutos",
		"visits.purpose":      "Propósito",
		"visits.purpose.hint": "Unas pocas palabras, como el próximo paso que acordaron juntos. Hasta 200 caracteres.",
		"visits.save":         "Guardar la visita",
		"visits.cancel":       "Cancelar la visita",
	})
}
