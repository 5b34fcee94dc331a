package web

import (
	"testing"
	"time"
)

func TestSignInThrottle(t *testing.T) {
	clock := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	th := newSignInThrottle(func() time.Time { return clock })
	for i := 0; i < freePerAccount; i++ {
		if w := th.Fail("dana@x.example", "203.0.113.9"); w != 0 {
			t.Fatalf("failure %d already waits %s", i+1, w)
		}
	}
	t.Run("WaitsAfterFreeAttempts", func(t *testing.T) {
		if w := th.Fail("dana@x.example", "203.0.113.9"); w != time.Second {
			t.Fatalf("wait = %s; want 1s", w)
		}
		if w := th.Fail("Dana@X.example", "203.0.113.9"); w != 2*time.Second {
			t.Fatalf("wait doubles: %s", w)
		}
		if th.Wait("dana@x.example", "203.0.113.9") == 0 {
			t.Fatal("no wait reported")
		}
	})
	t.Run("StrangerCannotLockOutTheRealPerson", func(t *testing.T) {
		if w := th.Wait("dana@x.example", "198.51.100.7"); w != 0 {
			t.Fatalf("Dana from her own address must wait %s because of someone else's guesses", w)
		}
	})
	t.Run("WaitIsCapped", func(t *testing.T) {
		var w time.Duration
		for i := 0; i < 40; i++ {
			w = th.Fail("dana@x.example", "203.0.113.9")
		}
		if w != maxWait {
			t.Fatalf("wait = %s; want the cap %s", w, maxWait)
		}
	})
	t.Run("AddressSprayingManyAccountsIsSlowed", func(t *testing.T) {
		for i := 0; i <= freePerAddress; i++ {
			th.Fail("user"+string(rune('a'+i%26))+"@x.example", "192.0.2.50")
		}
		if th.Wait("new@x.example", "192.0.2.50") == 0 {
			t.Fatal("an address guessing across accounts is never slowed")
		}
	})
	t.Run("SuccessForgets", func(t *testing.T) {
		th.Fail("sam@x.example", "192.0.2.1")
		th.Succeed("sam@x.example", "192.0.2.1")
		if e := th.entries[throttleKeys("sam@x.example", "192.0.2.1")[0]]; e != nil {
			t.Fatal("a good sign-in did not reset the count")
		}
	})
	t.Run("QuietKeysAreForgotten", func(t *testing.T) {
		clock = clock.Add(2 * time.Hour)
		th.Fail("other@x.example", "192.0.2.99")
		if _, ok := th.entries[throttleKeys("dana@x.example", "203.0.113.9")[0]]; ok {
			t.Fatal("memory grows without bound")
		}
	})
}
