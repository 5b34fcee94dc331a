package main

import (
	"context"
	"crypto/rand"

	"github.com/goldthread/goldthread/internal/store"
)

// setupAlphabet has no letters or digits that read alike (0/O, 1/I/L).
const setupAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// firstRunCode returns a fresh setup code when the database has no agency
// yet, and "" otherwise. Twelve characters from 31 give about 59 bits,
// and wrong tries are throttled like passwords.
func firstRunCode(ctx context.Context, db *store.DB) (string, error) {
	n, err := db.AgencyCount(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	code := make([]byte, 0, 14)
	b := make([]byte, 1)
	for len(code) < 14 {
		if len(code) == 4 || len(code) == 9 {
			code = append(code, '-')
			continue
		}
		if _, err := rand.Read(b); err != nil {
			return "", err
		}
		if int(b[0]) >= 256-256%len(setupAlphabet) {
			continue // keep every character equally likely
		}
		code = append(code, setupAlphabet[int(b[0])%len(setupAlphabet)])
	}
	return string(code), nil
}
