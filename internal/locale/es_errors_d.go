package locale

// Spanish for the English formats of records not found (the store's
// notFound and friends).
func init() {
	registerSpanishFormats(map[string]string{
		"No account %d in your agency.":                           "No hay una cuenta %d en su agencia.",
		"No active account signs in with %s.":                     "Ninguna cuenta activa entra con %s.",
		"No agency %d.":                                           "No existe la agencia %d.",
		"No amendment request %d in your reach.":                  "No hay un pedido de corrección %d a su alcance.",
		"No claim %s in your agency.":                             "No hay un reclamo %s en su agencia.",
		"No claim batch %d in your agency.":                       "No hay un lote de reclamos %d en su agencia.",
		"No coach change %d in your agency.":                      "No hay un cambio de la guía %d en su agencia.",
		"No consent %d in your reach.":                            "No hay un consentimiento %d a su alcance.",
		"No credential %d in your agency.":                        "No hay una credencial %d en su agencia.",
		"No note %d in your agency.":                              "No hay una nota %d en su agencia.",
		"No note %d.":                                             "No existe la nota %d.",
		"No participant %d enrolled in program %d in your reach.": "No hay un participante %d inscrito en el programa %d a su alcance.",
		"No participant %d in your reach.":                        "No hay un participante %d a su alcance.",
		"No participant %d on your caseload. Ask your supervisor if you need access.": "No hay un participante %d en su lista de casos. Pregunte a su supervisor(a) si necesita acceso.",
		"No participant of this agency has that Medicaid ID and last name.":           "Ningún participante de esta agencia tiene ese número de Medicaid y ese apellido.",
		"No plan %d in your reach.":     "No hay un plan %d a su alcance.",
		"No plan %d.":                   "No existe el plan %d.",
		"No program %d in your agency.": "No hay un programa %d en su agencia.",
		"No program %d in your agency; `goldthread programs` lists the program ids.":                            "No hay un programa %d en su agencia; `goldthread programs` muestra los id de los programas.",
		"No program with id %d. Run `goldthread programs` to list them.":                                        "No hay un programa con id %d. Ejecute `goldthread programs` para verlos.",
		"No role grant %d in your agency.":                                                                      "No hay una concesión de función %d en su agencia.",
		"No signed consent is attached to consent %d.":                                                          "No hay un consentimiento firmado adjunto al consentimiento %d.",
		"No signed note %d in your agency.":                                                                     "No hay una nota firmada %d en su agencia.",
		"No signed plan is in force on %s for this participant and program.":                                    "No hay un plan firmado vigente el %s para este participante y programa.",
		"Participant %d is not enrolled in this group's program now; only its participants can join the group.": "El participante %d no está inscrito ahora en el programa de este grupo; solo sus participantes pueden unirse al grupo.",
		"That account is not active.":                                                                           "Esa cuenta no está activa.",
		"The note's program is not in your agency.":                                                             "El programa de la nota no está en su agencia.",
		"The participant has no open enrolment in program %d.":                                                  "El participante no tiene una inscripción abierta en el programa %d.",
		"This participant has no portal account yet. Send an invitation instead.":                               "Este participante todavía no tiene cuenta del portal. Envíe una invitación.",
		"Your account is not active.":                                                                           "Su cuenta no está activa.",
		"Your agency was not found; sign in again.":                                                             "No se encontró su agencia; inicie sesión otra vez.",
	})
}
