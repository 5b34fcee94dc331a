package totp

import (
	"encoding/base32"
	"strings"
	"testing"
	"time"
)

// The SHA-1 vectors of RFC 6238 Appendix B use the ASCII secret
// "12345678901234567890" and 8 digits; the 6-digit codes are their last six.
func TestRFC6238Vectors(t *testing.T) {
	secret := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte("12345678901234567890"))
	for unix, want8 := range map[int64]string{59: "94287082", 1111111109: "07081804", 1111111111: "14050471",
		1234567890: "89005924", 2000000000: "69279037", 20000000000: "65353130"} {
		got, err := CodeAt(secret, StepAt(time.Unix(unix, 0)))
		if err != nil || got != want8[2:] {
			t.Errorf("T=%d: %s, %v; want %s", unix, got, err, want8[2:])
		}
	}
}

func TestVerify(t *testing.T) {
	secret, err := NewSecret()
	if err != nil || len(secret) != 32 {
		t.Fatalf("secret %q %v", secret, err)
	}
	now := time.Date(2026, 11, 23, 9, 0, 10, 0, time.UTC)
	code, _ := CodeAt(secret, StepAt(now))
	t.Run("OK", func(t *testing.T) {
		if step, ok := Verify(secret, code, now, 0); !ok || step != StepAt(now) {
			t.Fatal("the current code was refused")
		}
	})
	t.Run("ReplayRefused", func(t *testing.T) {
		if _, ok := Verify(secret, code, now, StepAt(now)); ok {
			t.Fatal("a code was accepted twice")
		}
	})
	t.Run("OneStepOfDrift", func(t *testing.T) {
		if _, ok := Verify(secret, code, now.Add(Step), 0); !ok {
			t.Fatal("a code from the previous step was refused")
		}
		if _, ok := Verify(secret, code, now.Add(3*Step), 0); ok {
			t.Fatal("a code from 90 seconds ago was accepted")
		}
	})
	t.Run("WrongCode", func(t *testing.T) {
		bad := "000000"
		if bad == code {
			bad = "111111"
		}
		for _, c := range []string{bad, "12345", "", "abcdef"} {
			if _, ok := Verify(secret, c, now, 0); ok {
				t.Errorf("%q accepted", c)
			}
		}
	})
	t.Run("URI", func(t *testing.T) {
		u := URI("Goldthread", "dana@riverbend.example", secret)
		if !strings.HasPrefix(u, "otpauth://totp/Goldthread:dana@riverbend.example?") || !strings.Contains(u, "secret="+secret) {
			t.Fatalf("%s", u)
		}
	})
}
