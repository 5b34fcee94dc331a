package locale

// Messages of a service's golden thread on the note page (issue 16): one
// link per step from the note to what backs it.
func init() {
	register(map[string]string{
		"sthread.title":                 "The golden thread of this service",
		"sthread.approval":              "Supervisor approval",
		"sthread.approved_by":           "approved by %s, %s",
		"sthread.not_approved":          "not approved yet",
		"sthread.credential":            "%s's credential on %s",
		"sthread.credential_held":       "%s %s",
		"sthread.credential.expired":    "expired on the service date",
		"sthread.credential.revoked":    "revoked",
		"sthread.credential.missing":    "no credential on file for that day",
		"sthread.credential.not_yet":    "not yet issued on the service date",
		"sthread.credential.unverified": "not verified yet",
		"sthread.plan":                  "Plan in force that day",
		"sthread.plan_version":          "version %d, in force from %s",
		"sthread.no_plan":               "no signed plan was in force on the service date",
		"sthread.order":                 "Eligibility",
		"sthread.order_by":              "service order by %s, %s, signed %s",
		"sthread.no_order":              "no service order signed by the service date",
		"sthread.authorization":         "authorization %s, %s to %s",
		"sthread.claims":                "Billed on",
	})
}
