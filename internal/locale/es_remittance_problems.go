package locale

// Spanish for what a payer's file says to billing staff besides its codes
// (internal/store/remittance.go, claims_ack.go): why a claim or line of the payer's
// file was not matched, and where the payer's amounts do not add up. CARC
// and remark codes, control numbers and amounts stay as they are.
func init() {
	registerSpanishFormats(map[string]string{
		// A 999 or 277CA acknowledgment that does not match (internal/store/claims_ack.go).
		"No sent batch %d in your agency; this acknowledgment is listed, not applied.": "No hay ningún lote enviado %d en su agencia; este acuse se muestra, pero no se aplica.",
		"%s is not a claim number Goldthread wrote; it is listed, not matched.":        "%s no es un número de reclamo que Goldthread haya escrito; se muestra, pero no se empareja.",
		"Status %s:%s neither accepts nor rejects the claim; it stays %s.":             "El estado %s:%s no acepta ni rechaza el reclamo; sigue %s.",
		// An 835 remittance (internal/store/remittance.go).
		"%s is not a claim number Goldthread wrote (GT and ten digits); it is listed, not matched.": "%s no es un número de reclamo que Goldthread haya escrito (GT y diez dígitos); se muestra, pero no se empareja.",
		"The claim is not matched.": "El reclamo no está emparejado.",
		"The line has no control number Goldthread wrote (%q); it is listed, not matched.": "La línea no tiene un número de control que Goldthread haya escrito (%q); se muestra, pero no se empareja.",
		"Claim %s has no line %s.": "El reclamo %s no tiene la línea %s.",
		"Claim status code %q is not one Goldthread applies; the claim is not moved.": "Goldthread no aplica el código de estado de reclamo %q; el reclamo no cambia de estado.",
		"Claim %s is %s; a payer's answer moves only a sent claim.":                   "El reclamo %s está %s; la respuesta de un pagador solo cambia un reclamo enviado.",
		"ready":    "listo",
		"exported": "exportado",
		"accepted": "aceptado",
		"denied":   "denegado",
		"paid":     "pagado",
		"replaced": "reemplazado",
		"voided":   "anulado",
		"the payment %s is not the claims paid less provider adjustments, %s":   "el pago de %s no es lo pagado por los reclamos menos los ajustes al proveedor, %s",
		"claim %s line %d: charge less paid differs from its adjustments by %s": "reclamo %s, línea %d: el cargo menos lo pagado difiere de sus ajustes en %s",
		"claim %s: charge less paid differs from its adjustments by %s":         "reclamo %s: el cargo menos lo pagado difiere de sus ajustes en %s",
	})
}
