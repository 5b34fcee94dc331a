package locale

// Spanish for en_service_thread.go: the golden thread of one service, from
// eligibility to the claims it was billed on.
func init() {
	registerSpanish(map[string]string{
		"sthread.title":                 "El hilo de oro de este servicio",
		"sthread.order":                 "Elegibilidad",
		"sthread.order_by":              "orden de servicio de %s, %s, firmada el %s",
		"sthread.no_order":              "ninguna orden de servicio firmada para la fecha del servicio",
		"sthread.authorization":         "autorización %s, del %s al %s",
		"sthread.plan":                  "Plan vigente ese día",
		"sthread.plan_version":          "versión %d, vigente desde el %s",
		"sthread.no_plan":               "ningún plan firmado estaba vigente en la fecha del servicio",
		"sthread.credential":            "Credencial de %s el %s",
		"sthread.credential_held":       "%s %s",
		"sthread.credential.expired":    "vencida en la fecha del servicio",
		"sthread.credential.missing":    "no hay credencial registrada para ese día",
		"sthread.credential.not_yet":    "todavía no emitida en la fecha del servicio",
		"sthread.credential.revoked":    "revocada",
		"sthread.credential.unverified": "todavía sin verificar",
		"sthread.approval":              "Aprobación del supervisor(a)",
		"sthread.approved_by":           "aprobada por %s, %s",
		"sthread.not_approved":          "todavía sin aprobar",
		"sthread.claims":                "Facturado en",
	})
}
