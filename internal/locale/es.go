package locale

// spanish is the Spanish catalog by key, assembled from each feature's
// file (es_*.go) through registerSpanish. It is written for peers and
// participants in plain Latin American Spanish: "usted" throughout, the
// program's own terms ("especialista de apoyo entre pares", "plan centrado
// en la persona", Medicaid and Medi-Cal by name). TestSpanishCatalog fails
// when an English key has no Spanish entry or the two differ in fmt verbs.
var spanish = map[string]string{}

// spanishFormats translates the English format of each goldthread.Error,
// the format itself being the key (gettext style): an error written
// anywhere in the code is Spanish as soon as its format is here, and
// TestEveryErrorFormatHasSpanish names each one that is not.
var spanishFormats = map[string]string{}

// registerSpanish adds a feature's Spanish entries by key.
func registerSpanish(entries map[string]string) {
	for k, v := range entries {
		if _, dup := spanish[k]; dup {
			panic("locale: Spanish key defined twice: " + k)
		}
		spanish[k] = v
	}
}

// registerSpanishFormats adds Spanish error formats by English format.
func registerSpanishFormats(entries map[string]string) {
	for k, v := range entries {
		if _, dup := spanishFormats[k]; dup {
			panic("locale: Spanish error format defined twice: " + k)
		}
		spanishFormats[k] = v
	}
}

// esWeekdays and esMonths are the abbreviations dates use in Spanish, in
// lower case as Spanish writes them.
var (
	esWeekdays = [7]string{"dom", "lun", "mar", "mié", "jue", "vie", "sáb"}
	esMonths   = [12]string{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"}
)

// goldthreadInternalMessage is goldthread.InternalMessage, the sentence
// any error that is not a goldthread.Error reads as.
const goldthreadInternalMessage = "Something went wrong on our side. Your data was not changed; please try again."
