package goldthread_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
)

// TestBillingRateValidateEffectiveFrom: a new rate never re-prices a day
// an earlier rate already prices; from today on, any day is fine.
func TestBillingRateValidateEffectiveFrom(t *testing.T) {
	today := goldthread.NewDate(2026, time.March, 10)
	since := func(d goldthread.Date) goldthread.BillingRate {
		return goldthread.BillingRate{Procedure: "H0038", CentsPerUnit: 1000, EffectiveFrom: d}
	}
	jan := since(goldthread.NewDate(2026, time.January, 1))
	cases := []struct {
		name    string
		rate    goldthread.BillingRate
		history []goldthread.BillingRate
		refused string // "" when accepted
	}{
		{"today", since(today), []goldthread.BillingRate{jan}, ""},
		{"a later day", since(goldthread.NewDate(2026, time.April, 1)), []goldthread.BillingRate{jan}, ""},
		{"a past day with no rate before it", since(goldthread.NewDate(2025, time.December, 1)), []goldthread.BillingRate{jan}, ""},
		{"the first rate of a code, from the beginning", since(goldthread.Date{}), nil, ""},
		{"a past day an earlier rate prices", since(goldthread.NewDate(2026, time.February, 1)), []goldthread.BillingRate{jan}, "already priced by the rate in effect then"},
		{"the beginning when a rate exists", since(goldthread.Date{}), []goldthread.BillingRate{since(goldthread.Date{})}, "already has a rate from the beginning"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.rate.ValidateEffectiveFrom(c.history, today)
			if c.refused == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var e *goldthread.Error
			if !errors.As(err, &e) || e.Kind != goldthread.EINVALID || e.Field != "effective_from" || !strings.Contains(e.Message, c.refused) {
				t.Fatalf("got %v; want EINVALID on effective_from saying %q", err, c.refused)
			}
		})
	}
}
