package web

import (
	"strings"
	"sync"
	"time"
)

// signInThrottle slows password guessing without letting a stranger lock a
// person out: failures are counted per (account, address) and per address,
// never per account alone, so guesses from one place do not block the real
// person signing in from another. After the free attempts each further
// failure doubles the wait, up to maxWait. Counts live in memory: a restart
// forgets them, which costs an attacker nothing they could not get by
// waiting, and keeps sign-in free of database writes.
type signInThrottle struct {
	mu      sync.Mutex
	entries map[string]*throttleEntry
	now     func() time.Time
	swept   time.Time
}

type throttleEntry struct {
	failures int
	last     time.Time
	until    time.Time
}

const (
	freePerAccount = 5  // failures of one account from one address before waits begin
	freePerAddress = 30 // failures from one address over any accounts
	maxWait        = 15 * time.Minute
	forgetAfter    = time.Hour // a quiet key starts over
)

func newSignInThrottle(now func() time.Time) *signInThrottle {
	return &signInThrottle{entries: map[string]*throttleEntry{}, now: now}
}

func throttleKeys(email, ip string) [2]string {
	return [2]string{"a:" + strings.ToLower(strings.TrimSpace(email)) + "|" + ip, "i:" + ip}
}

// Wait returns how long the caller must wait before trying email from ip,
// or 0.
func (t *signInThrottle) Wait(email, ip string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	var wait time.Duration
	for _, k := range throttleKeys(email, ip) {
		if e, ok := t.entries[k]; ok && e.until.After(now) {
			wait = max(wait, e.until.Sub(now))
		}
	}
	return wait
}

// Fail records a failed attempt and returns the wait it starts (0 while
// free attempts remain).
func (t *signInThrottle) Fail(email, ip string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.sweep(now)
	var wait time.Duration
	for i, k := range throttleKeys(email, ip) {
		e := t.entries[k]
		if e == nil || now.Sub(e.last) > forgetAfter {
			e = &throttleEntry{}
			t.entries[k] = e
		}
		e.failures++
		e.last = now
		free := freePerAccount
		if i == 1 {
			free = freePerAddress
		}
		if over := e.failures - free; over > 0 {
			d := time.Second << min(over-1, 20)
			d = min(d, maxWait)
			e.until = now.Add(d)
			wait = max(wait, d)
		}
	}
	return wait
}

// Succeed forgets the account's failures from ip after a good sign-in.
func (t *signInThrottle) Succeed(email, ip string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.entries, throttleKeys(email, ip)[0])
}

// sweep drops quiet keys now and then, so memory stays bounded.
func (t *signInThrottle) sweep(now time.Time) {
	if now.Sub(t.swept) < time.Minute {
		return
	}
	t.swept = now
	for k, e := range t.entries {
		if now.Sub(e.last) > forgetAfter && !e.until.After(now) {
			delete(t.entries, k)
		}
	}
}
