package sso_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/sso"
	"github.com/goldthread/goldthread/internal/sso/ssotest"
)

const redirect = "https://goldthread.example.org/signin/sso/callback"

var dana = ssotest.User{Subject: "idp-0001", Email: "Dana@Riverbend.example", EmailVerified: true, AMR: []string{"pwd", "mfa"}}

func newProvider(t *testing.T, idp *ssotest.IdP) *sso.Provider {
	t.Helper()
	p, err := sso.New(context.Background(), sso.Config{Issuer: idp.Issuer, ClientID: ssotest.ClientID,
		ClientSecret: ssotest.ClientSecret, RedirectURL: redirect, Name: "Riverbend Okta"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// signIn runs one authorization at the fake provider and returns the code.
func signIn(t *testing.T, idp *ssotest.IdP, p *sso.Provider, state, nonce, verifier string) string {
	t.Helper()
	back := idp.Authorize(t, p.AuthURL(state, nonce, verifier))
	if back.Query().Get("state") != state {
		t.Fatalf("state not returned: %s", back)
	}
	return back.Query().Get("code")
}

const (
	state    = "state-abcdefghijklmnopqrstuvwxyz0123456789AB"
	nonce    = "nonce-abcdefghijklmnopqrstuvwxyz0123456789AB"
	verifier = "verifier-abcdefghijklmnopqrstuvwxyz0123456789"
)

func TestAuthURL(t *testing.T) {
	idp := ssotest.New(t, dana)
	p := newProvider(t, idp)
	u, err := url.Parse(p.AuthURL(state, nonce, verifier))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	sum := sha256.Sum256([]byte(verifier))
	want := map[string]string{"response_type": "code", "client_id": ssotest.ClientID, "redirect_uri": redirect, "state": state,
		"nonce": nonce, "code_challenge_method": "S256", "code_challenge": base64.RawURLEncoding.EncodeToString(sum[:])}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("%s = %q; want %q", k, q.Get(k), v)
		}
	}
	if scopes := strings.Fields(q.Get("scope")); !slices.Contains(scopes, "openid") || !slices.Contains(scopes, "email") {
		t.Errorf("scope = %q; want openid and email", q.Get("scope"))
	}
	if strings.Contains(u.String(), verifier) {
		t.Error("the PKCE verifier itself went to the browser")
	}
	if p.Name() != "Riverbend Okta" || p.Issuer() != idp.Issuer {
		t.Errorf("name %q issuer %q", p.Name(), p.Issuer())
	}
}

func TestExchange(t *testing.T) {
	ctx := context.Background()
	idp := ssotest.New(t, dana)
	p := newProvider(t, idp)
	exchange := func(t *testing.T) (sso.Identity, error) {
		t.Helper()
		return p.Exchange(ctx, signIn(t, idp, p, state, nonce, verifier), verifier, nonce)
	}
	tamper := func(t *testing.T, fn func(map[string]any)) {
		idp.Set(func(p *ssotest.IdP) { p.Tamper = fn })
		t.Cleanup(func() { idp.Set(func(p *ssotest.IdP) { p.Tamper = nil }) })
	}
	refused := func(t *testing.T, want error) {
		t.Helper()
		id, err := exchange(t)
		if !errors.Is(err, want) || id.Subject != "" {
			t.Fatalf("got %+v, %v; want %v and no identity", id, err, want)
		}
	}

	t.Run("VerifiedTokenGivesTheIdentity", func(t *testing.T) {
		id, err := exchange(t)
		if err != nil {
			t.Fatal(err)
		}
		want := sso.Identity{Issuer: idp.Issuer, Subject: "idp-0001", Email: "Dana@Riverbend.example", EmailVerified: true, AMR: []string{"pwd", "mfa"}}
		if id.Issuer != want.Issuer || id.Subject != want.Subject || id.Email != want.Email || !id.EmailVerified || !slices.Equal(id.AMR, want.AMR) {
			t.Fatalf("identity %+v; want %+v", id, want)
		}
	})
	t.Run("WrongNonceRefused", func(t *testing.T) {
		code := signIn(t, idp, p, state, nonce, verifier)
		if _, err := p.Exchange(ctx, code, verifier, "nonce-of-another-sign-in-000000000000000000"); !errors.Is(err, sso.ErrToken) {
			t.Fatalf("err = %v; want ErrToken", err)
		}
	})
	t.Run("TokenWithoutNonceRefused", func(t *testing.T) {
		tamper(t, func(c map[string]any) { delete(c, "nonce") })
		refused(t, sso.ErrToken)
	})
	t.Run("WrongVerifierRefusedByProvider", func(t *testing.T) {
		code := signIn(t, idp, p, state, nonce, verifier)
		if _, err := p.Exchange(ctx, code, "verifier-someone-else-guessed-000000000000000", nonce); !errors.Is(err, sso.ErrExchange) {
			t.Fatalf("err = %v; want ErrExchange", err)
		}
	})
	t.Run("CodeOnlyOnce", func(t *testing.T) {
		code := signIn(t, idp, p, state, nonce, verifier)
		if _, err := p.Exchange(ctx, code, verifier, nonce); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Exchange(ctx, code, verifier, nonce); !errors.Is(err, sso.ErrExchange) {
			t.Fatalf("err = %v; want ErrExchange", err)
		}
	})
	t.Run("ExpiredTokenRefused", func(t *testing.T) {
		tamper(t, func(c map[string]any) { c["exp"] = time.Now().Add(-time.Minute).Unix() })
		refused(t, sso.ErrToken)
	})
	t.Run("OtherAudienceRefused", func(t *testing.T) {
		tamper(t, func(c map[string]any) { c["aud"] = "another-app" })
		refused(t, sso.ErrToken)
	})
	t.Run("SeveralAudiencesNeedUsAsAuthorizedParty", func(t *testing.T) {
		tamper(t, func(c map[string]any) { c["aud"] = []string{ssotest.ClientID, "another-app"}; c["azp"] = "another-app" })
		refused(t, sso.ErrToken)
	})
	t.Run("OtherIssuerRefused", func(t *testing.T) {
		tamper(t, func(c map[string]any) { c["iss"] = "https://impostor.example" })
		refused(t, sso.ErrToken)
	})
	t.Run("ForgedSignatureRefused", func(t *testing.T) {
		idp.Set(func(p *ssotest.IdP) { p.SignWith = ssotest.NewKey(t) })
		t.Cleanup(func() { idp.Set(func(p *ssotest.IdP) { p.SignWith = nil }) })
		refused(t, sso.ErrToken)
	})
	t.Run("EmailVerifiedAsString", func(t *testing.T) {
		tamper(t, func(c map[string]any) { c["email_verified"] = "true" })
		if id, err := exchange(t); err != nil || !id.EmailVerified {
			t.Fatalf("%+v %v", id, err)
		}
		tamper(t, func(c map[string]any) { c["email_verified"] = "false" })
		if id, err := exchange(t); err != nil || id.EmailVerified {
			t.Fatalf("%+v %v", id, err)
		}
	})
}

func TestNew(t *testing.T) {
	ctx := context.Background()
	idp := ssotest.New(t, dana)
	cfg := sso.Config{Issuer: idp.Issuer, ClientID: ssotest.ClientID, ClientSecret: ssotest.ClientSecret, RedirectURL: redirect}
	t.Run("DefaultName", func(t *testing.T) {
		p, err := sso.New(ctx, cfg)
		if err != nil || p.Name() != "your organization" {
			t.Fatalf("%v %v", p, err)
		}
	})
	t.Run("PlainHTTPOnlyOnLoopback", func(t *testing.T) {
		c := cfg
		c.Issuer = "http://idp.example.org"
		if _, err := sso.New(ctx, c); err == nil || !strings.Contains(err.Error(), "https") {
			t.Fatalf("err = %v; want a refusal naming https", err)
		}
	})
	t.Run("IssuerMustMatchDiscovery", func(t *testing.T) {
		c := cfg
		c.Issuer = strings.Replace(idp.Issuer, "127.0.0.1", "localhost", 1)
		if _, err := sso.New(ctx, c); err == nil {
			t.Fatal("a discovery document naming another issuer was accepted")
		}
	})
	t.Run("Incomplete", func(t *testing.T) {
		c := cfg
		c.ClientID = ""
		if _, err := sso.New(ctx, c); err == nil {
			t.Fatal("no client id accepted")
		}
	})
}
