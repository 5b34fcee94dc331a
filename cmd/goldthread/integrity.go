package main

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread/internal/store"
)

// runIntegrity is `goldthread integrity verify [--db URL]` (ONC (d)(8)):
// it recomputes the content hash of every signed note and plan and exits
// 1 naming the first that does not match what was signed.
func runIntegrity(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(e.stderr, "Usage: goldthread integrity verify [--db URL]")
		return 2
	}
	return withDB(ctx, e, "integrity verify", "[--db URL]", args[1:], func(db *store.DB) int {
		n, bad, err := db.VerifyIntegrity(ctx)
		if err != nil {
			fmt.Fprintf(e.stderr, "goldthread: %v\n", err)
			return 1
		}
		if bad != nil {
			fmt.Fprintf(e.stdout, "integrity BROKEN at %s %d: %s (stored %s, computed %s)\n", bad.RecordType, bad.RecordID, bad.Problem, bad.Stored, bad.Computed)
			return 1
		}
		fmt.Fprintf(e.stdout, "integrity verified: %d signed notes and plans match their content hashes\n", n)
		return 0
	})
}
