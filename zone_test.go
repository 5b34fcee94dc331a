package goldthread_test

import (
	"testing"
	"time"

	"github.com/goldthread/goldthread"
)

func TestLoadTimeZone(t *testing.T) {
	for _, name := range []string{"America/New_York", "Pacific/Honolulu", "UTC", ""} {
		loc, err := goldthread.LoadTimeZone(name)
		if err != nil || loc == nil {
			t.Errorf("%q: %v", name, err)
		}
	}
	for _, bad := range []string{"Local", "Eastern", "america/new_york/", "../zoneinfo/UTC"} {
		if _, err := goldthread.LoadTimeZone(bad); goldthread.ErrorKind(err) != goldthread.EINVALID || goldthread.ErrorField(err) != "time_zone" {
			t.Errorf("%q: %v; want %s on time_zone", bad, err, goldthread.EINVALID)
		}
	}
	if got := (goldthread.Actor{}).Location(); got != time.UTC {
		t.Errorf("the anonymous actor's zone is %v; want UTC", got)
	}
}

// TestDatesOnTheAgencyClock: an instant's date depends on where it is
// read, and a wall-clock time on a date is the same wall time across a
// daylight saving change.
func TestDatesOnTheAgencyClock(t *testing.T) {
	ny, err := goldthread.LoadTimeZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	evening := time.Date(2026, 3, 11, 1, 30, 0, 0, time.UTC) // 9:30 PM on Mar 10 in New York
	if got := goldthread.DateIn(evening, ny); got != goldthread.NewDate(2026, 3, 10) {
		t.Errorf("DateIn = %s; want 2026-03-10", got)
	}
	if got := goldthread.DateIn(evening, nil); got != goldthread.NewDate(2026, 3, 11) {
		t.Errorf("DateIn in UTC = %s; want 2026-03-11", got)
	}
	for _, c := range []struct {
		day  goldthread.Date
		want time.Time
	}{
		{goldthread.NewDate(2026, 3, 7), time.Date(2026, 3, 7, 18, 0, 0, 0, time.UTC)}, // EST, UTC-5
		{goldthread.NewDate(2026, 3, 9), time.Date(2026, 3, 9, 17, 0, 0, 0, time.UTC)}, // EDT, UTC-4
	} {
		if got := c.day.At(13, 0, ny); !got.Equal(c.want) {
			t.Errorf("1 PM on %s = %s; want %s", c.day, got.UTC(), c.want)
		}
	}
}
