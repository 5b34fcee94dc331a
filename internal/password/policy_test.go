package password

import "testing"

func TestCheckPolicy(t *testing.T) {
	ok := []string{"riverbend-demo-2026", "my dog likes long walks", "Tacos on Tuesday at noon!"}
	for _, pw := range ok {
		if err := CheckPolicy(pw); err != nil {
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
			if err := CheckPolicy(pw); err == nil {
				t.Fatalf("CheckPolicy(%q) accepted", pw)
			}
		})
	}
	t.Run("NotFromOwnEmail", func(t *testing.T) {
		if err := CheckPolicy("danawhitfield", "dana.whitfield@riverbend.example", "Dana Whitfield"); err == nil {
			t.Fatal("a password built from the person's name was accepted")
		}
	})
}
