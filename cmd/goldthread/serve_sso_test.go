package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/sso/ssotest"
	"github.com/goldthread/goldthread/internal/store"
)

const testSecret = "very-secret-client-secret"

// TestServeOIDCFlags: single sign-on settings come all together or not at
// all, the secret only from the environment, and each refusal names the
// flag to fix, before anything starts.
func TestServeOIDCFlags(t *testing.T) {
	ctx := context.Background()
	full := map[string]string{"GOLDTHREAD_OIDC_ISSUER": "https://login.example.org", "GOLDTHREAD_OIDC_CLIENT_ID": "goldthread",
		"GOLDTHREAD_OIDC_AGENCY": "riverbend", "GOLDTHREAD_OIDC_CLIENT_SECRET": testSecret, "GOLDTHREAD_PUBLIC_URL": "https://gt.example.org"}
	without := func(keys ...string) map[string]string {
		m := map[string]string{}
		for k, v := range full {
			m[k] = v
		}
		for _, k := range keys {
			delete(m, k)
		}
		return m
	}
	cases := []struct {
		name string
		vars map[string]string
		args []string
		want []string
	}{
		{"IssuerAlone", nil, []string{"--oidc-issuer", "https://login.example.org"}, []string{"--oidc-client-id", "--oidc-agency"}},
		{"ClientIDAlone", nil, []string{"--oidc-client-id", "goldthread"}, []string{"--oidc-issuer", "--oidc-agency"}},
		{"AgencyMissingFromEnv", without("GOLDTHREAD_OIDC_AGENCY"), nil, []string{"--oidc-agency", "GOLDTHREAD_OIDC_AGENCY"}},
		{"PlainHTTPIssuer", full, []string{"--oidc-issuer", "http://login.example.org"}, []string{"--oidc-issuer", "https://"}},
		{"NoSecret", without("GOLDTHREAD_OIDC_CLIENT_SECRET"), nil, []string{"GOLDTHREAD_OIDC_CLIENT_SECRET"}},
		{"NoPublicURL", without("GOLDTHREAD_PUBLIC_URL"), nil, []string{"--public-url", "/signin/sso/callback"}},
		{"SecretIsNeverAFlag", nil, []string{"--oidc-client-secret", testSecret}, []string{"flag provided but not defined: -oidc-client-secret"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"serve", "--db", filepath.Join(t.TempDir(), "gt.db")}, c.args...)
			code, _, errOut := runCmd(t, ctx, c.vars, args...)
			if code != 2 {
				t.Fatalf("exit %d, stderr %q; want 2", code, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q does not name %s", errOut, w)
				}
			}
			if c.name != "SecretIsNeverAFlag" && strings.Contains(errOut, testSecret) {
				t.Error("the client secret was printed")
			}
		})
	}
}

// lockedWriter is a bytes.Buffer safe for the server's goroutines.
type lockedWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeWithOIDC: with a provider configured, serve reads its discovery
// document, offers the button and sends people to the provider with the
// callback at --public-url; it never logs the secret. An unknown agency
// stops it with a sentence naming --oidc-agency.
func TestServeWithOIDC(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	idp := ssotest.New(t, ssotest.User{})
	dbPath := filepath.Join(t.TempDir(), "gt.db")
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAgency(ctx, &goldthread.Agency{Slug: "riverbend", Name: "Riverbend Recovery Partners"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	vars := map[string]string{"GOLDTHREAD_OIDC_CLIENT_SECRET": ssotest.ClientSecret}
	args := []string{"serve", "--db", dbPath, "--addr", "127.0.0.1:0", "--public-url", "https://gt.example.org",
		"--oidc-issuer", idp.Issuer, "--oidc-client-id", ssotest.ClientID, "--oidc-name", "Riverbend Okta"}

	t.Run("UnknownAgency", func(t *testing.T) {
		code, _, errOut := runCmd(t, ctx, vars, append(args, "--oidc-agency", "nosuch")...)
		if code != 1 || !strings.Contains(errOut, "--oidc-agency") {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
	})

	pr, pw := io.Pipe()
	errOut := &lockedWriter{}
	e := &env{stdin: strings.NewReader(""), stdout: pw, stderr: errOut, getenv: func(k string) string { return vars[k] }}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, e, append(args, "--oidc-agency", "riverbend"))
		pw.Close()
	}()
	buf := make([]byte, 256)
	n, _ := pr.Read(buf)
	addr := regexp.MustCompile(`http://[0-9.:]+`).FindString(string(buf[:n]))
	if addr == "" {
		t.Fatalf("no address in %q (%s)", buf[:n], errOut.String())
	}
	go io.Copy(io.Discard, pr)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(addr + "/signin")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), "Sign in with Riverbend Okta") {
		t.Error("no single sign-on button")
	}
	res, err = c.Post(addr+"/signin/sso", "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc, _ := url.Parse(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc.String(), idp.URL+"/authorize") ||
		loc.Query().Get("redirect_uri") != "https://gt.example.org/signin/sso/callback" {
		t.Errorf("start answered %d %s", res.StatusCode, loc)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d: %s", code, errOut.String())
	}
	if strings.Contains(errOut.String(), ssotest.ClientSecret) {
		t.Error("the client secret reached the log")
	}
	if !strings.Contains(errOut.String(), "single sign-on on") {
		t.Errorf("start-up log does not say single sign-on is on: %s", errOut.String())
	}
}
