package rules

import "testing"

// TestListUnconfirmed logs, with -v, every pack value still unconfirmed:
// the list an agency reviews before going live.
func TestListUnconfirmed(t *testing.T) {
	for _, p := range mustCatalog(t).Packs() {
		n := 0
		for _, f := range p.Facts() {
			if f.Status == StatusUnconfirmed {
				n++
				t.Logf("%s %s = %s (%s)", p.ID, f.Path, f.Value, f.Source)
			}
		}
		t.Logf("%s: %d of %d values unconfirmed", p.ID, n, len(p.Facts()))
	}
}
