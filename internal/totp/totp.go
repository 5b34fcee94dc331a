// Package totp implements time-based one-time passwords (RFC 6238 over RFC
// 4226: HMAC-SHA1, 30-second steps, 6 digits), the second factor most
// authenticator apps speak. It is pure: the caller supplies the time and
// keeps the last step used, which is what makes a code single-use.
package totp

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Step is the length of one time step.
const Step = 30 * time.Second

// Digits is the code length.
const Digits = 6

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewSecret returns a random 160-bit secret in base32, as authenticator
// apps expect it.
func NewSecret() (string, error) {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return b32.EncodeToString(b), nil
}

// URI is the otpauth:// address that enrols the secret in an authenticator
// app (tapping it on a phone opens the app).
func URI(issuer, account, secret string) string {
	label := url.PathEscape(issuer + ":" + account)
	q := url.Values{"secret": {secret}, "issuer": {issuer}, "algorithm": {"SHA1"}, "digits": {"6"}, "period": {"30"}}
	return "otpauth://totp/" + label + "?" + q.Encode()
}

// StepAt returns the time step containing t.
func StepAt(t time.Time) int64 { return t.Unix() / int64(Step/time.Second) }

// CodeAt returns the code of secret for step.
func CodeAt(secret string, step int64) (string, error) {
	key, err := b32.DecodeString(strings.ToUpper(strings.TrimSpace(secret)))
	if err != nil {
		return "", fmt.Errorf("totp: secret is not base32: %w", err)
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", bin%1000000), nil
}

// Verify checks code against secret at t, allowing one step of clock drift
// either way, and refuses any step at or before lastStep (a code is good
// once). It returns the step that matched, which the caller stores as the
// new lastStep, and whether the code is good.
func Verify(secret, code string, t time.Time, lastStep int64) (int64, bool) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if len(code) != Digits {
		return 0, false
	}
	now := StepAt(t)
	for _, step := range []int64{now - 1, now, now + 1} {
		if step <= lastStep {
			continue
		}
		want, err := CodeAt(secret, step)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}
