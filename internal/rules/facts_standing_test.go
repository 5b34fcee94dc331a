package rules

import (
	"regexp"
	"testing"
)

// TestEveryPackValueHasStandingAndSource: every value of every shipped rule
// pack says how far it was verified (confirmed, secondary or unconfirmed)
// and where it comes from, and every source key it cites (S12, D3) is in
// the pack's sources list. An agency reviewing a pack before going live
// reads exactly this: a value without a standing or a source could not be
// reviewed, and a cited key that is not listed sends the reader nowhere.
// Loading checks the same at start; this holds the shipped files to it even
// if that check were loosened.
func TestEveryPackValueHasStandingAndSource(t *testing.T) {
	key := regexp.MustCompile(`\b[SD][0-9]{1,3}\b`)
	standing := map[Status]bool{StatusConfirmed: true, StatusSecondary: true, StatusUnconfirmed: true}
	packs := mustCatalog(t).Packs()
	if len(packs) == 0 {
		t.Fatal("the catalog holds no packs")
	}
	for _, p := range packs {
		facts := p.Facts()
		if len(facts) < 10 {
			t.Errorf("%s: %d values; a payer pack has dozens", p.ID, len(facts))
		}
		seen := map[string]bool{}
		for _, f := range facts {
			if seen[f.Path] {
				t.Errorf("%s %s: two values at one path", p.ID, f.Path)
			}
			seen[f.Path] = true
			if !standing[f.Status] {
				t.Errorf("%s %s: standing %q; want confirmed, secondary or unconfirmed", p.ID, f.Path, f.Status)
			}
			if f.Source == "" {
				t.Errorf("%s %s: no source", p.ID, f.Path)
			}
			for _, k := range key.FindAllString(f.Source, -1) {
				if _, ok := p.Sources[k]; !ok {
					t.Errorf("%s %s: cites %s, which the pack's sources do not list", p.ID, f.Path, k)
				}
			}
		}
	}
}
