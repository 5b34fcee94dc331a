package rules

import (
	"strings"
	"testing"
)

// TestMemberIDShapes: each embedded pack takes its payer's ID shape and
// refuses another state's, so an intake typed for the wrong program is
// caught at the desk, not by a denied claim.
func TestMemberIDShapes(t *testing.T) {
	cat, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		pack      string
		fits, not []string
	}{
		{"us-nc-medicaid-8g-pss", []string{"946271835K", ""}, []string{"94627183K", "KT48213R", "946271835"}},
		{"us-ca-medi-cal-peer-support", []string{"91827364A"}, []string{"946271835K", "9182736A", "91827364A1234"}},
		{"us-ny-omh-mhotrs-pss", []string{"KT48213R"}, []string{"K48213R", "91827364A", "KT48213"}},
	}
	for _, c := range cases {
		p, err := cat.Pack(c.pack)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range c.fits {
			if !p.MemberIDFits(id) {
				t.Errorf("%s refuses %q", c.pack, id)
			}
		}
		for _, id := range c.not {
			if p.MemberIDFits(id) {
				t.Errorf("%s takes %q", c.pack, id)
			}
		}
		if !p.MemberIDFits(p.Member.IDExample.Value) {
			t.Errorf("%s refuses its own example", c.pack)
		}
	}
}

// TestMemberPatternIsChecked: a pack whose pattern does not compile, does
// not match the whole ID, or refuses its own example does not load.
func TestMemberPatternIsChecked(t *testing.T) {
	for name, c := range map[string]struct{ old, new, want string }{
		"broken":  {`"^[0-9]{9}[A-Z]$"`, `"^[0-9]{9}[A-Z$"`, "not a regular expression"},
		"partial": {`"^[0-9]{9}[A-Z]$"`, `"[0-9]{9}[A-Z]"`, "must match the whole ID"},
		"example": {`value: "123456789A"`, `value: "12345678A"`, "does not match the pattern"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParsePack(packNC+".yaml", mutate(t, c.old, c.new))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
	// Without a pattern any ID fits: the pack does not know the shape.
	var p Pack
	if !p.MemberIDFits("ANYTHING1") {
		t.Error("a pack without a pattern refused an ID")
	}
}
