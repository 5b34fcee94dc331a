package password

import (
	"strings"
	"testing"
)

var cheap = Params{Memory: 64, Time: 1, Threads: 1}

func TestHashAndCheck(t *testing.T) {
	h, err := Hash("correct horse battery staple", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("not a PHC argon2id string: %s", h)
	}
	t.Run("OK", func(t *testing.T) {
		if ok, err := Check("correct horse battery staple", h); !ok || err != nil {
			t.Fatalf("Check = %v, %v; want true", ok, err)
		}
	})
	t.Run("WrongPasswordRefused", func(t *testing.T) {
		if ok, _ := Check("correct horse battery stapler", h); ok {
			t.Fatal("a wrong password was accepted")
		}
	})
	t.Run("SaltIsFresh", func(t *testing.T) {
		h2, _ := Hash("correct horse battery staple", cheap)
		if h2 == h {
			t.Fatal("two hashes of one password are equal: the salt is not random")
		}
	})
	t.Run("DefaultCostIsOWASPMinimum", func(t *testing.T) {
		if Default.Memory < 19*1024 || Default.Time < 2 {
			t.Fatalf("Default %+v is below the OWASP minimum m=19MiB t=2", Default)
		}
	})
	t.Run("ErrMalformed", func(t *testing.T) {
		for _, bad := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=x$a$b"} {
			if _, err := Check("x", bad); err != ErrMalformed {
				t.Errorf("Check(%q) err = %v; want ErrMalformed", bad, err)
			}
		}
	})
	t.Run("UnknownAccountNeverMatches", func(t *testing.T) {
		if CheckNone("no account has this password") {
			t.Fatal("CheckNone returned true")
		}
	})
}
