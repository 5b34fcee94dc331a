package locale

// Spanish for where Goldthread's own checks and defaults come from, shown
// beside a finding or a rule as its source ("Source: …") to billing staff,
// supervisors and administrators; the template renders a source with
// Printer.Sentence, so the English source is its own key. A rule pack's
// sources (S1, 10A NCAC 27G, a payer's bulletin, the pack author's note)
// read as the pack gives them, as its other values do.
func init() {
	registerSpanishFormats(map[string]string{
		// Billing's claim checks (internal/store/scrub.go).
		"Goldthread billing check (credentials are verified before billing)": "Revisión de facturación de Goldthread (las credenciales se verifican antes de facturar)",
		"Agency billing settings":                                                       "Configuración de facturación de la agencia",
		"837P 005010X222A1 (what the claim file must carry)":                            "837P 005010X222A1 (lo que debe llevar el archivo de reclamos)",
		"837P 005010X222A1 loop 2310B, NM1*82 (rendering provider last and first name)": "837P 005010X222A1 bucle 2310B, NM1*82 (apellido y nombre de quien presta el servicio)",
		// The compliance engine's own checks (internal/rules).
		"Goldthread: a program bills only for services within the participant's enrolment in it": "Goldthread: un programa factura solo los servicios dentro de la inscripción del participante en él",
		"Goldthread documentation practice":              "Práctica de documentación de Goldthread",
		"Goldthread configuration":                       "Configuración de Goldthread",
		"Goldthread integrity check (no overlay loaded)": "Revisión de integridad de Goldthread (sin ajustes cargados)",
		// Workforce defaults (internal/store/caseload.go).
		"no program, so no rule pack sets a ratio":                                              "no hay programa, así que ningún paquete de reglas fija una proporción",
		"Goldthread default (monthly); no rule pack of the agency sets a supervision frequency": "valor predeterminado de Goldthread (mensual); ningún paquete de reglas de la agencia fija una frecuencia de supervisión",
	})
}
