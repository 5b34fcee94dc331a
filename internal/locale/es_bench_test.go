package locale

import (
	"testing"

	"github.com/goldthread/goldthread"
)

// BenchmarkErrorInSpanish renders a field error that quotes another, the
// way a refused form line is shown on a Spanish page.
func BenchmarkErrorInSpanish(b *testing.B) {
	p := New("es", nil)
	err := goldthread.FieldError("file", "line %d: %s", 4, goldthread.FieldError("end_date", "Enter the date as YYYY-MM-DD."))
	for b.Loop() {
		_ = p.Error(err)
	}
}

// BenchmarkCatalogInSpanish looks up and formats one catalog message.
func BenchmarkCatalogInSpanish(b *testing.B) {
	p := New("es", nil)
	for b.Loop() {
		_ = p.T("notes.signed_by", "Dana Whitfield", "CPSS", "lun 23 nov 2026")
	}
}
