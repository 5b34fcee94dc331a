package locale

// Spanish for the reasons Goldthread itself writes into a claim's status
// history when a payer's file moves the claim (internal/store/claims_reason.go):
// a 277CA's acceptance or rejection and an 835's payment. Reasons staff
// type stay as typed; codes (277CA category and status, CARC groups and
// codes, remark codes), payment methods, trace numbers and amounts stay as
// the payer's file gives them.
func init() {
	registerSpanishFormats(map[string]string{
		"277CA %s:%s": "277CA %s:%s",
		"Rejected before adjudication (277CA %s:%s); correct the claim and send it again.": "Rechazado antes de la adjudicación (277CA %s:%s); corrija el reclamo y envíelo de nuevo.",
		"835 %s %s":               "835 %s %s",
		": payment reversed (%s)": ": pago revertido (%s)",
		": %s":                    ": %s",
		"; remarks %s":            "; observaciones %s",
	})
}
