package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/goldthread/goldthread/internal/sso"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/web"
)

// oidcSecretEnv holds the client secret. It is never a flag: flags show
// in the process list and in shell history.
const oidcSecretEnv = "GOLDTHREAD_OIDC_CLIENT_SECRET"

// oidcFlags are serve's optional single sign-on settings.
type oidcFlags struct {
	issuer, clientID, name, agency *string
	secret                         string
}

func addOIDCFlags(e *env, fs *flag.FlagSet) *oidcFlags {
	return &oidcFlags{
		issuer: fs.String("oidc-issuer", e.getenv("GOLDTHREAD_OIDC_ISSUER"),
			"single sign-on: the OpenID Connect issuer URL of the agency's identity provider (env GOLDTHREAD_OIDC_ISSUER); the client secret comes only from env "+oidcSecretEnv),
		clientID: fs.String("oidc-client-id", e.getenv("GOLDTHREAD_OIDC_CLIENT_ID"), "single sign-on: Goldthread's client id at the provider (env GOLDTHREAD_OIDC_CLIENT_ID)"),
		name:     fs.String("oidc-name", envOr(e, "GOLDTHREAD_OIDC_NAME", "your organization"), "single sign-on: the provider's name on the button \"Sign in with …\" (env GOLDTHREAD_OIDC_NAME)"),
		agency:   fs.String("oidc-agency", e.getenv("GOLDTHREAD_OIDC_AGENCY"), "single sign-on: slug of the agency whose active staff may sign in through the provider (env GOLDTHREAD_OIDC_AGENCY)"),
		secret:   e.getenv(oidcSecretEnv),
	}
}

func (o *oidcFlags) on() bool { return *o.issuer != "" || *o.clientID != "" || *o.agency != "" }

// check returns a sentence saying what is wrong with the settings, or "".
// Issuer, client id and agency come all together or not at all; with them
// the secret and --public-url (the provider returns people to it) are needed.
func (o *oidcFlags) check(publicURL string) string {
	if !o.on() {
		return ""
	}
	var missing []string
	for _, f := range []struct {
		name, env, value string
	}{{"--oidc-issuer", "GOLDTHREAD_OIDC_ISSUER", *o.issuer}, {"--oidc-client-id", "GOLDTHREAD_OIDC_CLIENT_ID", *o.clientID},
		{"--oidc-agency", "GOLDTHREAD_OIDC_AGENCY", *o.agency}} {
		if f.value == "" {
			missing = append(missing, f.name+" (env "+f.env+")")
		}
	}
	switch {
	case len(missing) > 0:
		return "single sign-on needs --oidc-issuer, --oidc-client-id and --oidc-agency together; missing " + strings.Join(missing, " and ") + "."
	case sso.CheckIssuer(*o.issuer) != nil:
		return "--oidc-issuer must be an https:// address, such as https://login.example.org/realms/agency (http only on localhost)."
	case o.secret == "":
		return "single sign-on needs the client secret in the environment variable " + oidcSecretEnv + " (it is never a flag)."
	case publicURL == "":
		return "single sign-on needs --public-url, such as https://goldthread.example.org: the provider sends people back to it at /signin/sso/callback."
	}
	return ""
}

// singleSignOn reads the provider's discovery document and returns the
// web configuration, or nil when single sign-on is off. The agency must
// exist already.
func (o *oidcFlags) singleSignOn(ctx context.Context, db *store.DB, publicURL string, logger *slog.Logger) (*web.SingleSignOn, error) {
	if !o.on() {
		return nil, nil
	}
	if _, err := db.AgencyBySlug(ctx, *o.agency); err != nil {
		return nil, fmt.Errorf("--oidc-agency %q: there is no agency with that slug in the database", *o.agency)
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	p, err := sso.New(ctx, sso.Config{Issuer: *o.issuer, ClientID: *o.clientID, ClientSecret: o.secret,
		RedirectURL: publicURL + "/signin/sso/callback", Name: *o.name})
	if err != nil {
		return nil, fmt.Errorf("single sign-on: cannot use --oidc-issuer %s: %v", *o.issuer, err)
	}
	logger.Info("single sign-on on", "issuer", *o.issuer, "agency", *o.agency)
	return &web.SingleSignOn{Provider: p, Agency: *o.agency}, nil
}
