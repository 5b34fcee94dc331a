// Package sso signs people in through an agency's OpenID Connect identity
// provider: the authorization code flow with PKCE (S256) and a nonce, and
// a fully verified ID token (signature, issuer, audience, expiry, nonce).
// It wraps github.com/coreos/go-oidc and golang.org/x/oauth2 and knows
// nothing of accounts or sessions: it answers who the provider says the
// person is, and the store decides whether that person may come in.
package sso

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// Config names the provider and this application's registration with it.
type Config struct {
	// Issuer is the provider's issuer URL, such as
	// https://login.example.org/realms/agency; its discovery document is
	// read from Issuer + "/.well-known/openid-configuration" and must name
	// the same issuer. HTTPS is required except on a loopback host.
	Issuer string
	// ClientID and ClientSecret are the registration of Goldthread at the
	// provider (a confidential client).
	ClientID     string
	ClientSecret string
	// RedirectURL is where the provider sends the browser back, the public
	// address + "/signin/sso/callback"; it must be registered there.
	RedirectURL string
	// Name labels the button: "Sign in with <Name>".
	Name string
	// HTTPClient talks to the provider; nil means a client with a
	// 10-second timeout, so a slow provider cannot hold a request forever.
	HTTPClient *http.Client
}

// Identity is who the provider says signed in. Issuer and Subject together
// name the person for good; Email may change at the provider and counts
// only when EmailVerified. AMR lists the provider's authentication methods
// (such as "pwd", "mfa"), empty when it does not say.
type Identity struct {
	Issuer        string
	Subject       string
	Email         string
	EmailVerified bool
	AMR           []string
}

// Errors Exchange wraps, so callers can tell them apart for the audit trail.
var (
	// ErrExchange: the provider refused the code or could not be reached.
	ErrExchange = errors.New("sso: the code exchange failed")
	// ErrToken: the ID token is missing or fails verification (signature,
	// issuer, audience, authorized party, expiry, nonce, subject).
	ErrToken = errors.New("sso: the ID token is not valid")
)

// Provider is one configured identity provider, safe for concurrent use.
type Provider struct {
	name     string
	issuer   string
	clientID string
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
	client   *http.Client
}

// New reads the provider's discovery document and returns a Provider.
// Returns an error when the configuration is incomplete, the issuer is not
// HTTPS (loopback excepted), the provider cannot be reached, names another
// issuer, or says it does not support PKCE with S256.
func New(ctx context.Context, cfg Config) (*Provider, error) {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.RedirectURL == "" {
		return nil, errors.New("sso: the issuer, client id and redirect URL are all needed")
	}
	if err := CheckIssuer(cfg.Issuer); err != nil {
		return nil, err
	}
	client := cfg.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	// The client travels in the context: go-oidc keeps it for fetching
	// signing keys later, oauth2 uses it for the token endpoint.
	ctx = oidc.ClientContext(ctx, client)
	op, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("sso: discovery at %s: %w", cfg.Issuer, err)
	}
	var meta struct {
		Methods []string `json:"code_challenge_methods_supported"`
	}
	if err := op.Claims(&meta); err != nil {
		return nil, fmt.Errorf("sso: discovery at %s: %w", cfg.Issuer, err)
	}
	// Providers that do not advertise methods usually support S256 anyway;
	// one that lists methods without it would ignore our challenge.
	if len(meta.Methods) > 0 && !slices.Contains(meta.Methods, "S256") {
		return nil, fmt.Errorf("sso: %s does not support PKCE with S256", cfg.Issuer)
	}
	name := cfg.Name
	if name == "" {
		name = "your organization"
	}
	return &Provider{
		name:     name,
		issuer:   cfg.Issuer,
		clientID: cfg.ClientID,
		oauth: oauth2.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
			Endpoint: op.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email"}},
		verifier: op.Verifier(&oidc.Config{ClientID: cfg.ClientID}),
		client:   client,
	}, nil
}

// CheckIssuer refuses an issuer that is not an absolute HTTPS URL, except
// http on a loopback host (a provider on the same machine, and tests).
func CheckIssuer(issuer string) error {
	u, err := url.Parse(issuer)
	if err != nil || u.Host == "" {
		return fmt.Errorf("sso: the issuer %q is not an absolute URL", issuer)
	}
	if u.Scheme == "https" {
		return nil
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); u.Scheme == "http" && (host == "localhost" || (ip != nil && ip.IsLoopback())) {
		return nil
	}
	return fmt.Errorf("sso: the issuer %q must use https", issuer)
}

// Name is the label of the sign-in button.
func (p *Provider) Name() string { return p.name }

// Issuer is the verified issuer every Identity carries.
func (p *Provider) Issuer() string { return p.issuer }

// AuthURL is the provider's authorization address for one sign-in: the
// code flow with scopes openid and email, state, nonce, and the S256 PKCE
// challenge of verifier. All three values must be fresh, random, kept on
// the server and used once (the store's StartSSO makes them).
func (p *Provider) AuthURL(state, nonce, verifier string) string {
	return p.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier))
}

// Exchange trades the code the provider returned for tokens (sending the
// PKCE verifier) and verifies the ID token: its signature against the
// provider's published keys, issuer, audience (and authorized party when
// there are several audiences), expiry, and that its nonce equals nonce.
// Returns an error wrapping ErrExchange or ErrToken; the Identity only when
// every check passed.
func (p *Provider) Exchange(ctx context.Context, code, verifier, nonce string) (Identity, error) {
	if code == "" || verifier == "" || nonce == "" {
		return Identity{}, fmt.Errorf("%w: code, verifier and nonce are all needed", ErrExchange)
	}
	ctx = oidc.ClientContext(ctx, p.client)
	tok, err := p.oauth.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return Identity{}, fmt.Errorf("%w: %v", ErrExchange, err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return Identity{}, fmt.Errorf("%w: the token response has no id_token", ErrToken)
	}
	idt, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return Identity{}, fmt.Errorf("%w: %v", ErrToken, err)
	}
	// go-oidc leaves the nonce to us: it binds the token to this sign-in,
	// so a token issued for another one cannot be replayed here.
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		return Identity{}, fmt.Errorf("%w: the nonce does not match this sign-in", ErrToken)
	}
	var claims struct {
		Email         string   `json:"email"`
		EmailVerified flexBool `json:"email_verified"`
		AMR           []string `json:"amr"`
		AZP           string   `json:"azp"`
	}
	if err := idt.Claims(&claims); err != nil {
		return Identity{}, fmt.Errorf("%w: %v", ErrToken, err)
	}
	// OpenID Connect Core 3.1.3.7: with several audiences the token must
	// have been issued to us (azp), not to another client in the list.
	if len(idt.Audience) > 1 && claims.AZP != p.clientID {
		return Identity{}, fmt.Errorf("%w: issued to another party", ErrToken)
	}
	if idt.Subject == "" {
		return Identity{}, fmt.Errorf("%w: no subject", ErrToken)
	}
	return Identity{Issuer: idt.Issuer, Subject: idt.Subject, Email: claims.Email,
		EmailVerified: bool(claims.EmailVerified), AMR: claims.AMR}, nil
}

// flexBool reads email_verified as a JSON boolean or the strings "true" /
// "false" some providers send; anything else is false.
type flexBool bool

func (b *flexBool) UnmarshalJSON(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case bool:
		*b = flexBool(v)
	case string:
		*b = v == "true"
	default:
		*b = false
	}
	return nil
}
