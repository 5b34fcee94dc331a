package main

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread/internal/seed"
	"github.com/goldthread/goldthread/internal/store"
)

// seededFile makes a migrated SQLite file at path holding a small seeded
// agency (4 participants, 40 signed notes) and closes it, for the commands
// that read a whole file: backup, copy.
func seededFile(t *testing.T, path, slug string) *seed.Agency {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	a, err := seed.Run(ctx, db, seed.Options{Slug: slug, Participants: 4, Notes: 40, Caseload: 2})
	if err != nil {
		t.Fatal(err)
	}
	return a
}
