package locale

// Spanish for the compliance engine's findings (internal/rules): each
// message and fix, and the fragments they quote, by English format, in the
// plain words a peer uses with a participant. Values from a rule pack
// (program and payer names, service types, credential codes) stay as the
// pack gives them; dates the rules quote read the Spanish way ("1 dic 2026").
// TestEveryFindingFormatHasSpanish names any finding without an entry.
func init() {
	registerSpanishFormats(map[string]string{
		// Rule pack and program.
		"No payer rules are loaded for program %q.":                        "No hay reglas de pagador cargadas para el programa %q.",
		"Ask an administrator to assign the program's payer rule pack.":    "Pida a un(a) administrador(a) que asigne al programa su paquete de reglas del pagador.",
		"The note is for program %q but was checked with the rules of %q.": "La nota es del programa %q, pero se revisó con las reglas de %q.",
		"Check the note against its own program's rules.":                  "Revise la nota con las reglas de su propio programa.",

		// What the note must say.
		"The note does not say %s.": "La nota no dice %s.",
		"Add %s.":                   "Agregue %s.",
		"the participant":           "quién es el participante",
		"the peer specialist who gave the service":              "qué especialista de apoyo entre pares dio el servicio",
		"the service date":                                      "la fecha del servicio",
		"the start and end time":                                "la hora de inicio y de fin",
		"where the service took place":                          "dónde fue el servicio",
		"how the service was given (in person, video or phone)": "cómo fue el servicio (en persona, por video o por teléfono)",
		"the type of service":                                   "el tipo de servicio",
		"the plan goal addressed (or why this single event is not tied to a goal)":    "la meta del plan en la que trabajaron (o por qué este encuentro único no va ligado a una meta)",
		"the plan intervention used (or why this single event is not tied to a goal)": "la forma de apoyo del plan que usó (o por qué este encuentro único no va ligado a una meta)",
		"what the peer specialist did":      "lo que hizo el especialista de apoyo entre pares",
		"how the participant responded":     "cómo respondió el participante",
		"the next steps":                    "los próximos pasos",
		"the peer specialist's credential":  "la certificación del especialista de apoyo entre pares",
		"how many people were in the group": "cuántas personas había en el grupo",

		// Times.
		"The end time is not after the start time.":                                                          "La hora de fin no es después de la hora de inicio.",
		"Correct the start or end time.":                                                                     "Corrija la hora de inicio o de fin.",
		"The service is dated in the future; a note documents a service that already happened.":              "El servicio tiene una fecha futura; una nota de servicio cuenta algo que ya pasó.",
		"Correct the service date and times, or write the note after the service.":                           "Corrija la fecha y las horas del servicio, o escriba la nota después del servicio.",
		"The service lasted %d %{minute|minutes}, longer than the usual maximum of %d.":                      "El servicio duró %d %{minuto|minutos}, más que el máximo habitual de %d.",
		"Check the start and end times; split the time into separate notes if there were separate services.": "Revise las horas de inicio y de fin; si fueron servicios distintos, divida el tiempo en notas separadas.",

		// Type of service and billing code.
		"%q is not a type of service under %s.":                                                      "%q no es un tipo de servicio de %s.",
		"Choose one of: %s.":                                                                         "Elija uno de estos: %s.",
		"%s has no billing code for an individual %s service.":                                       "%s no tiene código de facturación para un servicio individual de tipo %s.",
		"%s has no billing code for a group %s service.":                                             "%s no tiene código de facturación para un servicio de grupo de tipo %s.",
		"Choose a type of service this payer bills for this setting, or mark the note non-billable.": "Elija un tipo de servicio que este pagador pague en este caso, o marque la nota como no facturable.",
		"%d %{minute makes|minutes make} 0 billable units under this payer's rounding (%s).":         "%d %{minuto da|minutos dan} 0 unidades facturables con el redondeo de este pagador (%s).",
		"Check the times; if they are right, the service is documented but not billed.":              "Revise las horas; si están bien, el servicio queda anotado pero no se cobra.",

		// How the service was given, and groups.
		"%s does not pay for %s services.":                "%s no paga los servicios dados %s.",
		"%s does not pay for group services given by %s.": "%s no paga los servicios de grupo dados %s.",
		"in-person":          "en persona",
		"video":              "por video",
		"audio-only (phone)": "solo por teléfono (sin video)",
		"Mark the note non-billable, or ask an administrator whether the agency's contract allows it.": "Marque la nota como no facturable, o pregunte a un(a) administrador(a) si el contrato de la agencia lo permite.",
		"The group has %d %{participant|participants}; %s allows at most %d per facilitator.":          "El grupo tiene %d %{participante|participantes}; %s permite como máximo %d por facilitador(a).",
		"Split the group, add a facilitator, or remove participants who were not in this session.":     "Divida el grupo, agregue un(a) facilitador(a), o quite a los participantes que no estuvieron en esta sesión.",
		"A group session with %d %{participant|participants} is below the minimum of %d.":              "Una sesión de grupo con %d %{participante|participantes} no llega al mínimo de %d.",
		"Record it as an individual service if only one person took part.":                             "Anótela como servicio individual si solo participó una persona.",

		// Billable or not.
		"The note is marked non-billable without a reason.":                                  "La nota está marcada como no facturable sin decir por qué.",
		"Say why the service is not billed (for example transportation, or a missed visit).": "Diga por qué no se cobra el servicio (por ejemplo, transporte o una cita a la que no se llegó).",
		"%s does not pay for services to anyone other than the participant.":                 "%s no paga servicios dados a otras personas que no sean el participante.",
		"Mark the note non-billable, or record the participant's own part in the service.":   "Marque la nota como no facturable, o anote lo que hizo el propio participante en el servicio.",
		"The note describes %q, which %s does not cover (%s).":                               "La nota describe %q, que %s no cubre (%s).",
		"The note describes %q, an activity payers usually do not cover.":                    "La nota describe %q, una actividad que los pagadores casi nunca cubren.",
		"Mark that time non-billable, or describe the planned skill the activity built.":     "Marque ese tiempo como no facturable, o describa la habilidad del plan que la actividad ayudó a practicar.",

		// The plan.
		"There is no person-centered plan in force on %s.":                                                                                               "No hay un plan centrado en la persona vigente el %s.",
		"The clinician approves a plan covering the service date; the peer links the note to it.":                                                        "El/la clínico(a) aprueba un plan que cubra la fecha del servicio; el especialista de apoyo entre pares liga la nota a ese plan.",
		"Goal %q is not in the plan in force on %s.":                                                                                                     "La meta %q no está en el plan vigente el %s.",
		"Link the note to a goal of the current plan, or ask for a plan update.":                                                                         "Ligue la nota a una meta del plan actual, o pida que se actualice el plan.",
		"The note is not linked to a goal of the plan.":                                                                                                  "La nota no está ligada a una meta del plan.",
		"Choose the goal the service worked on, or explain why this single event is not tied to a goal.":                                                 "Elija la meta en la que trabajó el servicio, o explique por qué este encuentro único no va ligado a una meta.",
		"Single event not tied to a plan goal: %s":                                                                                                       "Encuentro único no ligado a una meta del plan: %s",
		"None needed if the reason holds; repeated single events belong in the plan.":                                                                    "No hace falta nada si el motivo es válido; si se repiten, esos encuentros deben entrar en el plan.",
		"Intervention %q is not listed in the plan in force on %s.":                                                                                      "La forma de apoyo %q no está en el plan vigente el %s.",
		"Intervention %q is not listed in the plan in force on %s; interventions not in the plan are not covered.":                                       "La forma de apoyo %q no está en el plan vigente el %s; lo que no está en el plan no se cubre.",
		"Use an intervention from the plan, or ask for the plan to be updated first.":                                                                    "Use una forma de apoyo del plan, o pida primero que se actualice el plan.",
		"The plan in force was signed on %s, after this service on %s.":                                                                                  "El plan vigente se firmó el %s, después de este servicio del %s.",
		"Services are billed under a plan signed on or before the service date; the clinician and supervisor decide whether this service can be billed.": "Los servicios se cobran con un plan firmado el mismo día del servicio o antes; el/la clínico(a) y el/la supervisor(a) deciden si este servicio se puede cobrar.",
		"The plan in force has no crisis plan.":                                                                                                          "El plan vigente no tiene plan de crisis.",
		"Add a crisis plan to the person-centered plan with the participant.":                                                                            "Agregue un plan de crisis al plan centrado en la persona, junto con el participante.",
		"The plan was last reviewed on %s, more than %d %{day|days} before this service.":                                                                "El plan se revisó por última vez el %s, más de %d %{día|días} antes de este servicio.",
		"Review and update the plan with the participant.":                                                                                               "Revise y actualice el plan junto con el participante.",

		// Service order and authorization.
		"There is no signed service order for this participant.":                                               "No hay una orden de servicio firmada para este participante.",
		"A physician or licensed clinician signs a service order dated on or before the first service.":        "Un(a) médico(a) o clínico(a) con licencia firma una orden de servicio con fecha del primer servicio o anterior.",
		"The service order was signed on %s, after the service on %s.":                                         "La orden de servicio se firmó el %s, después del servicio del %s.",
		"Services before the order date cannot be billed; mark this note non-billable.":                        "Los servicios de antes de la fecha de la orden no se pueden cobrar; marque esta nota como no facturable.",
		"Authorization %s does not cover %s.":                                                                  "La autorización %s no cubre el %s.",
		"Request an authorization for this date, or bill against the one that covers it.":                      "Pida una autorización para esta fecha, o cobre con la que sí la cubre.",
		"This note needs %d %{unit|units}; authorization %s has %d left.":                                      "Esta nota necesita %d %{unidad|unidades}; a la autorización %s le %[3]{queda|quedan} %d.",
		"Request more authorized units before billing.":                                                        "Pida más unidades autorizadas antes de cobrar.",
		"There is no authorization for this service.":                                                          "No hay autorización para este servicio.",
		"Request prior authorization from the payer.":                                                          "Pida al pagador una autorización previa.",
		"This note brings the year's units to %d, beyond the %d %{unit|units} allowed without prior approval.": "Con esta nota, las unidades del año llegan a %d, más de %[2]{la|las} %d %{unidad permitida|unidades permitidas} sin aprobación previa.",
		"Request prior approval for more units.":                                                               "Pida aprobación previa para más unidades.",

		// Limits.
		"This note brings the day's units to %d; the daily limit is %d.":                "Con esta nota, las unidades del día llegan a %d; el límite diario es %d.",
		"Bill only up to the daily limit; document the rest as non-billable.":           "Cobre solo hasta el límite diario; anote el resto como no facturable.",
		"This note brings the year's units to %d; the yearly limit is %d.":              "Con esta nota, las unidades del año llegan a %d; el límite anual es %d.",
		"Request an exception from the payer, or document the service as non-billable.": "Pida una excepción al pagador, o anote el servicio como no facturable.",

		// Credentials.
		"This service must be given by a %s; the author holds none of these.": "Este servicio lo debe dar alguien con %s; quien escribió la nota no tiene ninguna de estas.",
		"If the author holds a %s, record it on their credentials page (Team → Credentials and training); otherwise have a peer specialist with an accepted credential give and document the service.": "Si quien escribió la nota tiene %s, anótela en su página de credenciales (Equipo → Credenciales y capacitación); si no, que un especialista de apoyo entre pares con una certificación aceptada dé el servicio y escriba la nota.",
		"The author's %s was not valid on %s.":                                          "La certificación %s de quien escribió la nota no estaba vigente el %s.",
		"Renew the certification; services given while it was lapsed cannot be billed.": "Renueve la certificación; los servicios dados mientras estaba vencida no se pueden cobrar.",
		"The author's %s expires on %s.":                                                "La certificación %s de quien escribió la nota vence el %s.",
		"Renew before it expires.":                                                      "Renuévela antes de que venza.",

		// Supervision and caseload.
		"A supervisor has not approved this note yet.":                                               "Un(a) supervisor(a) todavía no aprobó esta nota.",
		"The supervisor reviews and approves the note.":                                              "El/la supervisor(a) revisa y aprueba la nota.",
		"The author's caseload is %d %{participant|participants}; %s allows %d per peer specialist.": "Quien escribió la nota acompaña a %d %{participante|participantes}; %s permite %d por especialista de apoyo entre pares.",
		"Rebalance caseloads across the team.":                                                       "Repartan de nuevo a los participantes dentro del equipo.",

		// On time.
		"The note was due by %s and is late.":                                   "La nota debía estar lista el %s y está atrasada.",
		"Add the reason for the delay; the note is then labelled a late entry.": "Escriba el motivo del atraso; así la nota queda marcada como entrada tardía.",
		"The note was due by %s; this payer does not accept late notes.":        "La nota debía estar lista el %s; este pagador no acepta notas atrasadas.",
		"Mark the note non-billable.":                                           "Marque la nota como no facturable.",
		"Late entry: %s":                                                        "Entrada tardía: %s",
		"None; the note is labelled as a late entry with its reason.":           "Nada; la nota queda marcada como entrada tardía con su motivo.",

		// Overlaps and copied text.
		"This service overlaps %s by the same peer specialist (%s–%s).":                              "Este servicio se cruza con %s del mismo especialista de apoyo entre pares (%s–%s).",
		"another individual service":                                                                 "otro servicio individual",
		"a group session":                                                                            "una sesión de grupo",
		"Correct the times of one of the two services.":                                              "Corrija las horas de uno de los dos servicios.",
		"The participant's time %s–%s is already billed on another note.":                            "El tiempo del participante de %s a %s ya se cobra en otra nota.",
		"Bill the overlapping time once: correct the times or mark one note non-billable.":           "Cobre ese tiempo una sola vez: corrija las horas o marque una de las notas como no facturable.",
		"The narrative is %d%% the same as another note; each note should describe its own service.": "El relato es %d%% igual a otra nota; cada nota debe contar su propio servicio.",
		"A supervisor compares the two notes: approve this one if it describes its own service, or return it to the peer to rewrite.": "Un(a) supervisor(a) compara las dos notas: aprueba esta si cuenta su propio servicio, o se la devuelve al especialista de apoyo entre pares para que la vuelva a escribir.",
		"Rewrite what happened in this session, in the participant's words where possible.":                                           "Vuelva a escribir lo que pasó en esta sesión, con las palabras del participante cuando se pueda.",

		// Enrolment.
		"The participant's enrolment in this program ended on %s, before this service on %s.": "La inscripción del participante en este programa terminó el %s, antes de este servicio del %s.",
		"The participant's enrolment in this program starts on %s, after this service on %s.": "La inscripción del participante en este programa empieza el %s, después de este servicio del %s.",
		// "The participant is not enrolled in this program." is an error too (es_errors_b.go).
		"Check the service date, or ask a supervisor to correct the enrolment; until then the service is not billed.": "Revise la fecha del servicio, o pida a un(a) supervisor(a) que corrija la inscripción; mientras tanto, el servicio no se cobra.",
	})
}
