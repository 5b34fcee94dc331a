// Package passkeytest is a software authenticator for tests: it answers the
// options Goldthread sends the browser the way a phone's passkey would
// (ES256 keys, "none" attestation, user present and verified), so store and
// HTTP tests can run whole passkey ceremonies without a browser. Like
// net/http/httptest it is for tests only.
package passkeytest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/fxamacker/cbor/v2"
)

// Authenticator holds the passkeys it made, one per credential id.
type Authenticator struct {
	Origin string // the origin the browser reports, such as http://localhost:8080
	keys   map[string]*key
	// Counter, when set, is what the next assertion reports as its counter
	// (tests of a cloned authenticator); otherwise passkeys report 0 as
	// synced platform passkeys do.
	Counter uint32
}

type key struct {
	priv   *ecdsa.PrivateKey
	rpID   string
	handle []byte
}

// New returns an authenticator that speaks for origin.
func New(origin string) *Authenticator {
	return &Authenticator{Origin: origin, keys: map[string]*key{}}
}

var b64 = base64.RawURLEncoding

type creationOptions struct {
	PublicKey struct {
		Challenge string `json:"challenge"`
		RP        struct {
			ID string `json:"id"`
		} `json:"rp"`
		User struct {
			ID string `json:"id"`
		} `json:"user"`
	} `json:"publicKey"`
}

// Create answers registration options with a new passkey and returns the
// JSON a browser would post (PublicKeyCredential.toJSON()).
func (a *Authenticator) Create(options []byte) ([]byte, error) {
	var o creationOptions
	if err := json.Unmarshal(options, &o); err != nil {
		return nil, fmt.Errorf("passkeytest: options: %w", err)
	}
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	id := make([]byte, 16)
	rand.Read(id)
	handle, err := b64.DecodeString(o.PublicKey.User.ID)
	if err != nil {
		return nil, fmt.Errorf("passkeytest: user id: %w", err)
	}
	a.keys[string(id)] = &key{priv: priv, rpID: o.PublicKey.RP.ID, handle: handle}

	pub, err := priv.PublicKey.ECDH()
	if err != nil {
		return nil, err
	}
	raw := pub.Bytes() // 0x04 | X | Y
	cose, err := cbor.Marshal(map[int]any{1: 2, 3: -7, -1: 1, -2: raw[1:33], -3: raw[33:65]})
	if err != nil {
		return nil, err
	}
	auth := authData(o.PublicKey.RP.ID, 0x01|0x04|0x40, 0)
	auth = append(auth, make([]byte, 16)...) // AAGUID: none
	auth = binary.BigEndian.AppendUint16(auth, uint16(len(id)))
	auth = append(auth, id...)
	auth = append(auth, cose...)
	att, err := cbor.Marshal(map[string]any{"fmt": "none", "attStmt": map[string]any{}, "authData": auth})
	if err != nil {
		return nil, err
	}
	client := a.clientData("webauthn.create", o.PublicKey.Challenge)
	return json.Marshal(map[string]any{
		"id": b64.EncodeToString(id), "rawId": b64.EncodeToString(id), "type": "public-key",
		"authenticatorAttachment": "platform", "clientExtensionResults": map[string]any{},
		"response": map[string]any{
			"clientDataJSON":    b64.EncodeToString(client),
			"attestationObject": b64.EncodeToString(att),
			"transports":        []string{"internal"},
		},
	})
}

type requestOptions struct {
	PublicKey struct {
		Challenge        string `json:"challenge"`
		RPID             string `json:"rpId"`
		AllowCredentials []struct {
			ID string `json:"id"`
		} `json:"allowCredentials"`
	} `json:"publicKey"`
}

// Get answers sign-in options with an assertion from one of its passkeys
// (the first allowed one, or any for a discoverable sign-in) and returns
// the JSON a browser would post.
func (a *Authenticator) Get(options []byte) ([]byte, error) {
	var o requestOptions
	if err := json.Unmarshal(options, &o); err != nil {
		return nil, fmt.Errorf("passkeytest: options: %w", err)
	}
	var id string
	var k *key
	for _, c := range o.PublicKey.AllowCredentials {
		raw, _ := b64.DecodeString(c.ID)
		if found, ok := a.keys[string(raw)]; ok {
			id, k = string(raw), found
			break
		}
	}
	if k == nil && len(o.PublicKey.AllowCredentials) == 0 {
		for kid, found := range a.keys {
			if found.rpID == o.PublicKey.RPID {
				id, k = kid, found
				break
			}
		}
	}
	if k == nil {
		return nil, fmt.Errorf("passkeytest: no passkey for this site")
	}
	auth := authData(k.rpID, 0x01|0x04, a.Counter)
	client := a.clientData("webauthn.get", o.PublicKey.Challenge)
	sum := sha256.Sum256(client)
	digest := sha256.Sum256(append(append([]byte{}, auth...), sum[:]...))
	sig, err := ecdsa.SignASN1(rand.Reader, k.priv, digest[:])
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]any{
		"id": b64.EncodeToString([]byte(id)), "rawId": b64.EncodeToString([]byte(id)), "type": "public-key",
		"authenticatorAttachment": "platform", "clientExtensionResults": map[string]any{},
		"response": map[string]any{
			"clientDataJSON":    b64.EncodeToString(client),
			"authenticatorData": b64.EncodeToString(auth),
			"signature":         b64.EncodeToString(sig),
			"userHandle":        b64.EncodeToString(k.handle),
		},
	})
}

func (a *Authenticator) clientData(typ, challenge string) []byte {
	b, _ := json.Marshal(map[string]any{"type": typ, "challenge": challenge, "origin": a.Origin, "crossOrigin": false})
	return b
}

// authData is the authenticator data prefix: the hash of the relying
// party id, the flags (UP 0x01, UV 0x04, AT 0x40) and the counter.
func authData(rpID string, flags byte, counter uint32) []byte {
	h := sha256.Sum256([]byte(rpID))
	out := append(h[:], flags)
	return binary.BigEndian.AppendUint32(out, counter)
}
