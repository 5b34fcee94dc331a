package rules

import (
	"testing"
	"time"
)

// TestDatesCompareOnTheAgencyClock: the store passes Now and the note's
// times on the agency's clock and the service date as a calendar date
// (midnight UTC); "today" is the calendar date of Now where the agency is,
// whichever side of UTC that is.
func TestDatesCompareOnTheAgencyClock(t *testing.T) {
	for _, c := range []struct {
		zone   string
		now    time.Time // wall clock in zone
		day    time.Time // the service date
		future bool
	}{
		// 11:30 PM on Mar 11 in New York is Mar 12 in UTC; Mar 12 is still tomorrow.
		{"America/New_York", time.Date(2025, 3, 11, 23, 30, 0, 0, time.UTC), time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC), true},
		// 8 AM on Mar 12 in Auckland is Mar 11 in UTC; Mar 12 is today there.
		{"Pacific/Auckland", time.Date(2025, 3, 12, 8, 0, 0, 0, time.UTC), time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC), false},
	} {
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(c.now.Year(), c.now.Month(), c.now.Day(), c.now.Hour(), c.now.Minute(), 0, 0, loc)
		in := baseInput(t, packNC)
		in.Now = now
		in.Note.ServiceDate = c.day
		in.Note.Start, in.Note.End = now.Add(-2*time.Hour), now.Add(-75*time.Minute)
		_, got := has(Check(in), RuleFutureDate)
		if got != c.future {
			t.Errorf("%s at %s, service date %s: future = %v; want %v", c.zone, now, c.day.Format(time.DateOnly), got, c.future)
		}
	}
}
