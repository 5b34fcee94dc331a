// Package seal signs checkpoints of the audit trail with a key kept away
// from the database (ONC §170.315(d)(2)). The hash chain proves that no
// event was changed after the one that follows it was written, but someone
// who can write to the database can rebuild the whole chain. A checkpoint —
// the sequence number and hash of the newest event, signed with Ed25519 —
// kept somewhere they cannot reach (another machine, write-once storage)
// makes that visible: a rebuilt trail no longer has the sealed hash.
//
// Keys and checkpoints are plain text lines, so they can be mailed,
// printed or appended to a log. Standard library only.
package seal

import (
	"bufio"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

const (
	privatePrefix = "goldthread-seal-private-v1:"
	publicPrefix  = "goldthread-seal-public-v1:"
)

// NewKey returns a new signing key as text (keep it secret and off the
// database server) and its public key as text (give it to whoever
// verifies).
func NewKey() (private, public string, err error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return "", "", err
	}
	return privatePrefix + base64.StdEncoding.EncodeToString(priv.Seed()), PublicText(pub), nil
}

// PublicText writes a public key as text.
func PublicText(pub ed25519.PublicKey) string {
	return publicPrefix + base64.StdEncoding.EncodeToString(pub)
}

// ParsePrivate reads a signing key written by NewKey (surrounding space is
// ignored).
func ParsePrivate(text string) (ed25519.PrivateKey, error) {
	b64, ok := strings.CutPrefix(strings.TrimSpace(text), privatePrefix)
	seed, err := base64.StdEncoding.DecodeString(b64)
	if !ok || err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("seal: not a Goldthread signing key (it starts %q)", privatePrefix)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// ParsePublic reads a public key written by NewKey.
func ParsePublic(text string) (ed25519.PublicKey, error) {
	b64, ok := strings.CutPrefix(strings.TrimSpace(text), publicPrefix)
	key, err := base64.StdEncoding.DecodeString(b64)
	if !ok || err != nil || len(key) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("seal: not a Goldthread public key (it starts %q)", publicPrefix)
	}
	return ed25519.PublicKey(key), nil
}

// Checkpoint says that the audit trail's event Seq had hash Hash at time
// At, signed by the holder of the key.
type Checkpoint struct {
	Seq  int64     `json:"seq"`
	Hash string    `json:"hash"`
	At   time.Time `json:"at"`
	Sig  string    `json:"sig"`
}

// message is what is signed: a fixed label and the three fields, so a
// signature over anything else never passes for a checkpoint.
func (c Checkpoint) message() []byte {
	return fmt.Appendf(nil, "goldthread audit checkpoint v1\n%d\n%s\n%s", c.Seq, c.Hash, c.At.UTC().Format(time.RFC3339Nano))
}

// Sign seals seq and hash at time at.
func Sign(key ed25519.PrivateKey, seq int64, hash string, at time.Time) Checkpoint {
	c := Checkpoint{Seq: seq, Hash: hash, At: at.UTC()}
	c.Sig = base64.StdEncoding.EncodeToString(ed25519.Sign(key, c.message()))
	return c
}

// Verify reports whether c was signed by the holder of pub's key.
func (c Checkpoint) Verify(pub ed25519.PublicKey) bool {
	sig, err := base64.StdEncoding.DecodeString(c.Sig)
	return err == nil && ed25519.Verify(pub, c.message(), sig)
}

// Line is c as one line of JSON, ending in a newline.
func (c Checkpoint) Line() string {
	b, _ := json.Marshal(c)
	return string(b) + "\n"
}

// ErrUnsigned is wrapped when a checkpoint's signature does not verify.
var ErrUnsigned = errors.New("seal: checkpoint not signed by this key")

// ReadAll reads checkpoint lines (blank lines are skipped) and checks each
// signature with pub. It names the first line that is not a checkpoint or
// not signed by this key.
func ReadAll(r io.Reader, pub ed25519.PublicKey) ([]Checkpoint, error) {
	var out []Checkpoint
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c Checkpoint
		if err := json.Unmarshal([]byte(line), &c); err != nil || c.Seq < 1 || c.Hash == "" {
			return out, fmt.Errorf("seal: line %d is not a checkpoint", n)
		}
		if !c.Verify(pub) {
			return out, fmt.Errorf("line %d: %w", n, ErrUnsigned)
		}
		out = append(out, c)
	}
	return out, sc.Err()
}
