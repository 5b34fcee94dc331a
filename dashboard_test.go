package goldthread_test

import (
	"testing"

	"github.com/goldthread/goldthread"
)

func TestReportFilter(t *testing.T) {
	d := goldthread.NewDate
	for name, tc := range map[string]struct {
		f     goldthread.ReportFilter
		field string
	}{
		"NoFirstDay":      {goldthread.ReportFilter{To: d(2026, 3, 1)}, "from"},
		"NoLastDay":       {goldthread.ReportFilter{From: d(2026, 3, 1)}, "to"},
		"Reversed":        {goldthread.ReportFilter{From: d(2026, 3, 2), To: d(2026, 3, 1)}, "to"},
		"LongerThanAYear": {goldthread.ReportFilter{From: d(2025, 2, 28), To: d(2026, 3, 1)}, "to"},
		"AYearIsAllowed":  {goldthread.ReportFilter{From: d(2025, 3, 1), To: d(2026, 3, 1)}, ""},
		"OneDayIsAllowed": {goldthread.ReportFilter{From: d(2026, 3, 1), To: d(2026, 3, 1)}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			err := tc.f.Validate()
			if (err == nil) != (tc.field == "") || goldthread.ErrorField(err) != tc.field {
				t.Fatalf("Validate() = %v; want an error on %q", err, tc.field)
			}
		})
	}
}

// TestWeeks: dashboards count by weeks starting on Monday, and a period
// lists every week it touches.
func TestWeeks(t *testing.T) {
	d := goldthread.NewDate
	if got := goldthread.WeekOf(d(2026, 3, 1)); got != d(2026, 2, 23) {
		t.Errorf("week of Sunday Mar 1 = %v; want Monday Feb 23", got)
	}
	if got := goldthread.WeekOf(d(2026, 3, 2)); got != d(2026, 3, 2) {
		t.Errorf("week of Monday Mar 2 = %v", got)
	}
	weeks := goldthread.ReportFilter{From: d(2026, 3, 1), To: d(2026, 3, 15)}.Weeks()
	if len(weeks) != 3 || weeks[0] != d(2026, 2, 23) || weeks[2] != d(2026, 3, 9) {
		t.Errorf("weeks = %v", weeks)
	}
	if s := (goldthread.Timeliness{OnTime: 3, Late: 1, Pending: 5}).Share(); s != 0.75 {
		t.Errorf("share = %v; want 0.75 (pending notes are not decided)", s)
	}
	if s := (goldthread.Timeliness{Pending: 2}).Share(); s != 0 {
		t.Errorf("share with nothing decided = %v", s)
	}
	if left := (goldthread.AuthorizationLeft{Authorized: 10, Used: 12}).Left(); left != 0 {
		t.Errorf("units left = %d; want 0, never below", left)
	}
}
