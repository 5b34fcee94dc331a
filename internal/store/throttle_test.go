package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// throttleRows counts the throttle table's rows.
func throttleRows(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRowRaw(context.Background(), "SELECT COUNT(*) FROM throttle").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSignInThrottle: five free failures per (account, address), then
// waits doubling from a second up to fifteen minutes; thirty per address
// over any accounts; never per account alone; a good sign-in forgets the
// pair; a key quiet for an hour starts over, and its row is swept.
func TestSignInThrottle(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		fail := func(t *testing.T, account, ip string) time.Duration {
			t.Helper()
			w, err := db.ThrottleFail(ctx, account, ip)
			if err != nil {
				t.Fatal(err)
			}
			return w
		}
		check := func(t *testing.T, account, ip string) store.ThrottleCheck {
			t.Helper()
			c, err := db.ThrottleWait(ctx, account, ip)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		for i := range store.FreeAttemptsPerAccount {
			if w := fail(t, "dana@x.example", "203.0.113.9"); w != 0 {
				t.Fatalf("failure %d already waits %s", i+1, w)
			}
		}
		if w := check(t, "dana@x.example", "203.0.113.9").Wait; w != 0 {
			t.Fatalf("waits %s within the free attempts", w)
		}
		t.Run("WaitsAfterFreeAttempts", func(t *testing.T) {
			if w := fail(t, "dana@x.example", "203.0.113.9"); w != time.Second {
				t.Fatalf("wait = %s; want 1s", w)
			}
			if w := fail(t, " Dana@X.example", "203.0.113.9"); w != 2*time.Second {
				t.Fatalf("wait doubles, the email in any case: %s", w)
			}
			if w := check(t, "dana@x.example", "203.0.113.9").Wait; w != 2*time.Second {
				t.Fatalf("wait read back = %s; want 2s", w)
			}
			clock.Advance(1500 * time.Millisecond)
			if w := check(t, "dana@x.example", "203.0.113.9").Wait; w != 500*time.Millisecond {
				t.Fatalf("wait after 1.5 s = %s; want the 0.5 s left", w)
			}
			clock.Advance(time.Second)
			if w := check(t, "dana@x.example", "203.0.113.9").Wait; w != 0 {
				t.Fatalf("still waits %s after the wait ended", w)
			}
		})
		t.Run("StrangerCannotLockOutTheRealPerson", func(t *testing.T) {
			if w := check(t, "dana@x.example", "198.51.100.7").Wait; w != 0 {
				t.Fatalf("Dana from her own address must wait %s because of someone else's guesses", w)
			}
		})
		t.Run("WaitIsCapped", func(t *testing.T) {
			var w time.Duration
			for range 40 {
				w = fail(t, "dana@x.example", "203.0.113.9")
			}
			if w != store.MaxThrottleWait {
				t.Fatalf("wait = %s; want the cap %s", w, store.MaxThrottleWait)
			}
		})
		t.Run("AddressSprayingManyAccountsIsSlowed", func(t *testing.T) {
			for i := 0; i <= store.FreeAttemptsPerAddress; i++ {
				fail(t, "user"+string(rune('a'+i%26))+"@x.example", "192.0.2.50")
			}
			if check(t, "new@x.example", "192.0.2.50").Wait == 0 {
				t.Fatal("an address guessing across accounts is never slowed")
			}
		})
		t.Run("SuccessForgets", func(t *testing.T) {
			for range store.FreeAttemptsPerAccount {
				fail(t, "sam@x.example", "192.0.2.1")
			}
			if err := db.ThrottleForget(ctx, check(t, "sam@x.example", "192.0.2.1")); err != nil {
				t.Fatal(err)
			}
			if w := fail(t, "sam@x.example", "192.0.2.1"); w != 0 {
				t.Fatalf("after a good sign-in the next failure waits %s: the count was not reset", w)
			}
		})
		t.Run("SuccessWithoutFailuresWritesNothing", func(t *testing.T) {
			c := check(t, "kim@x.example", "192.0.2.2")
			fail(t, "kim@x.example", "192.0.2.2") // another server, after the read
			if err := db.ThrottleForget(ctx, c); err != nil {
				t.Fatal(err)
			}
			if !check(t, "kim@x.example", "192.0.2.2").Counted() {
				t.Fatal("a good sign-in with no failures on record deleted a row: it wrote")
			}
		})
		t.Run("QuietKeysAreForgottenAndSwept", func(t *testing.T) {
			before := throttleRows(t, db)
			clock.Advance(2 * time.Hour)
			if w := check(t, "dana@x.example", "203.0.113.9").Wait; w != 0 {
				t.Fatalf("waits %s two hours on", w)
			}
			fail(t, "other@x.example", "192.0.2.99")
			if n := throttleRows(t, db); n != 2 {
				t.Fatalf("%d rows after the sweep (%d before); want the 2 just written", n, before)
			}
			for range store.FreeAttemptsPerAccount {
				if w := fail(t, "dana@x.example", "203.0.113.9"); w != 0 {
					t.Fatalf("a key quiet for two hours did not start over: waits %s", w)
				}
			}
		})
	})
}

// TestThrottleKeysNameNoOne: the table holds keyed hashes, never the
// email or the address tried.
func TestThrottleKeysNameNoOne(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.ThrottleFail(ctx, "dana@x.example", "203.0.113.9"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.TakeStart(ctx, "203.0.113.9"); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM throttle WHERE key_hash LIKE ? OR key_hash LIKE ?", "%dana%", "%203.0.113%").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 || throttleRows(t, db) != 3 {
			t.Fatalf("%d of %d rows name the email or address", n, throttleRows(t, db))
		}
	})
}

// TestStartsLimitedPerAddress: thirty anonymous starts per address in a
// window of ten minutes, the rest refused with the time left; another
// address is not; the next window starts afresh.
func TestStartsLimitedPerAddress(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		take := func(t *testing.T, ip string) time.Duration {
			t.Helper()
			w, err := db.TakeStart(ctx, ip)
			if err != nil {
				t.Fatal(err)
			}
			return w
		}
		for i := range store.StartsPerWindow {
			if w := take(t, "203.0.113.30"); w != 0 {
				t.Fatalf("start %d refused (%s)", i+1, w)
			}
		}
		clock.Advance(4 * time.Minute)
		if w := take(t, "203.0.113.30"); w != 6*time.Minute {
			t.Fatalf("start %d: wait %s; want the 6 minutes left of the window", store.StartsPerWindow+1, w)
		}
		if w := take(t, "203.0.113.31"); w != 0 {
			t.Fatalf("another address waits %s", w)
		}
		clock.Advance(6 * time.Minute)
		if w := take(t, "203.0.113.30"); w != 0 {
			t.Fatalf("the next window refuses (%s)", w)
		}
	})
}
