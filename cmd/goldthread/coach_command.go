package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/goldthread/goldthread"
)

// runCoachCommand runs `goldthread coach`, opening the database only when
// --program names a program whose rule pack must be looked up.
func runCoachCommand(ctx context.Context, e *env, args []string) int {
	dbURL := e.getenv("GOLDTHREAD_DB")
	if dbURL == "" {
		dbURL = "goldthread.db"
	}
	programPack := func(id string) (string, error) {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return "", fmt.Errorf("--program %q is not a program id; run `goldthread programs` to list them", id)
		}
		db, ok := openDB(ctx, e, dbURL)
		if !ok {
			return "", fmt.Errorf("cannot open the database to look up --program %s", id)
		}
		defer db.Close()
		p, err := programByID(ctx, db, n)
		if err != nil {
			return "", fmt.Errorf("%s", goldthread.ErrorMessage(err))
		}
		return p.RulePack, nil
	}
	return runCoach(args, e.stdin, e.stdout, e.stderr, programPack)
}
