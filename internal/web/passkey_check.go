package web

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/passkey"
	"github.com/goldthread/goldthread/internal/store"
)

// The two halves of asking a known person for one of their own passkeys,
// shared by the second step of sign-in and by re-authentication.

// askForPasskey begins a ceremony of purpose for userID (for a second step,
// bound to the sign-in challenge mfaToken) and returns the browser's
// options. Someone without a passkey gets ENOTFOUND with the catalog
// message noneKey.
func (s *Server) askForPasskey(r *http.Request, userID int64, purpose, mfaToken, noneKey string) (json.RawMessage, error) {
	party, h, err := s.partyAndHolder(r, userID)
	if err != nil {
		return nil, err
	}
	c, err := party.BeginSignIn(holderUser(h))
	if errors.Is(err, passkey.ErrRefused) {
		return nil, goldthread.Errorf(goldthread.ENOTFOUND, "%s", s.printer(r).T(noneKey))
	}
	if err != nil {
		return nil, err
	}
	err = s.db.BeginPasskeyCeremony(r.Context(), store.PasskeyCeremony{Purpose: purpose, Challenge: c.Challenge, Session: c.Session,
		UserID: userID, MFAToken: mfaToken})
	return c.Options, err
}

// checkPasskey checks the browser's answer to a ceremony begun by
// askForPasskey for userID and purpose, and returns the passkey used with
// its updated record. A refused answer is audited and gets one message.
func (s *Server) checkPasskey(r *http.Request, userID int64, purpose, ip string) (store.StoredPasskey, error) {
	body, challenge, err := readPasskeyAnswer(r)
	if err != nil {
		return store.StoredPasskey{}, err
	}
	session, _, err := s.db.TakePasskeyCeremony(r.Context(), challenge, purpose, userID)
	if err != nil {
		return store.StoredPasskey{}, err
	}
	party, h, err := s.partyAndHolder(r, userID)
	if err != nil {
		return store.StoredPasskey{}, err
	}
	_, used, err := party.FinishSignIn(holderUser(h), nil, session, body)
	if err != nil {
		return store.StoredPasskey{}, s.passkeyRefusal(r, userID, ip, err)
	}
	return store.StoredPasskey(used), nil
}

// passkeyRefusal audits a passkey the verifier refused (or whose owner
// could not be found) and returns the one message every refusal gets;
// other errors pass through.
func (s *Server) passkeyRefusal(r *http.Request, userID int64, ip string, cause error) error {
	if !errors.Is(cause, passkey.ErrRefused) && goldthread.ErrorKind(cause) != goldthread.ENOTFOUND {
		return cause
	}
	// Refusals count toward the address's limit like wrong passwords do:
	// no one guesses a passkey, but a flood of forged answers costs work.
	s.throttleFail(r, "", ip)
	return s.db.PasskeySignInFailed(r.Context(), userID, ip, "passkey_refused")
}

// passkeyThrottled answers 429 when the address has failed too often to
// begin another passkey sign-in now.
func (s *Server) passkeyThrottled(w http.ResponseWriter, r *http.Request, ip string) bool {
	check, err := s.throttleCheck(r, "", ip)
	if err != nil {
		s.apiError(w, r, err)
		return true
	}
	if check.Wait <= 0 {
		return false
	}
	s.apiThrottled(w, r, check.Wait)
	return true
}

// partyAndHolder is the relying party for this address and the person
// userID with their passkeys.
func (s *Server) partyAndHolder(r *http.Request, userID int64) (*passkey.Party, store.PasskeyHolder, error) {
	party, err := s.party(r)
	if err != nil {
		return nil, store.PasskeyHolder{}, err
	}
	h, err := s.db.PasskeyHolderFor(r.Context(), userID)
	return party, h, err
}
