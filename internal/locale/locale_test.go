package locale

import (
	"testing"
	"time"
)

func TestMoney(t *testing.T) {
	p := New("en", nil)
	for cents, want := range map[int64]string{0: "$0.00", 5: "$0.05", 1197: "$11.97", 123456: "$1,234.56", 100000000: "$1,000,000.00", -300: "-$3.00"} {
		if got := p.Money(cents); got != want {
			t.Errorf("Money(%d) = %q; want %q", cents, got, want)
		}
	}
}

func TestDatesAndTimes(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database")
	}
	p := New("en", ny)
	at := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	if got := p.Time(at); got != "9:05 AM" {
		t.Errorf("Time = %q; want the zone's 9:05 AM", got)
	}
	if got := p.Date(at); got != "Mon, Nov 23, 2026" {
		t.Errorf("Date = %q", got)
	}
	if got := p.DateTime(at); got != "Nov 23, 2026, 9:05 AM" {
		t.Errorf("DateTime = %q", got)
	}
	if p.Date(time.Time{}) != "" || p.Time(time.Time{}) != "" {
		t.Error("a zero time must print as nothing")
	}
}

func TestCatalog(t *testing.T) {
	p := New("xx", nil)
	if p.Lang != "en" {
		t.Fatalf("unknown language did not fall back to English: %s", p.Lang)
	}
	if got := p.T("today.greeting", "Dana"); got != "Hello, Dana" {
		t.Errorf("T = %q", got)
	}
	if got := p.T("no.such.key"); got != "[no.such.key]" {
		t.Errorf("a missing key must show itself: %q", got)
	}
	for _, k := range Keys() {
		if p.T(k) == "" {
			t.Errorf("key %s has an empty message", k)
		}
	}
}

// TestShowZone: a program's clock other than the office's says so beside
// each time; the office's own clock does not clutter times.
func TestShowZone(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 7, 1, 16, 5, 0, 0, time.UTC)
	p := New("en", la)
	if got := p.Time(at); got != "9:05 AM" {
		t.Errorf("Time = %q", got)
	}
	p.ShowZone = true
	if got, want := p.Time(at), "9:05 AM PDT"; got != want {
		t.Errorf("Time = %q, want %q", got, want)
	}
	if got, want := p.DateTime(at), "Jul 1, 2026, 9:05 AM PDT"; got != want {
		t.Errorf("DateTime = %q, want %q", got, want)
	}
}
