package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// copySchema is the target's schema as CopyDatabase needs it, read from
// pg_catalog and information_schema in the target's own schema (the
// search_path's first): its tables, their columns and types, the foreign
// keys between them, and what copy sets aside while rows arrive.
type copySchema struct {
	tables  []string
	columns map[string][]copyColumn
	// parents maps a table to the other tables its foreign keys name.
	parents map[string][]string
	// triggers are the user triggers with how each is enabled
	// (pg_trigger.tgenabled: O origin, A always, R replica, D disabled).
	triggers []copyTrigger
	// forced are the tables with FORCE ROW LEVEL SECURITY.
	forced []string
}

type copyTrigger struct{ table, name, enabled string }

func readCopySchema(ctx context.Context, tx *Tx) (*copySchema, error) {
	s := &copySchema{columns: map[string][]copyColumn{}, parents: map[string][]string{}}
	err := scanAll(ctx, tx, `SELECT c.relname FROM pg_class c
		WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind IN ('r', 'p') ORDER BY c.relname`, nil,
		func(r scanner) error {
			var t string
			err := r.Scan(&t)
			s.tables = append(s.tables, t)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store.CopyDatabase: tables: %w", err)
	}
	var unknown []string
	err = scanAll(ctx, tx, `SELECT table_name, column_name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`, nil,
		func(r scanner) error {
			var table string
			var c copyColumn
			if err := r.Scan(&table, &c.name, &c.pgType); err != nil {
				return err
			}
			var ok bool
			if c.convert, ok = columnConverter(c.pgType); !ok {
				unknown = append(unknown, table+"."+c.name+" "+c.pgType)
			}
			s.columns[table] = append(s.columns[table], c)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store.CopyDatabase: columns: %w", err)
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("store.CopyDatabase: copy does not know how to convert SQLite's values for %s: teach columnConverter", strings.Join(unknown, ", "))
	}
	err = scanAll(ctx, tx, `SELECT DISTINCT child.relname, parent.relname FROM pg_constraint k
		JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
		WHERE k.contype = 'f' AND child.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
		ORDER BY 1, 2`, nil, func(r scanner) error {
		var child, parent string
		err := r.Scan(&child, &parent)
		if child != parent {
			s.parents[child] = append(s.parents[child], parent)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store.CopyDatabase: foreign keys: %w", err)
	}
	if s.triggers, s.forced, err = readSetAside(ctx, tx); err != nil {
		return nil, err
	}
	return s, nil
}

// readSetAside reads the user triggers and the forced tables of the
// target's schema.
func readSetAside(ctx context.Context, tx *Tx) ([]copyTrigger, []string, error) {
	var triggers []copyTrigger
	err := scanAll(ctx, tx, `SELECT c.relname, t.tgname, t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
		WHERE NOT t.tgisinternal AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) ORDER BY 1, 2`, nil,
		func(r scanner) error {
			var t copyTrigger
			err := r.Scan(&t.table, &t.name, &t.enabled)
			triggers = append(triggers, t)
			return err
		})
	if err != nil {
		return nil, nil, fmt.Errorf("store.CopyDatabase: triggers: %w", err)
	}
	var forced []string
	err = scanAll(ctx, tx, `SELECT relname FROM pg_class
		WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND relforcerowsecurity ORDER BY 1`, nil,
		func(r scanner) error {
			var t string
			err := r.Scan(&t)
			forced = append(forced, t)
			return err
		})
	if err != nil {
		return nil, nil, fmt.Errorf("store.CopyDatabase: row-level security: %w", err)
	}
	return triggers, forced, nil
}

// setAside locks every table of the target for the transaction (nobody
// else reads or writes it until the copy commits or rolls back), disables
// each enabled user trigger and lifts FORCE ROW LEVEL SECURITY. All of it
// is undone by putBack, or by the rollback.
func (s *copySchema) setAside(ctx context.Context, tx *Tx) error {
	if _, err := tx.Exec(ctx, "SET LOCAL lock_timeout = '30s'"); err != nil {
		return fmt.Errorf("store.CopyDatabase: %w", err)
	}
	quoted := make([]string, len(s.tables))
	for i, t := range s.tables {
		quoted[i] = quoteIdent(t)
	}
	if _, err := tx.Exec(ctx, "LOCK TABLE "+strings.Join(quoted, ", ")+" IN ACCESS EXCLUSIVE MODE"); err != nil {
		return privilegeError(err, "lock its tables")
	}
	for _, t := range s.triggers {
		if t.enabled == "D" {
			continue
		}
		if _, err := tx.Exec(ctx, "ALTER TABLE "+quoteIdent(t.table)+" DISABLE TRIGGER "+quoteIdent(t.name)); err != nil {
			return privilegeError(err, "set its triggers aside")
		}
	}
	for _, t := range s.forced {
		if _, err := tx.Exec(ctx, "ALTER TABLE "+quoteIdent(t)+" NO FORCE ROW LEVEL SECURITY"); err != nil {
			return privilegeError(err, "lift FORCE ROW LEVEL SECURITY")
		}
	}
	return nil
}

// putBack enables each trigger as it was and forces row-level security
// again where it was forced, then reads both back: a copy whose target
// would not refuse changes to signed records as before is not committed.
func (s *copySchema) putBack(ctx context.Context, tx *Tx) error {
	for _, t := range s.triggers {
		how := map[string]string{"O": "ENABLE", "A": "ENABLE ALWAYS", "R": "ENABLE REPLICA"}[t.enabled]
		if how == "" {
			continue
		}
		if _, err := tx.Exec(ctx, "ALTER TABLE "+quoteIdent(t.table)+" "+how+" TRIGGER "+quoteIdent(t.name)); err != nil {
			return fmt.Errorf("store.CopyDatabase: trigger %s on %s: %w", t.name, t.table, err)
		}
	}
	for _, t := range s.forced {
		if _, err := tx.Exec(ctx, "ALTER TABLE "+quoteIdent(t)+" FORCE ROW LEVEL SECURITY"); err != nil {
			return fmt.Errorf("store.CopyDatabase: row-level security on %s: %w", t, err)
		}
	}
	triggers, forced, err := readSetAside(ctx, tx)
	if err != nil {
		return err
	}
	if !slices.Equal(triggers, s.triggers) || !slices.Equal(forced, s.forced) {
		return fmt.Errorf("store.CopyDatabase: the target's triggers or row-level security are not as they were before the copy; nothing was committed")
	}
	return nil
}

// copyOrder returns the tables to copy, each after every table its foreign
// keys name, so the keys are checked as rows arrive (a table naming
// itself, such as claim, is checked at the end of its one COPY). Among
// tables free to go, names decide, so the order is the same every time.
func (s *copySchema) copyOrder() ([]string, error) {
	waiting := map[string]int{}
	children := map[string][]string{}
	for _, t := range s.tables {
		if copySkipped[t] {
			continue
		}
		n := 0
		for _, p := range s.parents[t] {
			if copySkipped[p] {
				continue
			}
			n++
			children[p] = append(children[p], t)
		}
		waiting[t] = n
	}
	var order, ready []string
	for t, n := range waiting {
		if n == 0 {
			ready = append(ready, t)
		}
	}
	for len(ready) > 0 {
		slices.Sort(ready)
		t := ready[0]
		ready = ready[1:]
		order = append(order, t)
		for _, c := range children[t] {
			if waiting[c]--; waiting[c] == 0 {
				ready = append(ready, c)
			}
		}
	}
	if len(order) != len(waiting) {
		var stuck []string
		for _, t := range slices.Sorted(maps.Keys(waiting)) {
			if !slices.Contains(order, t) {
				stuck = append(stuck, t)
			}
		}
		return nil, fmt.Errorf("store.CopyDatabase: the foreign keys among %s form a cycle; copy has no order for them", strings.Join(stuck, ", "))
	}
	return order, nil
}

// matchSource checks that the source has the same tables with the same
// columns as the target (the same schema version should promise it; a
// column only one side has would lose its values or be filled with a
// default, so the copy stops instead).
func (s *copySchema) matchSource(ctx context.Context, stx *Tx) error {
	var srcTables []string
	err := scanAll(ctx, stx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`, nil,
		func(r scanner) error {
			var t string
			err := r.Scan(&t)
			srcTables = append(srcTables, t)
			return err
		})
	if err != nil {
		return fmt.Errorf("store.CopyDatabase: the source's tables: %w", err)
	}
	var problems []string
	for _, t := range srcTables {
		if !copySkipped[t] && !slices.Contains(s.tables, t) {
			problems = append(problems, "table "+t+" is only in the source")
		}
	}
	for _, t := range s.tables {
		if copySkipped[t] {
			continue
		}
		if !slices.Contains(srcTables, t) {
			problems = append(problems, "table "+t+" is only in the target")
			continue
		}
		var srcCols []string
		if err := scanAll(ctx, stx, "SELECT name FROM pragma_table_info(?)", []any{t}, func(r scanner) error {
			var c string
			err := r.Scan(&c)
			srcCols = append(srcCols, c)
			return err
		}); err != nil {
			return fmt.Errorf("store.CopyDatabase: the source's columns of %s: %w", t, err)
		}
		var dstCols []string
		for _, c := range s.columns[t] {
			dstCols = append(dstCols, c.name)
		}
		slices.Sort(srcCols)
		slices.Sort(dstCols)
		if !slices.Equal(srcCols, dstCols) {
			problems = append(problems, fmt.Sprintf("table %s has columns %v in the source and %v in the target", t, srcCols, dstCols))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("store.CopyDatabase: the source's schema differs from the target's at the same version: %s", strings.Join(problems, "; "))
	}
	return nil
}
