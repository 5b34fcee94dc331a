package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The throttle slows password guessing without letting a stranger lock a
// person out: failures are counted per (account, address) and per address,
// never per account alone, so guesses from one place do not block the real
// person signing in from another. After the free attempts each further
// failure doubles the wait, up to MaxThrottleWait. The counts are rows of
// the throttle table, so every server on the database reads and adds to
// the same ones, and a restart forgets nothing.
const (
	FreeAttemptsPerAccount = 5  // failures of one account from one address before waits begin
	FreeAttemptsPerAddress = 30 // failures from one address over any accounts
	MaxThrottleWait        = 15 * time.Minute
	// throttleForget is how long a key stays quiet before it starts over;
	// rows quiet that long are deleted.
	throttleForget = time.Hour
)

// Anonymous starts (a passkey sign-in's ceremony, a single sign-on's
// state) write a row before anyone is known. An address may make
// StartsPerWindow of them in a fixed window of StartWindow; without the
// cap a loop of anonymous calls fills the database faster than expired
// rows are swept.
const (
	StartsPerWindow = 30
	StartWindow     = 10 * time.Minute
)

// ThrottleCheck is what ThrottleWait found: the wait, and which key a good
// sign-in forgets.
type ThrottleCheck struct {
	// Wait is how long the caller must wait before trying; 0: go ahead.
	Wait time.Duration
	pair string // the (account, address) key
	// counted: the pair has failures on record, so a good sign-in has
	// something to forget (and otherwise writes nothing).
	counted bool
}

// Counted reports whether the pair had failures on record when read.
func (c ThrottleCheck) Counted() bool { return c.counted }

// throttleKeys are the keys of a failure of account from ip: the pair's,
// then the address's. Accounts are compared as people type them: trimmed,
// in any case.
func (db *DB) throttleKeys(account, ip string) [2]string {
	return [2]string{db.throttleKey("a", strings.ToLower(strings.TrimSpace(account))+"\x00"+ip), db.throttleKey("i", ip)}
}

// throttleKey is the keyed hash a throttle row is found by, so the table
// names no email and no address. The key comes from the secret key, which
// every server of a database shares; without one (tools, some tests) the
// hash is plain SHA-256.
func (db *DB) throttleKey(kind, s string) string {
	var sum []byte
	if db.throttleSecret != nil {
		m := hmac.New(sha256.New, db.throttleSecret)
		m.Write([]byte(kind + ":" + s))
		sum = m.Sum(nil)
	} else {
		h := sha256.Sum256([]byte(kind + ":" + s))
		sum = h[:]
	}
	return hex.EncodeToString(sum)
}

// throttleDelay is the wait that a key's over-th failure past its free
// attempts starts: 1 s, doubling, up to MaxThrottleWait.
func throttleDelay(over int) time.Duration {
	return min(time.Second<<min(over-1, 20), MaxThrottleWait)
}

// ThrottleWait reads, in one query, how long account must wait before
// trying from ip (the longer of the pair's and the address's waits).
func (db *DB) ThrottleWait(ctx context.Context, account, ip string) (ThrottleCheck, error) {
	keys := db.throttleKeys(account, ip)
	c := ThrottleCheck{pair: keys[0]}
	now := db.now()
	err := db.readRows(ctx, "SELECT key_hash, hits, last_at FROM throttle WHERE key_hash IN (?, ?)", []any{keys[0], keys[1]}, func(r scanner) error {
		var key string
		var hits int
		var last time.Time
		if err := r.Scan(&key, &hits, &last); err != nil {
			return err
		}
		free := FreeAttemptsPerAddress
		if key == keys[0] {
			free, c.counted = FreeAttemptsPerAccount, true
		}
		if over := hits - free; over > 0 {
			if until := last.Add(throttleDelay(over)); until.After(now) {
				c.Wait = max(c.Wait, until.Sub(now))
			}
		}
		return nil
	})
	if err != nil {
		return ThrottleCheck{}, fmt.Errorf("store.ThrottleWait: %w", err)
	}
	return c, nil
}

