package locale

// Spanish for the English error formats of remittances, acknowledgments,
// line payments, dashboards, recovery capital (BARC-10) and planned visits.
func init() {
	registerSpanishFormats(map[string]string{
		// Payments, line by line, and whole batches.
		"%s paid is more than the %s billed on %s; say why (for example an interest payment or a rate change), or correct the amount.": "Lo pagado (%s) es más que lo cobrado (%s) en el reclamo %s; diga por qué (por ejemplo un pago de intereses o un cambio de tarifa), o corrija el monto.",
		"Claim %s has no line %d; its lines are 1 to %d.":                               "El reclamo %s no tiene línea %d; sus líneas van de la 1 a la %d.",
		"Line %d is given twice; give each line's amount once.":                         "La línea %d aparece dos veces; indique el monto de cada línea una sola vez.",
		"Line %d was paid %s, more than the %s billed; say why, or correct the amount.": "A la línea %d se le pagó %s, más que lo cobrado (%s); diga por qué, o corrija el monto.",
		"Line %d: %s": "Línea %d: %s",
		"Line %d: enter the amount paid, 0 or more.":                             "Línea %d: escriba el monto pagado, 0 o más.",
		"Line amounts are for a payment; leave them empty when the claim is %s.": "Los montos por línea son para un pago; déjelos vacíos cuando el reclamo está %s.",
		"The line amounts add up to %s but the payment is %s; make them agree.":  "Los montos por línea suman %s pero el pago es %s; haga que coincidan.",
		"Batch %d was not sent yet; download its 837P file first.":               "El lote %d todavía no se envió; descargue primero su archivo 837P.",
		"No batch %d in your agency.":                                            "No hay un lote %d en su agencia.",
		"Say it in at most 200 characters.":                                      "Dígalo en 200 caracteres como máximo.",

		// Remittances (835) and acknowledgments (999, 277CA).
		"Choose the 835 remittance file the payer sent.":                                                 "Elija el archivo de remesa 835 que envió el pagador.",
		"Choose the 999 or 277CA file the payer or clearinghouse sent.":                                  "Elija el archivo 999 o 277CA que envió el pagador o la cámara de compensación.",
		"This is not a readable 835 remittance file (%v). Upload the file exactly as the payer sent it.": "Este no es un archivo de remesa 835 que se pueda leer (%v). Suba el archivo tal como lo envió el pagador.",
		"This is not a readable 999 or 277CA file (%v). Upload the file exactly as it was sent.":         "Este no es un archivo 999 o 277CA que se pueda leer (%v). Suba el archivo tal como se envió.",
		"The file is larger than 8 MB.":                                                                  "El archivo pesa más de 8 MB.",
		"The file is larger than 8 MB; ask the payer for smaller files.":                                 "El archivo pesa más de 8 MB; pida al pagador archivos más pequeños.",
		"No remittance %d in your agency.":                                                               "No hay una remesa %d en su agencia.",

		// Dashboards.
		"A dashboard covers at most a year; pick a shorter period.":                          "Un panel abarca un año como máximo; elija un período más corto.",
		"Enter the first day of the period as YYYY-MM-DD.":                                   "Escriba el primer día del período como AAAA-MM-DD.",
		"Enter the last day of the period as YYYY-MM-DD.":                                    "Escriba el último día del período como AAAA-MM-DD.",
		"The last day is before the first day; swap them or pick a later last day.":          "El último día es anterior al primero; inviértalos o elija un último día más tarde.",
		"Only supervisors and administrators see the team's dashboard.":                      "Solo los supervisores y los administradores ven el panel del equipo.",
		"The program dashboard is for administrators, supervisors, clinicians and auditors.": "El panel de programas es para administradores, supervisores, clínicos y auditores.",
		"Only peer specialists and supervisors have a caseload day.":                         "Solo los especialistas de apoyo entre pares y los supervisores tienen un día con lista de casos.",

		// Recovery capital (BARC-10).
		"Choose an answer for statement %d, from 1 (strongly disagree) to 6 (strongly agree).": "Elija una respuesta para la afirmación %d, de 1 (totalmente en desacuerdo) a 6 (totalmente de acuerdo).",
		"Choose when it was taken: at intake, at a plan review or at discharge.":               "Elija cuándo se hizo: en la admisión, en una revisión del plan o al alta.",
		"Enter the day it was taken as YYYY-MM-DD.":                                            "Escriba el día en que se hizo como AAAA-MM-DD.",
		"The day is in the future; record it once the participant has answered.":               "El día está en el futuro; anótelo cuando el participante haya respondido.",
		"Peer specialists, supervisors and clinicians record recovery capital.":                "Los especialistas de apoyo entre pares, los supervisores y los clínicos anotan el capital de recuperación.",

		// Planned visits.
		"Choose the participant the visit is with.":                                                "Elija el participante con quien es la visita.",
		"Enter the day and time of the visit.":                                                     "Escriba el día y la hora de la visita.",
		"Enter how long the visit should last, in minutes (5 to 480).":                             "Escriba cuánto debe durar la visita, en minutos (de 5 a 480).",
		"Enter the day as YYYY-MM-DD, for example 2026-03-02.":                                     "Escriba el día como AAAA-MM-DD, por ejemplo 2026-03-02.",
		"Enter the time as HH:MM, for example 14:30.":                                              "Escriba la hora como HH:MM, por ejemplo 14:30.",
		"Enter the minutes as a whole number, for example 60.":                                     "Escriba los minutos como un número entero, por ejemplo 60.",
		"Keep the purpose to %d %{character|characters}; the details belong in the note.":          "Limite el propósito a %d %{carácter|caracteres}; los detalles van en la nota.",
		"The visit is in the past; plan a visit from now on (write a note for one that happened).": "La visita está en el pasado; planee una visita de ahora en adelante (escriba una nota para una que ya ocurrió).",
		"The visit is more than a year away; pick a nearer day.":                                   "La visita es dentro de más de un año; elija un día más cercano.",
		"Only peer specialists and supervisors plan visits.":                                       "Solo los especialistas de apoyo entre pares y los supervisores planean visitas.",
		"No note %d of yours about this participant.":                                              "No hay una nota %d suya sobre este participante.",
		"No planned visit %d of yours to cancel.":                                                  "No hay una visita planeada %d suya para cancelar.",
	})
}
