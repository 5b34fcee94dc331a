package locale

// Interoperability: the participant's own FHIR download, CSV exports.
func init() {
	register(map[string]string{
		"portal.links.fhir":      "Download for another app (FHIR)",
		"portal.links.fhir_hint": "Your record in the FHIR format health apps read. Each download is listed in who received your record.",
	})
}
