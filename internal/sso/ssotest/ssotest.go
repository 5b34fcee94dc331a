// Package ssotest runs a fake OpenID Connect identity provider for tests:
// a discovery document, a JWKS, an authorization endpoint that signs in
// whoever the test says and sends the browser back at once, and a token
// endpoint that checks the client secret, the redirect address and the
// PKCE verifier before it issues an RS256-signed ID token. Tests bend it
// (another nonce, an expired token, a foreign key) to prove each check.
package ssotest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// Client registration the fake provider accepts.
const (
	ClientID     = "goldthread-test"
	ClientSecret = "fake-client-secret"
)

// User is who is signed in at the provider.
type User struct {
	Subject       string
	Email         string
	EmailVerified bool
	AMR           []string
}

// IdP is a running fake provider. Its fields change what it does next;
// set them before the step they affect.
type IdP struct {
	*httptest.Server
	// Issuer is the issuer URL (the server's address).
	Issuer string

	mu   sync.Mutex
	user User
	// Deny, when set, answers the authorization request with this OAuth
	// error (such as "access_denied") instead of a code.
	Deny string
	// Tamper changes the ID token's claims just before signing.
	Tamper func(claims map[string]any)
	// SignWith, when set, signs ID tokens with this key instead of the
	// published one (a forged token).
	SignWith *rsa.PrivateKey
	// LastAuth is the query of the last authorization request.
	LastAuth url.Values

	key    *rsa.PrivateKey
	grants map[string]grant
}

type grant struct {
	user                          User
	nonce, challenge, redirectURI string
}

// New starts a fake provider, closed when t ends, with User as the person
// signed in there.
func New(t testing.TB, u User) *IdP {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &IdP{user: u, key: key, grants: map[string]grant{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /jwks", p.jwks)
	mux.HandleFunc("GET /authorize", p.authorize)
	mux.HandleFunc("POST /token", p.token)
	p.Server = httptest.NewServer(mux)
	p.Issuer = p.URL
	t.Cleanup(p.Close)
	return p
}

// NewKey returns a fresh RSA key for SignWith.
func NewKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// SignInAs changes who is signed in at the provider.
func (p *IdP) SignInAs(u User) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.user = u
}

// Set runs fn with the provider locked, to change its fields safely.
func (p *IdP) Set(fn func(p *IdP)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fn(p)
}

// Authorize follows authURL as a browser would and returns where the
// provider sends the browser back (the callback with code and state, or
// with error). It fails t when the provider does not redirect.
func (p *IdP) Authorize(t testing.TB, authURL string) *url.URL {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	if res.StatusCode != http.StatusFound || err != nil {
		t.Fatalf("authorize answered %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	return loc
}

func (p *IdP) discovery(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, map[string]any{
		"issuer":                                p.Issuer,
		"authorization_endpoint":                p.URL + "/authorize",
		"token_endpoint":                        p.URL + "/token",
		"jwks_uri":                              p.URL + "/jwks",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"code_challenge_methods_supported":      []string{"S256"},
	})
}

func (p *IdP) jwks(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &p.key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
}

// authorize plays the provider's sign-in page: the person is already
// signed in, so it answers at once with a one-time code.
func (p *IdP) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.LastAuth = q
	back, err := url.Parse(q.Get("redirect_uri"))
	if err != nil || q.Get("client_id") != ClientID || q.Get("response_type") != "code" {
		http.Error(w, "bad authorization request", http.StatusBadRequest)
		return
	}
	v := url.Values{"state": {q.Get("state")}}
	if p.Deny != "" {
		v.Set("error", p.Deny)
	} else {
		code := rand.Text()
		p.grants[code] = grant{user: p.user, nonce: q.Get("nonce"), challenge: q.Get("code_challenge"), redirectURI: q.Get("redirect_uri")}
		v.Set("code", code)
	}
	back.RawQuery = v.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

// token redeems a code once, checking the client, the redirect address
// and the PKCE verifier against the challenge of the authorization.
func (p *IdP) token(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	g, found := p.grants[r.PostForm.Get("code")]
	delete(p.grants, r.PostForm.Get("code"))
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	switch {
	case id != ClientID || secret != ClientSecret:
		oauthError(w, http.StatusUnauthorized, "invalid_client")
		return
	case !found || r.PostForm.Get("grant_type") != "authorization_code" || r.PostForm.Get("redirect_uri") != g.redirectURI:
		oauthError(w, http.StatusBadRequest, "invalid_grant")
		return
	case g.challenge == "" || base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge:
		oauthError(w, http.StatusBadRequest, "invalid_grant") // PKCE verifier does not match
		return
	}
	now := time.Now()
	claims := map[string]any{"iss": p.Issuer, "aud": ClientID, "sub": g.user.Subject, "iat": now.Unix(),
		"exp": now.Add(5 * time.Minute).Unix(), "nonce": g.nonce, "email": g.user.Email, "email_verified": g.user.EmailVerified}
	if g.user.AMR != nil {
		claims["amr"] = g.user.AMR
	}
	if p.Tamper != nil {
		claims = maps.Clone(claims)
		p.Tamper(claims)
	}
	key := p.key
	if p.SignWith != nil {
		key = p.SignWith
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithHeader("kid", "k1").WithType("JWT"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	payload, _ := json.Marshal(claims)
	jws, err := signer.Sign(payload)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	raw, _ := jws.CompactSerialize()
	writeJSON(w, map[string]any{"access_token": rand.Text(), "token_type": "Bearer", "expires_in": 300, "id_token": raw})
}

func oauthError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": code})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}
