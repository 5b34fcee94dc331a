// Package passkey is Goldthread's side of WebAuthn passkeys (ONC
// §170.315(d)(13)): it turns a person and their stored passkeys into the
// options a browser needs, and checks what the browser sends back. It holds
// no state: the caller keeps each ceremony's Session (server side, usable
// once) and the credentials, and finds a ceremony again by Challenge.
//
// Every passkey Goldthread asks for is discoverable and verified by the
// person (fingerprint, face or device PIN), so a passkey proves two factors
// at once and may sign a person in without a password.
package passkey

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
)

// Timeout is how long the browser may take over one ceremony; the caller
// keeps the session a little longer.
const Timeout = 4 * time.Minute

// ErrRefused is wrapped by every failed check of what a browser sent: a
// wrong origin, challenge, signature, or a passkey that is not the person's.
var ErrRefused = errors.New("passkey: refused")

// Party is Goldthread as a WebAuthn relying party for one public origin.
type Party struct {
	wa     *webauthn.WebAuthn
	origin string
}

// New returns the relying party for origin (scheme and host, such as
// https://goldthread.example.org); passkeys are bound to its host name.
func New(origin string) (*Party, error) {
	u, err := url.Parse(origin)
	if err != nil || u.Hostname() == "" {
		return nil, fmt.Errorf("passkey: %q is not an origin such as https://goldthread.example.org", origin)
	}
	wa, err := webauthn.New(&webauthn.Config{
		RPID:          u.Hostname(),
		RPDisplayName: "Goldthread",
		RPOrigins:     []string{u.Scheme + "://" + u.Host},
		Timeouts: webauthn.TimeoutsConfig{
			Login:        webauthn.TimeoutConfig{Enforce: true, Timeout: Timeout},
			Registration: webauthn.TimeoutConfig{Enforce: true, Timeout: Timeout},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("passkey: %w", err)
	}
	return &Party{wa: wa, origin: u.Scheme + "://" + u.Host}, nil
}

// User is a person as an authenticator sees them: a random handle (never
// the email or a database id), the sign-in email as name, their display
// name, and the passkeys they already have.
type User struct {
	Handle      []byte
	Email, Name string
	Credentials []Credential
}

// Credential is one stored passkey: its id and the verifier's record of it
// (public key, flags, counter) as JSON, kept opaque by the store.
type Credential struct {
	ID        []byte
	Record    []byte
	SignCount uint32 // the authenticator's counter at its last use
}

// Ceremony is one registration or sign-in begun: Options go to the
// browser, Session stays on the server, found again by Challenge.
type Ceremony struct {
	Options   json.RawMessage
	Session   []byte
	Challenge string
}

// BeginRegistration asks the browser for a new discoverable passkey for u,
// excluding the ones u already has.
func (p *Party) BeginRegistration(u User) (Ceremony, error) {
	wu, err := u.webauthn()
	if err != nil {
		return Ceremony{}, err
	}
	creation, session, err := p.wa.BeginRegistration(wu,
		webauthn.WithAuthenticatorSelection(protocol.AuthenticatorSelection{
			ResidentKey:      protocol.ResidentKeyRequirementRequired,
			UserVerification: protocol.VerificationRequired,
		}),
		webauthn.WithExclusions(webauthn.Credentials(wu.creds).CredentialDescriptors()),
		webauthn.WithConveyancePreference(protocol.PreferNoAttestation),
	)
	if err != nil {
		return Ceremony{}, fmt.Errorf("passkey: %w", err)
	}
	return ceremony(creation, session)
}

// FinishRegistration checks the browser's answer to a registration begun
// for u and returns the new passkey to store.
func (p *Party) FinishRegistration(u User, session, body []byte) (Credential, error) {
	parsed, err := protocol.ParseCredentialCreationResponseBytes(body)
	if err != nil {
		return Credential{}, fmt.Errorf("%w: %v", ErrRefused, err)
	}
	wu, err := u.webauthn()
	if err != nil {
		return Credential{}, err
	}
	var sd webauthn.SessionData
	if err := json.Unmarshal(session, &sd); err != nil {
		return Credential{}, fmt.Errorf("passkey: session: %w", err)
	}
	cred, err := p.wa.CreateCredential(wu, sd, parsed)
	if err != nil {
		return Credential{}, fmt.Errorf("%w: %v", ErrRefused, err)
	}
	return record(cred)
}

// BeginSignIn asks the browser for a passkey. With a user (the second step
// after a password, or a re-authentication) only their passkeys are
// allowed; with none, the browser offers whatever passkey the person has
// for this site (sign-in without a password).
func (p *Party) BeginSignIn(u *User) (Ceremony, error) {
	uv := webauthn.WithUserVerification(protocol.VerificationRequired)
	if u == nil {
		assertion, session, err := p.wa.BeginDiscoverableLogin(uv)
		if err != nil {
			return Ceremony{}, fmt.Errorf("passkey: %w", err)
		}
		return ceremony(assertion, session)
	}
	wu, err := u.webauthn()
	if err != nil {
		return Ceremony{}, err
	}
	if len(wu.creds) == 0 {
		return Ceremony{}, fmt.Errorf("%w: no passkey registered", ErrRefused)
	}
	assertion, session, err := p.wa.BeginLogin(wu, uv)
	if err != nil {
		return Ceremony{}, fmt.Errorf("passkey: %w", err)
	}
	return ceremony(assertion, session)
}

// Lookup finds the person a passkey belongs to by the user handle the
// authenticator returned; it is called only for a sign-in begun without a
// user.
type Lookup func(handle []byte) (User, error)

// FinishSignIn checks the browser's answer to a sign-in. For a ceremony
// begun with a user, pass it as u; otherwise lookup finds them. It returns
// the person's handle and the passkey used, with its record updated (the
// counter) for the caller to store. A counter that went backwards means a
// copied authenticator and is refused.
func (p *Party) FinishSignIn(u *User, lookup Lookup, session, body []byte) (handle []byte, used Credential, err error) {
	parsed, err := protocol.ParseCredentialRequestResponseBytes(body)
	if err != nil {
		return nil, Credential{}, fmt.Errorf("%w: %v", ErrRefused, err)
	}
	var sd webauthn.SessionData
	if err := json.Unmarshal(session, &sd); err != nil {
		return nil, Credential{}, fmt.Errorf("passkey: session: %w", err)
	}
	var cred *webauthn.Credential
	if u != nil {
		wu, werr := u.webauthn()
		if werr != nil {
			return nil, Credential{}, werr
		}
		handle = u.Handle
		cred, err = p.wa.ValidateLogin(wu, sd, parsed)
	} else {
		var found webauthn.User
		found, cred, err = p.wa.ValidatePasskeyLogin(func(_, userHandle []byte) (webauthn.User, error) {
			pu, err := lookup(userHandle)
			if err != nil {
				return nil, err
			}
			return pu.webauthn()
		}, sd, parsed)
		if found != nil {
			handle = found.WebAuthnID()
		}
	}
	if err != nil {
		return nil, Credential{}, fmt.Errorf("%w: %v", ErrRefused, err)
	}
	if cred.Authenticator.CloneWarning {
		return nil, Credential{}, fmt.Errorf("%w: the passkey's counter went backwards (a copied authenticator?)", ErrRefused)
	}
	used, err = record(cred)
	return handle, used, err
}

// Challenge returns the challenge the browser signed in body, which names
// the ceremony it answers. It checks nothing else.
func Challenge(body []byte) (string, error) {
	var msg struct {
		Response struct {
			ClientDataJSON protocol.URLEncodedBase64 `json:"clientDataJSON"`
		} `json:"response"`
	}
	if err := json.Unmarshal(body, &msg); err != nil || len(msg.Response.ClientDataJSON) == 0 {
		return "", fmt.Errorf("%w: not a passkey response", ErrRefused)
	}
	var cd struct {
		Challenge string `json:"challenge"`
	}
	if err := json.Unmarshal(msg.Response.ClientDataJSON, &cd); err != nil || cd.Challenge == "" {
		return "", fmt.Errorf("%w: the response names no challenge", ErrRefused)
	}
	return cd.Challenge, nil
}

func ceremony(options any, session *webauthn.SessionData) (Ceremony, error) {
	o, err := json.Marshal(options)
	if err != nil {
		return Ceremony{}, fmt.Errorf("passkey: %w", err)
	}
	s, err := json.Marshal(session)
	if err != nil {
		return Ceremony{}, fmt.Errorf("passkey: %w", err)
	}
	return Ceremony{Options: o, Session: s, Challenge: session.Challenge}, nil
}

func record(c *webauthn.Credential) (Credential, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return Credential{}, fmt.Errorf("passkey: %w", err)
	}
	return Credential{ID: c.ID, Record: b, SignCount: c.Authenticator.SignCount}, nil
}

// webUser adapts User to the library's interface.
type webUser struct {
	u     User
	creds []webauthn.Credential
}

func (u User) webauthn() (*webUser, error) {
	if len(u.Handle) == 0 || len(u.Handle) > 64 {
		return nil, fmt.Errorf("passkey: a user handle must be 1 to 64 bytes")
	}
	w := &webUser{u: u}
	for _, c := range u.Credentials {
		var wc webauthn.Credential
		if err := json.Unmarshal(c.Record, &wc); err != nil {
			return nil, fmt.Errorf("passkey: stored credential: %w", err)
		}
		w.creds = append(w.creds, wc)
	}
	return w, nil
}

func (w *webUser) WebAuthnID() []byte                         { return w.u.Handle }
func (w *webUser) WebAuthnName() string                       { return w.u.Email }
func (w *webUser) WebAuthnDisplayName() string                { return w.u.Name }
func (w *webUser) WebAuthnCredentials() []webauthn.Credential { return w.creds }
