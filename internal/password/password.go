// Package password hashes and checks sign-in passwords with argon2id, stored
// as PHC strings ($argon2id$v=19$m=…,t=…,p=…$salt$hash) so the cost can be
// raised later without invalidating existing hashes.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params is the argon2id cost.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// Default is the OWASP minimum for argon2id: 19 MiB, 2 passes, 1 thread.
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

// concurrent caps hashes in flight: each takes Memory KiB, and a burst of
// sign-ins must not exhaust memory.
var concurrent = make(chan struct{}, 4)

// Hash returns the PHC string of pw under p with a fresh random salt.
func Hash(pw string, p Params) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	concurrent <- struct{}{}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, 32)
	<-concurrent
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// ErrMalformed reports a stored hash that is not an argon2id PHC string.
var ErrMalformed = errors.New("password: stored hash is not an argon2id PHC string")

// Check reports whether pw matches the PHC string phc, in constant time.
func Check(pw, phc string) (bool, error) {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrMalformed
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrMalformed
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, ErrMalformed
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false, ErrMalformed
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, ErrMalformed
	}
	concurrent <- struct{}{}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	<-concurrent
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummy is checked against when an email is unknown, so a wrong email costs
// the same time as a wrong password and sign-in reveals no accounts.
var dummy, _ = Hash("no account has this password", Default)

// CheckNone spends the time of one Check and returns false.
func CheckNone(pw string) bool {
	Check(pw, dummy)
	return false
}
