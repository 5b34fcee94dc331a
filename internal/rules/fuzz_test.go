package rules

import (
	"strings"
	"testing"
)

// FuzzParsePack: no input makes ParsePack panic, and an accepted pack can
// be used by the billing helpers.
func FuzzParsePack(f *testing.F) {
	for _, id := range allPacks {
		data, err := embeddedPacks.ReadFile("packs/" + id + ".yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
		f.Add(strings.Replace(string(data), "value: 15", "value: -15", 1))
		f.Add(string(data[:len(data)/2]))
	}
	f.Add("id: x\nkind: program\n")
	f.Add("- a\n- b\n")
	f.Add("id: &a [*a]\n")
	f.Add("{")
	f.Fuzz(func(t *testing.T, text string) {
		p, err := ParsePack(packNC+".yaml", []byte(text))
		if err != nil {
			return
		}
		for _, m := range Modalities {
			for _, loc := range Locations {
				PlaceOfService(p, loc, m)
			}
		}
		for _, s := range p.Services {
			Modifiers(p, s, Video, s.Group)
			UnitsFor(p, s, 53)
		}
		Deadline(p, serviceEnd, false)
		in := baseInput(t, packNC)
		in.Pack, in.Note.PackID = p, p.ID
		Check(in)
	})
}
