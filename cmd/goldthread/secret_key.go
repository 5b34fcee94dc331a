package main

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/goldthread/goldthread/internal/store"
)

// secretKey finds the key that seals authenticator-app secrets at rest:
// GOLDTHREAD_SECRET_KEY (base64 of 32 bytes), else the file named by
// --secret-key-file, else, for a SQLite database, the file beside it
// (DB.key), made with a new random key (0600) the first time. On
// PostgreSQL a key must be given: a database server has no "beside".
// created reports a file it made, for the console.
func secretKey(e *env, keyFile, dbURL, engine string) (key []byte, created string, err error) {
	if v := strings.TrimSpace(e.getenv("GOLDTHREAD_SECRET_KEY")); v != "" {
		key, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(key) != store.SecretKeySize {
			return nil, "", fmt.Errorf("GOLDTHREAD_SECRET_KEY must be %d random bytes in base64 (openssl rand -base64 32)", store.SecretKeySize)
		}
		return key, "", nil
	}
	if keyFile == "" {
		if engine != store.SQLite {
			return nil, "", errors.New("give the key that seals authenticator-app secrets: GOLDTHREAD_SECRET_KEY (openssl rand -base64 32) or --secret-key-file FILE; keep it off the database server")
		}
		keyFile = sqlitePath(dbURL) + ".key"
	}
	b, err := os.ReadFile(keyFile)
	if errors.Is(err, fs.ErrNotExist) {
		key = store.NewSecretKey()
		enc := base64.StdEncoding.EncodeToString(key) + "\n"
		f, err := os.OpenFile(keyFile, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, "", fmt.Errorf("cannot make the secret key file %s: %w", keyFile, err)
		}
		if _, err := f.WriteString(enc); err != nil {
			f.Close()
			return nil, "", err
		}
		return key, keyFile, f.Close()
	}
	if err != nil {
		return nil, "", fmt.Errorf("cannot read the secret key file %s: %w", keyFile, err)
	}
	key, err = base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) != store.SecretKeySize {
		return nil, "", fmt.Errorf("the secret key file %s must hold %d random bytes in base64", keyFile, store.SecretKeySize)
	}
	return key, "", nil
}

// sqlitePath is the file of a SQLite database URL as store.Open reads it.
func sqlitePath(url string) string {
	p := strings.TrimPrefix(strings.TrimPrefix(url, "sqlite:"), "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p
}
