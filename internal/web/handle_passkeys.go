package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/passkey"
	"github.com/goldthread/goldthread/internal/store"
)

// Passkeys (ONC (d)(13)). Each ceremony is two JSON posts made by
// static/passkey.js: the first returns the options for the browser and
// keeps the server's half in the store; the second carries the browser's
// answer, which names its ceremony by the challenge it signed.

// maxPasskeyBody bounds a browser's answer; real ones are a few KiB.
const maxPasskeyBody = 64 << 10

// party is the relying party for the address people use. Browsers bind
// passkeys to a host name, so a server reached by IP address (or with a
// bad --public-url) has none, and the pages hide them.
func (s *Server) party(r *http.Request) (*passkey.Party, error) {
	p, err := passkey.New(s.publicOrigin(r))
	if err != nil {
		return nil, goldthread.Errorf(goldthread.EINVALID, "%s", s.printer(r).T("passkey.error.no_host"))
	}
	return p, nil
}

// passkeysHere reports whether passkeys can work at this address.
func (s *Server) passkeysHere(r *http.Request) bool {
	_, err := s.party(r)
	return err == nil
}

func holderUser(h store.PasskeyHolder) *passkey.User {
	u := &passkey.User{Handle: h.Handle, Email: h.Email, Name: h.Name}
	for _, p := range h.Passkeys {
		u.Credentials = append(u.Credentials, passkey.Credential{ID: p.ID, Record: p.Record, SignCount: p.SignCount})
	}
	return u
}

// readPasskeyAnswer reads the browser's answer and the challenge it names.
func readPasskeyAnswer(r *http.Request) (body []byte, challenge string, err error) {
	body, err = io.ReadAll(io.LimitReader(r.Body, maxPasskeyBody))
	if err != nil {
		return nil, "", goldthread.Errorf(goldthread.EINVALID, "The passkey answer could not be read. Try again.")
	}
	challenge, err = passkey.Challenge(body)
	if err != nil {
		return nil, "", goldthread.Errorf(goldthread.EINVALID, "That is not a passkey answer. Try again.")
	}
	return body, challenge, nil
}

// handlePasskeyRegisterOptions starts adding a passkey to the signed-in
// person's account.
// The name comes first so a missing one is said before the device asks.
func (s *Server) handlePasskeyRegisterOptions(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	options, err := s.beginRegistration(r, actor)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, options)
}

func (s *Server) beginRegistration(r *http.Request, actor goldthread.Actor) (json.RawMessage, error) {
	var in passkeyRegistration
	if err := json.NewDecoder(io.LimitReader(r.Body, maxPasskeyBody)).Decode(&in); err != nil {
		return nil, goldthread.FieldError("name", "Send the passkey's name as JSON, such as {\"name\": \"My phone\"}.")
	}
	if err := store.CheckPasskeyName(in.Name); err != nil {
		return nil, err
	}
	party, h, err := s.partyAndHolder(r, actor.UserID)
	if err != nil {
		return nil, err
	}
	c, err := party.BeginRegistration(*holderUser(h))
	if err != nil {
		return nil, err
	}
	err = s.db.BeginPasskeyCeremony(r.Context(), store.PasskeyCeremony{Purpose: store.CeremonyRegister, Challenge: c.Challenge, Session: c.Session, UserID: actor.UserID})
	return c.Options, err
}

// passkeyRegistration is what passkey.js posts: the name the person gave
// and the browser's answer.
type passkeyRegistration struct {
	Name       string          `json:"name"`
	Credential json.RawMessage `json:"credential"`
}

// handlePasskeyRegister checks the new passkey and keeps it under its name.
func (s *Server) handlePasskeyRegister(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.finishRegistration(r, actor); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"redirect": "/account/mfa?added=1"})
}

func (s *Server) finishRegistration(r *http.Request, actor goldthread.Actor) error {
	refused := goldthread.Errorf(goldthread.EINVALID, "%s", s.printer(r).T("passkey.error.refused"))
	var in passkeyRegistration
	if err := json.NewDecoder(io.LimitReader(r.Body, maxPasskeyBody)).Decode(&in); err != nil {
		return refused
	}
	if err := store.CheckPasskeyName(in.Name); err != nil {
		return err
	}
	challenge, err := passkey.Challenge(in.Credential)
	if err != nil {
		return refused
	}
	session, _, err := s.db.TakePasskeyCeremony(r.Context(), challenge, store.CeremonyRegister, actor.UserID)
	if err != nil {
		return err
	}
	party, h, err := s.partyAndHolder(r, actor.UserID)
	if err != nil {
		return err
	}
	cred, err := party.FinishRegistration(*holderUser(h), session, in.Credential)
	if errors.Is(err, passkey.ErrRefused) {
		return refused
	}
	if err != nil {
		return err
	}
	_, err = s.db.AddPasskey(r.Context(), actor, in.Name, store.StoredPasskey(cred))
	return err
}

// handlePasskeyRemove takes a passkey out of use (password required).
func (s *Server) handlePasskeyRemove(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	if err := s.db.RemovePasskey(r.Context(), actor, id, r.PostForm.Get("password")); err != nil {
		s.factorRefused(w, r, actor, err, id)
		return
	}
	http.Redirect(w, r, "/account/mfa?removed=1", http.StatusSeeOther)
}

