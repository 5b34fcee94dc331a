package locale

// Spanish for the English formats of goldthread errors: the billing
// worklist's pages.
func init() {
	registerSpanishFormats(map[string]string{
		"Give how many services to list, 0 for all.": "Indique cuántos servicios listar, 0 para todos.",
		"Give limit as a number from 1 to 500.":      "Indique limit como un número de 1 a 500.",
	})
}
