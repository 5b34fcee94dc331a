package locale

// Messages of the payer answers (issue 16): 835 remittance files uploaded,
// previewed and applied to claims. Money and dates go through the Printer.
func init() {
	register(map[string]string{
		"remit.title":            "Payer remittances (835)",
		"remit.link":             "Payer remittances (835)",
		"remit.intro":            "Upload the 835 file a payer sent. You see first which claims it pays, denies or takes back, and which lines it names that are not ours; nothing changes until you apply it.",
		"remit.upload":           "Upload an 835 file",
		"remit.upload.hint":      "The file exactly as the payer or clearinghouse sent it (X12 005010X221A1). Claims are matched by the claim number Goldthread wrote (GT and ten digits) and lines by their control number; anything else is listed, never guessed.",
		"remit.file":             "835 file",
		"remit.preview":          "Preview",
		"remit.preview.title":    "What %s would do",
		"remit.apply":            "Apply to the claims",
		"remit.apply.hint":       "Every matched claim is moved at once, or none. A payment imported before changes nothing.",
		"remit.list":             "Imported payments",
		"remit.none":             "No remittance imported yet.",
		"remit.one":              "Payment %s",
		"remit.payment":          "%s payment %s",
		"remit.counts":           "%d claims matched, %d not matched",
		"remit.unmatched":        "Not matched",
		"remit.charge_paid":      "charged %s, paid %s",
		"remit.payer_claim":      "payer's claim number %s",
		"remit.plb":              "Provider-level adjustments (a positive amount reduces the payment)",
		"remit.unbalanced":       "The payer's amounts do not add up; check the file with the payer before relying on it:",
		"remit.unbalanced.short": "amounts do not add up",
		"remit.already":          "Already imported; applying it again changes nothing:",
		"remit.imported":         "The remittance was applied to its matched claims.",
		"remit.duplicate":        "This payment had been imported before; nothing changed.",
		"remit.imported_by":      "Imported by %s",

		// 835 claim status codes (CLP02).
		"remit.clp.1":  "Processed as primary",
		"remit.clp.2":  "Processed as secondary",
		"remit.clp.3":  "Processed as tertiary",
		"remit.clp.4":  "Denied",
		"remit.clp.19": "Processed as primary, forwarded",
		"remit.clp.20": "Processed as secondary, forwarded",
		"remit.clp.21": "Processed as tertiary, forwarded",
		"remit.clp.22": "Reversal of a previous payment",
		"remit.clp.23": "Not the payer's claim, forwarded",
	})
}
