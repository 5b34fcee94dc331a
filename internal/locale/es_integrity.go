package locale

// Spanish for why a signed note or plan fails its integrity check
// (internal/store/integrity.go), which the participant reads on their own
// record after "Aviso de integridad:".
func init() {
	registerSpanishFormats(map[string]string{
		"the note is not signed, so it has no content hash yet":                                      "la nota no está firmada, así que todavía no tiene huella del contenido",
		"the plan is not signed, so it has no content hash yet":                                      "el plan no está firmado, así que todavía no tiene huella del contenido",
		"the signature row is missing":                                                               "falta el registro de la firma",
		"the hash on the note differs from the hash on its signature":                                "la huella de la nota no coincide con la de su firma",
		"the content does not match the hash taken when it was signed: it was altered after signing": "el contenido no coincide con la huella tomada al firmarlo: se cambió después de la firma",
		"addendum %d does not match the hash taken when it was signed: it was altered after signing": "el anexo %d no coincide con la huella tomada al firmarlo: se cambió después de la firma",
	})
}
