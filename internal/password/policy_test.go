package password

import "testing"

func TestCheckPolicy(t *testing.T) {
	ok := []string{"riverbend-demo-2026", "my dog likes long walks", "Tacos on Tuesday at noon!"}
	for _, pw := range ok {
		if err := CheckPolicy("password", pw); err != nil {
			t.Errorf("CheckPolicy(%q) = %v; want accepted", pw, err)
		}
	}
	bad := map[string]string{
		"TooShort":           "short pw",
		"Breached":           "passwordpassword",
		"BreachedWithDigits": "Summer2026!!!",
		"Repeated":           "aaaaaaaaaaaaaa",
		"Sequential":         "abcdefghijklmn",
		"TooLong":            string(make([]byte, 200)),
	}
	for name, pw := range bad {
		t.Run(name, func(t *testing.T) {
			if err := CheckPolicy("password", pw); err == nil {
				t.Fatalf("CheckPolicy(%q) accepted", pw)
			}
		})
	}
	t.Run("NotFromOwnEmail", func(t *testing.T) {
		if err := CheckPolicy("password", "danawhitfield", "dana.whitfield@riverbend.example", "Dana Whitfield"); err == nil {
			t.Fatal("a password built from the person's name was accepted")
		}
	})
	t.Run("NotTheAgencyName", func(t *testing.T) {
		for _, pw := range []string{"Riverbend Recovery Partners", "riverbend recovery 2026!", "RiverbendRecoveryPartners1"} {
			if err := CheckPolicy("password", pw, "ana@riverbend.example", "Ana Ortiz", "Riverbend Recovery Partners"); err == nil {
				t.Errorf("%q, the agency's name, was accepted", pw)
			}
		}
	})
	t.Run("NotTheNameAndEmail", func(t *testing.T) {
		for _, pw := range []string{"Dana Whitfield 2026", "dana.whitfield@riverbend.example"} {
			if err := CheckPolicy("password", pw, "dana.whitfield@riverbend.example", "Dana Whitfield"); err == nil {
				t.Errorf("%q, the person's own name or email, was accepted", pw)
			}
		}
	})
	t.Run("ContextWordsInALongerSentence", func(t *testing.T) {
		if err := CheckPolicy("password", "dana walks to the riverbend market on sundays", "dana.whitfield@riverbend.example", "Dana Whitfield", "Riverbend Recovery Partners"); err != nil {
			t.Fatalf("a sentence that mentions a name was refused: %v", err)
		}
	})
}
