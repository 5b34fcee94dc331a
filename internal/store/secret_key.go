package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// SecretKeySize is the length of the key that seals second-factor secrets
// at rest (AES-256-GCM).
const SecretKeySize = 32

// sealedPrefix marks a sealed secret in its column; anything else is a
// secret written before sealing existed (SealStoredSecrets seals those).
const sealedPrefix = "gcm1:"

// ErrNoSecretKey is returned when a second-factor secret must be sealed or
// opened and no key was given (SetSecretKey).
var ErrNoSecretKey = errors.New("store: no secret key: give GOLDTHREAD_SECRET_KEY or --secret-key-file")

// SetSecretKey gives the database the key that seals authenticator-app
// secrets at rest. The key is kept by the operator apart from the
// database (the environment or a file), so a copy of the database alone
// does not give away anyone's second factor.
func (db *DB) SetSecretKey(key []byte) error {
	if len(key) != SecretKeySize {
		return fmt.Errorf("store: the secret key must be %d bytes, not %d", SecretKeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return err
	}
	db.secrets = aead
	// The throttle's rows are named by a hash keyed from the same key (but
	// not the key itself), so every server of the database finds the same
	// rows and the table alone tells no one which emails were tried.
	m := hmac.New(sha256.New, key)
	m.Write([]byte("goldthread throttle key"))
	db.throttleSecret = m.Sum(nil)
	return nil
}

// NewSecretKey returns a fresh random key for SetSecretKey.
func NewSecretKey() []byte {
	key := make([]byte, SecretKeySize)
	rand.Read(key)
	return key
}

// secretAAD binds a sealed secret to its account: a sealed value copied
// onto another account's row does not open there.
func secretAAD(userID int64) []byte { return []byte("totp:" + strconv.FormatInt(userID, 10)) }

// sealSecret seals a user's second-factor secret for its column.
func (db *DB) sealSecret(userID int64, plain string) (string, error) {
	if db.secrets == nil {
		return "", ErrNoSecretKey
	}
	nonce := make([]byte, db.secrets.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	sealed := db.secrets.Seal(nonce, nonce, []byte(plain), secretAAD(userID))
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(sealed), nil
}

// openSecret returns the secret kept in a column: sealed ones are opened
// with the key; an empty or unsealed (older) value is returned as it is.
func (db *DB) openSecret(userID int64, stored string) (string, error) {
	b64, sealed := strings.CutPrefix(stored, sealedPrefix)
	if !sealed {
		return stored, nil
	}
	if db.secrets == nil {
		return "", ErrNoSecretKey
	}
	raw, err := base64.RawStdEncoding.DecodeString(b64)
	n := db.secrets.NonceSize()
	if err != nil || len(raw) < n {
		return "", errors.New("store: a sealed secret is damaged")
	}
	plain, err := db.secrets.Open(nil, raw[:n], raw[n:], secretAAD(userID))
	if err != nil {
		return "", errors.New("store: a sealed secret does not open with this key (another key, or another account's secret)")
	}
	return string(plain), nil
}

// SealStoredSecrets seals every authenticator-app secret still kept as
// written before sealing existed, and returns how many it sealed. serve
// runs it at start, after migrating.
func (db *DB) SealStoredSecrets(ctx context.Context) (int, error) {
	if db.secrets == nil {
		return 0, ErrNoSecretKey
	}
	n := 0
	err := db.WriteTx(ctx, func(tx *Tx) error {
		type row struct {
			id     int64
			secret string
		}
		var plain []row
		if err := scanAll(ctx, tx, "SELECT id, totp_secret FROM app_user WHERE totp_secret <> '' AND totp_secret NOT LIKE 'gcm1:%'", nil, func(r scanner) error {
			var x row
			err := r.Scan(&x.id, &x.secret)
			plain = append(plain, x)
			return err
		}); err != nil {
			return err
		}
		for _, x := range plain {
			sealed, err := db.sealSecret(x.id, x.secret)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "UPDATE app_user SET totp_secret = ? WHERE id = ?", sealed, x.id); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store.SealStoredSecrets: %w", err)
	}
	return n, nil
}
