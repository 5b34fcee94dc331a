package main

import (
	"context"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// programByID finds the program with id in whichever agency holds it: a
// command runs on the server, and the program id (as `goldthread programs`
// lists them) is what tells it the agency to act for. The store's own
// lookups always name an agency, so this goes through the one listing of
// every agency's programs.
func programByID(ctx context.Context, db *store.DB, id int64) (goldthread.Program, error) {
	list, err := db.EveryProgram(ctx)
	if err != nil {
		return goldthread.Program{}, err
	}
	for _, p := range list {
		if p.ID == id {
			return p, nil
		}
	}
	return goldthread.Program{}, goldthread.Errorf(goldthread.ENOTFOUND, "No program with id %d. Run `goldthread programs` to list them.", id)
}