// ThrottleFail counts a failed attempt of account from ip against the pair
// and the address, in one statement, and returns the wait it starts (0
// while free attempts remain). A key quiet for an hour starts over. Rows
// quiet for an hour are deleted now and then (sweepThrottle), so the
// table holds about the last hour's keys.
func (db *DB) ThrottleFail(ctx context.Context, account, ip string) (time.Duration, error) {
	if err := db.sweepThrottle(ctx); err != nil {
		return 0, err
	}
	keys := db.throttleKeys(account, ip)
	var wait time.Duration
	err := db.WriteTx(ctx, func(tx *Tx) error {
		stale := tx.now.Add(-throttleForget)
		// Both keys in one statement; every caller takes the pair's row
		// before the address's, so two servers' failures never deadlock.
		rows, err := tx.Query(ctx, `INSERT INTO throttle (key_hash, hits, began_at, last_at) VALUES (?, 1, ?, ?), (?, 1, ?, ?)
			ON CONFLICT (key_hash) DO UPDATE SET
				hits = CASE WHEN throttle.last_at < ? THEN 1 ELSE throttle.hits + 1 END,
				began_at = CASE WHEN throttle.last_at < ? THEN excluded.began_at ELSE throttle.began_at END,
				last_at = excluded.last_at
			RETURNING key_hash, hits`, keys[0], tx.now, tx.now, keys[1], tx.now, tx.now, stale, stale)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var key string
			var hits int
			if err := rows.Scan(&key, &hits); err != nil {
				return err
			}
			free := FreeAttemptsPerAddress
			if key == keys[0] {
				free = FreeAttemptsPerAccount
			}
			if over := hits - free; over > 0 {
				wait = max(wait, throttleDelay(over))
			}
		}
		return rows.Err()
	})
	if err != nil {
		return 0, fmt.Errorf("store.ThrottleFail: %w", err)
	}
	return wait, nil
}

// ThrottleForget forgets the pair's failures after a good sign-in. It
// writes only when c found failures on record, so a sign-in with no
// failures before it costs no write here.
func (db *DB) ThrottleForget(ctx context.Context, c ThrottleCheck) error {
	if !c.counted {
		return nil
	}
	if _, err := db.writeOne(ctx, "DELETE FROM throttle WHERE key_hash = ?", c.pair); err != nil {
		return fmt.Errorf("store.ThrottleForget: %w", err)
	}
	return nil
}

// TakeStart counts one anonymous start from ip and returns 0 when it may
// go ahead, or how long until the address's window ends (at least a
// second). A refused start is read, not written.
func (db *DB) TakeStart(ctx context.Context, ip string) (time.Duration, error) {
	key := db.throttleKey("s", ip)
	now := db.now()
	var hits int
	var began time.Time
	err := db.readRow(ctx, "SELECT hits, began_at FROM throttle WHERE key_hash = ?", []any{key}, &hits, &began)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store.TakeStart: %w", err)
	}
	refused := func() time.Duration { return max(began.Add(StartWindow).Sub(now), time.Second) }
	if err == nil && began.After(now.Add(-StartWindow)) && hits >= StartsPerWindow {
		return refused(), nil
	}
	if err := db.sweepThrottle(ctx); err != nil {
		return 0, err
	}
	taken := false
	err = db.WriteTx(ctx, func(tx *Tx) error {
		// The window's end is tested again in the write, so two servers
		// racing for the last start of a window do not both get it.
		ended := tx.now.Add(-StartWindow)
		rows, err := tx.Query(ctx, `INSERT INTO throttle (key_hash, hits, began_at, last_at) VALUES (?, 1, ?, ?)
			ON CONFLICT (key_hash) DO UPDATE SET
				hits = CASE WHEN throttle.began_at <= ? THEN 1 ELSE throttle.hits + 1 END,
				began_at = CASE WHEN throttle.began_at <= ? THEN excluded.began_at ELSE throttle.began_at END,
				last_at = excluded.last_at
			WHERE throttle.began_at <= ? OR throttle.hits < ?
			RETURNING hits`, key, tx.now, tx.now, ended, ended, ended, StartsPerWindow)
		if err != nil {
			return err
		}
		defer rows.Close()
		taken = rows.Next()
		return rows.Err()
	})
	if err != nil {
		return 0, fmt.Errorf("store.TakeStart: %w", err)
	}
	if !taken {
		return refused(), nil
	}
	return 0, nil
}

// sweepThrottle deletes the rows quiet for longer than throttleForget
// (their keys would start over anyway, and a start window ends sooner), at
// most once a minute per DB, in a transaction of its own. On PostgreSQL it
// skips rows another server is sweeping or counting, so two sweeps never
// wait on each other (nor deadlock, deleting the same rows in two orders).
func (db *DB) sweepThrottle(ctx context.Context) error {
	now := db.now()
	last := db.throttleSwept.Load()
	if now.Sub(time.Unix(0, last)) < time.Minute || !db.throttleSwept.CompareAndSwap(last, now.UnixNano()) {
		return nil
	}
	q := "DELETE FROM throttle WHERE last_at < ?"
	if db.Engine == Postgres {
		q = "DELETE FROM throttle WHERE key_hash IN (SELECT key_hash FROM throttle WHERE last_at < ? FOR UPDATE SKIP LOCKED)"
	}
	if _, err := db.writeOne(ctx, q, now.Add(-throttleForget)); err != nil {
		return fmt.Errorf("store: sweep throttle: %w", err)
	}
	return nil
}
