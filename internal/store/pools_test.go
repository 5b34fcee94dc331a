package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// poolFiles are the only files of the store that may touch the connection
// pools (DB.reader, DB.writer), each with why.
var poolFiles = map[string]string{
	"tx.go":         "WriteTx and ReadTx: scope, audit, retry and the lost-race answer",
	"read.go":       "readRow, readRows and writeOne, each one statement in WriteTx or ReadTx",
	"store.go":      "opening, pinging and closing the pools",
	"statements.go": "statements prepared once per pool (SQLite)",
	"raw.go":        "ExecRaw, QueryRaw and QueryRowRaw: unscoped, unaudited access for operators and tests, some of which (VACUUM INTO, PRAGMA) cannot run in a transaction",
}

// TestPoolsReachedOnlyThroughTheHelpers fails when a file of the store
// not listed in poolFiles names the reader or writer pool: a query run
// on a pool directly skips the agency scope (row-level security on
// PostgreSQL), the audit append and the retry and lost-race handling that
// every other statement gets.
func TestPoolsReachedOnlyThroughTheHelpers(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || poolFiles[name] != "" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && (sel.Sel.Name == "reader" || sel.Sel.Name == "writer") {
				t.Errorf("%s: uses the %s pool: go through ReadTx/WriteTx or readRow, readRows, writeOne (read.go)",
					fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
	for name := range poolFiles {
		if _, err := parser.ParseFile(fset, name, nil, parser.PackageClauseOnly); err != nil {
			t.Errorf("poolFiles lists %s, which does not parse or exist: %v", name, err)
		}
	}
}
