package passkey_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/passkey"
	"github.com/goldthread/goldthread/internal/passkey/passkeytest"
)

const origin = "http://localhost:8080"

func register(t *testing.T, p *passkey.Party, a *passkeytest.Authenticator, u passkey.User) passkey.Credential {
	t.Helper()
	c, err := p.BeginRegistration(u)
	if err != nil {
		t.Fatal(err)
	}
	body, err := a.Create(c.Options)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := passkey.Challenge(body); err != nil || got != c.Challenge {
		t.Fatalf("Challenge = %q, %v; want %q", got, err, c.Challenge)
	}
	cred, err := p.FinishRegistration(u, c.Session, body)
	if err != nil {
		t.Fatalf("FinishRegistration: %v", err)
	}
	return cred
}

func TestCeremonies(t *testing.T) {
	p, err := passkey.New(origin)
	if err != nil {
		t.Fatal(err)
	}
	u := passkey.User{Handle: []byte("0123456789abcdef"), Email: "ana@example.org", Name: "Ana"}
	a := passkeytest.New(origin)
	cred := register(t, p, a, u)
	u.Credentials = []passkey.Credential{cred}

	t.Run("RegistrationAsksForAVerifiedDiscoverablePasskeyAndExcludesTheOnesHeld", func(t *testing.T) {
		c, err := p.BeginRegistration(u)
		if err != nil {
			t.Fatal(err)
		}
		o := string(c.Options)
		for _, want := range []string{`"residentKey":"required"`, `"userVerification":"required"`, `"excludeCredentials"`, `"id":"localhost"`} {
			if !strings.Contains(o, want) {
				t.Errorf("options lack %s: %s", want, o)
			}
		}
		if strings.Contains(o, "ana@example.org") == false {
			t.Errorf("options should name the account by email for the person's own device: %s", o)
		}
	})

	t.Run("SecondStepWithTheUsersPasskey", func(t *testing.T) {
		c, err := p.BeginSignIn(&u)
		if err != nil {
			t.Fatal(err)
		}
		body, err := a.Get(c.Options)
		if err != nil {
			t.Fatal(err)
		}
		handle, used, err := p.FinishSignIn(&u, nil, c.Session, body)
		if err != nil {
			t.Fatalf("FinishSignIn: %v", err)
		}
		if !bytes.Equal(handle, u.Handle) || !bytes.Equal(used.ID, cred.ID) {
			t.Errorf("handle %q id %x; want %q %x", handle, used.ID, u.Handle, cred.ID)
		}
	})

	t.Run("SignInWithoutAUserFindsThemByHandle", func(t *testing.T) {
		c, err := p.BeginSignIn(nil)
		if err != nil {
			t.Fatal(err)
		}
		body, err := a.Get(c.Options)
		if err != nil {
			t.Fatal(err)
		}
		handle, _, err := p.FinishSignIn(nil, func(h []byte) (passkey.User, error) {
			if !bytes.Equal(h, u.Handle) {
				return passkey.User{}, errors.New("unknown handle")
			}
			return u, nil
		}, c.Session, body)
		if err != nil || !bytes.Equal(handle, u.Handle) {
			t.Fatalf("FinishSignIn = %q, %v", handle, err)
		}
	})

	t.Run("AnotherSitesOriginIsRefused", func(t *testing.T) {
		c, _ := p.BeginSignIn(&u)
		phish := *a
		phish.Origin = "https://goldthread-login.example.com"
		body, err := phish.Get(c.Options)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := p.FinishSignIn(&u, nil, c.Session, body); !errors.Is(err, passkey.ErrRefused) {
			t.Fatalf("err = %v; want ErrRefused", err)
		}
	})

	t.Run("AnswerToAnotherCeremonyIsRefused", func(t *testing.T) {
		first, _ := p.BeginSignIn(&u)
		second, _ := p.BeginSignIn(&u)
		body, _ := a.Get(first.Options)
		if _, _, err := p.FinishSignIn(&u, nil, second.Session, body); !errors.Is(err, passkey.ErrRefused) {
			t.Fatalf("err = %v; want ErrRefused", err)
		}
	})

	t.Run("SomeoneElsesPasskeyIsRefused", func(t *testing.T) {
		other := passkey.User{Handle: []byte("fedcba9876543210"), Email: "bo@example.org", Name: "Bo"}
		b := passkeytest.New(origin)
		other.Credentials = []passkey.Credential{register(t, p, b, other)}
		c, _ := p.BeginSignIn(&u)
		// Bo's authenticator answers Ana's ceremony with Bo's passkey.
		body, err := b.Get([]byte(strings.Replace(string(c.Options), `"allowCredentials"`, `"ignored"`, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := p.FinishSignIn(&u, nil, c.Session, body); !errors.Is(err, passkey.ErrRefused) {
			t.Fatalf("err = %v; want ErrRefused", err)
		}
	})

	t.Run("CounterGoingBackwardsIsRefused", func(t *testing.T) {
		a.Counter = 7
		c, _ := p.BeginSignIn(&u)
		body, _ := a.Get(c.Options)
		_, used, err := p.FinishSignIn(&u, nil, c.Session, body)
		if err != nil {
			t.Fatal(err)
		}
		u2 := u
		u2.Credentials = []passkey.Credential{used}
		a.Counter = 3
		c, _ = p.BeginSignIn(&u2)
		body, _ = a.Get(c.Options)
		if _, _, err := p.FinishSignIn(&u2, nil, c.Session, body); !errors.Is(err, passkey.ErrRefused) {
			t.Fatalf("err = %v; want ErrRefused for a counter that went back", err)
		}
		a.Counter = 0
	})

	t.Run("GarbageIsRefusedNotPanicked", func(t *testing.T) {
		c, _ := p.BeginSignIn(&u)
		for _, body := range []string{"", "{}", `{"response":{"clientDataJSON":"!!"}}`, `{"id":"x","rawId":"x","type":"public-key","response":{}}`} {
			if _, _, err := p.FinishSignIn(&u, nil, c.Session, []byte(body)); !errors.Is(err, passkey.ErrRefused) {
				t.Errorf("body %q: err = %v; want ErrRefused", body, err)
			}
			if _, err := p.FinishRegistration(u, c.Session, []byte(body)); !errors.Is(err, passkey.ErrRefused) {
				t.Errorf("registration body %q: err = %v; want ErrRefused", body, err)
			}
		}
	})
}

func TestNewNeedsAnOrigin(t *testing.T) {
	for _, o := range []string{"", "goldthread", "://x"} {
		if _, err := passkey.New(o); err == nil {
			t.Errorf("New(%q) accepted", o)
		}
	}
}

// BenchmarkSignIn is one passkey sign-in's server work: options, then the
// check of the answer (signature, origin, challenge, flags). The software
// authenticator's signing runs outside the timer.
func BenchmarkSignIn(b *testing.B) {
	p, _ := passkey.New(origin)
	u := passkey.User{Handle: []byte("0123456789abcdef"), Email: "ana@example.org", Name: "Ana"}
	a := passkeytest.New(origin)
	c, _ := p.BeginRegistration(u)
	body, _ := a.Create(c.Options)
	cred, err := p.FinishRegistration(u, c.Session, body)
	if err != nil {
		b.Fatal(err)
	}
	u.Credentials = []passkey.Credential{cred}
	b.ReportAllocs()
	for b.Loop() {
		c, err := p.BeginSignIn(&u)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		answer, _ := a.Get(c.Options)
		b.StartTimer()
		if _, _, err := p.FinishSignIn(&u, nil, c.Session, answer); err != nil {
			b.Fatal(err)
		}
	}
}
