package main

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
)

// TestSecretKeyFromTheEnvironmentOrAFile: the key that seals
// authenticator-app secrets comes from GOLDTHREAD_SECRET_KEY or a file; a
// SQLite database gets a key file of its own beside it (0600, made once,
// read back after); PostgreSQL must be given one; a malformed key is
// refused naming where it came from.
func TestSecretKeyFromTheEnvironmentOrAFile(t *testing.T) {
	envWith := func(vars map[string]string) *env {
		return &env{getenv: func(k string) string { return vars[k] }}
	}
	t.Run("SQLiteKeyFileMadeOnce", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "gt.db")
		key, made, err := secretKey(envWith(nil), "", db, store.SQLite)
		if err != nil || made != db+".key" || len(key) != store.SecretKeySize {
			t.Fatalf("%v %q %d", err, made, len(key))
		}
		if fi, err := os.Stat(made); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("key file mode %v (%v); want 0600", fi.Mode(), err)
		}
		again, made2, err := secretKey(envWith(nil), "", db, store.SQLite)
		if err != nil || made2 != "" || !bytes.Equal(again, key) {
			t.Fatalf("the second start did not read the same key: %v %q", err, made2)
		}
	})
	t.Run("PostgresNeedsAKey", func(t *testing.T) {
		_, _, err := secretKey(envWith(nil), "", "postgres://x/y", store.Postgres)
		if err == nil || !strings.Contains(err.Error(), "GOLDTHREAD_SECRET_KEY") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("FromTheEnvironment", func(t *testing.T) {
		want := store.NewSecretKey()
		got, _, err := secretKey(envWith(map[string]string{"GOLDTHREAD_SECRET_KEY": base64.StdEncoding.EncodeToString(want)}), "", "postgres://x/y", store.Postgres)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%v", err)
		}
		_, _, err = secretKey(envWith(map[string]string{"GOLDTHREAD_SECRET_KEY": "c2hvcnQ="}), "", "gt.db", store.SQLite)
		if err == nil || !strings.Contains(err.Error(), "GOLDTHREAD_SECRET_KEY") {
			t.Fatalf("a short key: %v", err)
		}
	})
	t.Run("MalformedFile", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "k")
		os.WriteFile(f, []byte("not base64!"), 0o600)
		if _, _, err := secretKey(envWith(nil), f, "gt.db", store.SQLite); err == nil || !strings.Contains(err.Error(), f) {
			t.Fatalf("err = %v", err)
		}
	})
}
