package bench

import (
	"context"
	"testing"
	"time"
)

// An operation slower than the whole run (a signed note on a loaded
// machine) is waited for and counted, not cut off and lost.
func TestRunCountsWhatStartedBeforeTheEnd(t *testing.T) {
	op := func(ctx context.Context, client int) string {
		select {
		case <-time.After(200 * time.Millisecond):
			return ""
		case <-ctx.Done():
			return "error: cancelled"
		}
	}
	r := Run(context.Background(), "slow", 2, 50*time.Millisecond, op)
	if r.OK != 2 || len(r.Errors) != 0 {
		t.Fatalf("%d done, errors %v; want both clients' one operation done", r.OK, r.Errors)
	}
	if r.Elapsed < 200*time.Millisecond {
		t.Fatalf("elapsed %v; want it to include the operations it counted", r.Elapsed)
	}
}

// The caller's context still stops everything at once.
func TestRunStopsWithTheCaller(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	r := Run(ctx, "cancelled", 2, time.Minute, func(ctx context.Context, client int) string {
		<-ctx.Done()
		return "error: cancelled"
	})
	if r.OK != 0 || len(r.Errors) != 0 || r.Elapsed > 10*time.Second {
		t.Fatalf("%d done, errors %v in %v; want nothing counted, quickly", r.OK, r.Errors, r.Elapsed)
	}
}
