package locale

// Spanish for billing's own claim checks (internal/store/scrub.go): why a
// service cannot go on a claim yet and who fixes it, and the placeholders a
// claim file would carry, by English format. Codes (H0038, NPI, 837P
// segments) and program names stay as they are. TestEveryFindingFormatHasSpanish
// names any check without an entry.
func init() {
	registerSpanishFormats(map[string]string{
		// What the participant's record lacks, listed in one sentence.
		"Medicaid ID":         "número de Medicaid",
		"date of birth":       "fecha de nacimiento",
		"street address":      "dirección (calle y número)",
		"city":                "ciudad",
		"state (two letters)": "estado (dos letras)",
		"ZIP code":            "código postal",
		"The claim needs the participant's %s; their record has none.":                                   "Al reclamo le faltan datos del participante que su expediente no tiene: %s.",
		"Their peer specialist (or supervisor) enters the %s on the participant's page, Update details.": "Su especialista de apoyo entre pares (o el supervisor) anota lo que falta en la página del participante, en Actualizar datos: %s.",

		// Credential, rate, payer settings, diagnosis.
		"The author's certification on file for %s is not verified yet.":                        "La certificación del autor registrada para el %s todavía no está verificada.",
		"A supervisor checks the certification with the certifying body and marks it verified.": "Un(a) supervisor(a) confirma la certificación con la entidad que la otorga y la marca como verificada.",
		"%s (group)":                            "%s (grupal)",
		"No rate per unit is set for %s in %s.": "No hay tarifa por unidad para %s en %s.",
		"No rate per unit of %s in %s is in effect on %s; the first takes effect on %s.":                              "Ninguna tarifa por unidad de %s en %s está vigente el %s; la primera entra en vigor el %s.",
		"Billing staff set the program's rate per unit from the payer's fee schedule, in effect on the service date.": "El personal de facturación fija la tarifa por unidad del programa según la lista de tarifas del pagador, vigente en la fecha del servicio.",
		"The program has no payer and interchange settings.":                                                          "El programa no tiene la configuración del pagador ni del intercambio.",
		"Billing staff enter the payer id, receiver and interchange ids agreed with the payer.":                       "El personal de facturación anota el identificador del pagador, el del receptor y los del intercambio acordados con el pagador.",
		"No diagnosis is on file for the participant on the service date.":                                            "No hay un diagnóstico registrado para el participante en la fecha del servicio.",
		"The clinician records the diagnosis (ICD-10-CM) that makes the participant eligible.":                        "El clínico(a) registra el diagnóstico (ICD-10-CM) que hace elegible al participante.",

		// The agency and the rendering provider.
		"The agency's billing identity cannot go on a claim: %s":                                                                                                         "La identidad de facturación de la agencia no puede ir en un reclamo: %s",
		"An administrator completes the agency's billing identity on Settings → Billing identity.":                                                                       "Un(a) administrador(a) completa la identidad de facturación de la agencia en Configuración → Identidad de facturación.",
		"The rendering peer specialist's NPI fails the NPI check digit.":                                                                                                 "El NPI del especialista de apoyo entre pares que prestó el servicio no pasa la verificación del dígito de control.",
		"Correct the peer specialist's NPI on their staff record.":                                                                                                       "Corrija el NPI del especialista de apoyo entre pares en su ficha de personal.",
		"%s's first and last names are not on file; the claim names the rendering provider by each (837P NM1*82), and Goldthread never guesses them from the full name.": "El nombre y el apellido de %s no están registrados por separado; el reclamo nombra por cada uno al proveedor que prestó el servicio (837P NM1*82), y Goldthread nunca los adivina a partir del nombre completo.",
		"Enter %s's first and last names on the staff page.":                                                                                                             "Anote el nombre y el apellido de %s en la página del personal.",
		"The payer wants the rendering provider's taxonomy code (837P PRV*PE) and none is on file for %s.":                                                               "El pagador pide el código de taxonomía del proveedor que prestó el servicio (837P PRV*PE) y no hay ninguno registrado para %s.",
		"Enter %s's taxonomy code (peer specialist: 175T00000X) on the staff page.":                                                                                      "Anote el código de taxonomía de %s (especialista de pares: 175T00000X) en la página del personal.",

		// A replacement claim that cannot be built names each note's block.
		"Note %d: %s %s": "Nota %d: %s %s",

		// Placeholders a claim file would carry (a production file is refused while any remains).
		"the payer settings of %s are marked placeholder (billing staff confirm them on Billing → Payer settings and rates)":                       "la configuración del pagador de %s está marcada como provisional (facturación la confirma en Facturación → Configuración del pagador y tarifas)",
		"the agency's billing identity is incomplete: %s (an administrator completes it on Settings → Billing identity)":                           "la identidad de facturación de la agencia está incompleta: %s (un(a) administrador(a) la completa en Configuración → Identidad de facturación)",
		"the agency's billing identity is marked placeholder (an administrator confirms it on Settings → Billing identity)":                        "la identidad de facturación de la agencia está marcada como provisional (un(a) administrador(a) la confirma en Configuración → Identidad de facturación)",
		"the group rate of %s in effect from the beginning is a placeholder (billing staff replace it on Billing → Payer settings and rates)":      "la tarifa grupal de %s vigente desde el principio es provisional (facturación la reemplaza en Facturación → Configuración del pagador y tarifas)",
		"the group rate of %s in effect from %s is a placeholder (billing staff replace it on Billing → Payer settings and rates)":                 "la tarifa grupal de %s vigente desde el %s es provisional (facturación la reemplaza en Facturación → Configuración del pagador y tarifas)",
		"the individual rate of %s in effect from the beginning is a placeholder (billing staff replace it on Billing → Payer settings and rates)": "la tarifa individual de %s vigente desde el principio es provisional (facturación la reemplaza en Facturación → Configuración del pagador y tarifas)",
		"the individual rate of %s in effect from %s is a placeholder (billing staff replace it on Billing → Payer settings and rates)":            "la tarifa individual de %s vigente desde el %s es provisional (facturación la reemplaza en Facturación → Configuración del pagador y tarifas)",
	})
}