// handlePasskeySignInOptions starts a sign-in with a passkey alone.
func (s *Server) handlePasskeySignInOptions(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if s.passkeyThrottled(w, r, actor.IP) {
		return
	}
	if wait, err := s.db.TakeStart(r.Context(), actor.IP); err != nil || wait > 0 {
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		s.apiThrottled(w, r, wait)
		return
	}
	options, err := s.beginPasskeySignIn(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, options)
}

func (s *Server) beginPasskeySignIn(r *http.Request) (json.RawMessage, error) {
	party, err := s.party(r)
	if err != nil {
		return nil, err
	}
	c, err := party.BeginSignIn(nil)
	if err != nil {
		return nil, err
	}
	err = s.db.BeginPasskeyCeremony(r.Context(), store.PasskeyCeremony{Purpose: store.CeremonySignIn, Challenge: c.Challenge, Session: c.Session})
	return c.Options, err
}

// handlePasskeySignIn finishes a sign-in with a passkey alone: the passkey
// names its owner through the handle it was made for.
func (s *Server) handlePasskeySignIn(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	owner, used, err := s.finishPasskeySignIn(r, actor.IP)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.openPasskeySession(w, r, store.PasskeySignIn{UserID: owner, Used: used, Kind: store.SessionWeb, IP: actor.IP})
}

func (s *Server) finishPasskeySignIn(r *http.Request, ip string) (int64, store.StoredPasskey, error) {
	body, challenge, err := readPasskeyAnswer(r)
	if err != nil {
		return 0, store.StoredPasskey{}, err
	}
	session, _, err := s.db.TakePasskeyCeremony(r.Context(), challenge, store.CeremonySignIn, 0)
	if err != nil {
		return 0, store.StoredPasskey{}, err
	}
	party, err := s.party(r)
	if err != nil {
		return 0, store.StoredPasskey{}, err
	}
	var owner int64
	_, used, err := party.FinishSignIn(nil, func(handle []byte) (passkey.User, error) {
		h, err := s.db.PasskeyHolderByHandle(r.Context(), handle)
		if err != nil {
			return passkey.User{}, err
		}
		owner = h.UserID
		return *holderUser(h), nil
	}, session, body)
	if err != nil {
		return 0, store.StoredPasskey{}, s.passkeyRefusal(r, owner, ip, err)
	}
	return owner, store.StoredPasskey(used), nil
}

// handlePasskeySecondStepOptions offers the person halfway through signing
// in (password right) their own passkeys instead of a code.
func (s *Server) handlePasskeySecondStepOptions(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if s.passkeyThrottled(w, r, actor.IP) {
		return
	}
	c, userID, err := s.challengeOwner(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	options, err := s.askForPasskey(r, userID, store.CeremonySecondStep, c, "passkey.error.none")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, options)
}

// handlePasskeySecondStep finishes a two-step sign-in with a passkey.
func (s *Server) handlePasskeySecondStep(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	c, userID, err := s.challengeOwner(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	used, err := s.checkPasskey(r, userID, store.CeremonySecondStep, actor.IP)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: challengeCookie, Path: "/signin", MaxAge: -1})
	s.openPasskeySession(w, r, store.PasskeySignIn{UserID: userID, Used: used, MFAToken: c, Kind: store.SessionWeb, IP: actor.IP})
}

// challengeOwner reads the sign-in halfway done (password right) and the
// person it belongs to.
func (s *Server) challengeOwner(r *http.Request) (string, int64, error) {
	c, err := r.Cookie(challengeCookie)
	if err != nil {
		return "", 0, goldthread.Errorf(goldthread.EUNAUTHORIZED, "That sign-in took too long. Start again with your password.")
	}
	userID, err := s.db.ChallengeUser(r.Context(), c.Value)
	return c.Value, userID, err
}

func (s *Server) openPasskeySession(w http.ResponseWriter, r *http.Request, in store.PasskeySignIn) {
	token, _, err := s.db.CompletePasskeySignIn(r.Context(), in, s.cfg.Sessions)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.setSessionCookie(w, token)
	writeJSON(w, http.StatusOK, map[string]string{"redirect": "/today"})
}

// handlePasskeyReauthOptions asks the signed-in person for one of their
// passkeys, to stand in for their password on a signature or approval.
func (s *Server) handlePasskeyReauthOptions(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	options, err := s.askForPasskey(r, actor.UserID, store.CeremonyReauth, "", "passkey.error.none_reauth")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, options)
}

// handlePasskeyReauth checks the passkey and answers with a proof the
// form sends in place of the password (once, within two minutes).
func (s *Server) handlePasskeyReauth(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	used, err := s.checkPasskey(r, actor.UserID, store.CeremonyReauth, actor.IP)
	if err == nil {
		err = s.db.TouchPasskey(r.Context(), actor, used)
	}
	var proof string
	if err == nil {
		proof, err = s.db.IssueReauthProof(r.Context(), actor)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"proof": proof})
}

// reauthSecret is what a form that asks for the password again carries:
// the passkey proof when the person used their passkey, else the password.
func reauthSecret(form url.Values) string {
	if proof := form.Get("passkey_proof"); proof != "" {
		return store.ReauthPrefix + proof
	}
	return form.Get("password")
}
