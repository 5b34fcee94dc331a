package storetest

import (
	"strings"
	"sync"
	"testing"
)

// serialTests holds the names of tests marked Serial, with the reason.
var serialTests sync.Map

// parallelTests holds the names of tests already made parallel: a test
// that opens two databases, or calls Engines inside a helper that already
// opened one, must not call t.Parallel twice (it panics).
var parallelTests sync.Map

// Serial marks t as a test that must not run beside others, for the
// reason why (a package-level hook it swaps, a process-wide setting it
// changes). The helpers of this package then make neither t nor any of
// its subtests parallel. Call it first, before Engines or Open*.
func Serial(t *testing.T, why string) {
	t.Helper()
	if strings.TrimSpace(why) == "" {
		t.Fatal("storetest.Serial: say why the test cannot run beside others")
	}
	serialTests.Store(t.Name(), why)
}

// isSerial reports whether the test named name, or a test it runs under,
// was marked Serial.
func isSerial(name string) bool {
	for {
		if _, ok := serialTests.Load(name); ok {
			return true
		}
		i := strings.LastIndexByte(name, '/')
		if i < 0 {
			return false
		}
		name = name[:i]
	}
}

// parallel lets tb run beside other tests: each test has a database of its
// own, so independent tests need not queue. Benchmarks, fuzz targets and
// Serial tests are left as they are.
func parallel(tb testing.TB) {
	t, ok := tb.(*testing.T)
	if !ok || isSerial(t.Name()) {
		return
	}
	if _, already := parallelTests.LoadOrStore(t.Name(), true); already {
		return
	}
	t.Parallel()
}
