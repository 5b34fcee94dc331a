package main

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/demo"
	"github.com/goldthread/goldthread/internal/store"
)

func runMigrate(ctx context.Context, e *env, args []string) int {
	return withDB(ctx, e, "migrate", "[--db URL]", args, func(db *store.DB) int {
		v, err := db.SchemaVersion(ctx)
		if err != nil {
			fmt.Fprintf(e.stderr, "goldthread: %v\n", err)
			return 1
		}
		fmt.Fprintf(e.stdout, "database %s is at schema version %d\n", db.Source(), v)
		return 0
	})
}

func runDemo(ctx context.Context, e *env, args []string) int {
	return withDB(ctx, e, "demo", "[--db URL]", args, func(db *store.DB) int {
		loaded, err := demo.Load(ctx, db, goldthread.Date{}, demo.HashCost) // today on the demo agency's clock
		if err != nil {
			fmt.Fprintf(e.stderr, "goldthread: loading the demo agency failed: %v\n", err)
			return 1
		}
		if loaded {
			fmt.Fprintf(e.stdout, "demo agency %q loaded into %s; every demo account's password is %s\n", demo.Slug, db.Source(), demo.Password)
		} else {
			fmt.Fprintf(e.stdout, "demo agency %q is already in %s; nothing changed\n", demo.Slug, db.Source())
		}
		return 0
	})
}

func runPrograms(ctx context.Context, e *env, args []string) int {
	return withDB(ctx, e, "programs", "[--db URL]", args, func(db *store.DB) int {
		list, err := db.EveryProgram(ctx)
		if err != nil {
			fmt.Fprintf(e.stderr, "goldthread: %v\n", err)
			return 1
		}
		for _, p := range list {
			fmt.Fprintf(e.stdout, "%d\t%s\t%s\n", p.ID, p.Name, p.RulePack)
		}
		return 0
	})
}
