package store_test

import (
	"bufio"
	"bytes"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	goexec "os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestNoHookVariablesOrInit fails when the store (its non-test files)
// declares a package-level variable of function type or an init function.
// A function variable is a hook someone can swap at run time, and an init
// that fills one makes behaviour depend on which files are compiled in:
// the store calls its functions directly, and a test that must intervene
// sets a field of the DB from export_test.go. It type-checks the package,
// so `var f = sync.OnceValues(load)` counts as much as `var f func()`.
func TestNoHookVariablesOrInit(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the store package with the go tool")
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	imports := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		for _, im := range f.Imports {
			imports[strings.Trim(im.Path.Value, `"`)] = true
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "init" {
				t.Errorf("%s: func init: call what it sets up directly", fset.Position(fn.Pos()))
			}
		}
	}
	cfg := types.Config{Importer: importer.ForCompiler(fset, "gc", exportData(t, slices.Sorted(maps.Keys(imports))))}
	pkg, err := cfg.Check("github.com/goldthread/goldthread/internal/store", fset, parsed, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range pkg.Scope().Names() {
		v, ok := pkg.Scope().Lookup(name).(*types.Var)
		if !ok {
			continue
		}
		if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
			t.Errorf("%s: package variable %s is a function (%s): make it a func, or a DB field a test sets",
				fset.Position(v.Pos()), name, v.Type())
		}
	}
}

// exportData returns a lookup of compiled export data for the packages
// imported and theirs, from `go list -export` (built or taken from the
// build cache; the store itself is not compiled).
func exportData(t *testing.T, imports []string) func(path string) (io.ReadCloser, error) {
	t.Helper()
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, imports...)
	out, err := goexec.Command("go", args...).Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	export := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if path, file, ok := strings.Cut(sc.Text(), "\t"); ok && file != "" {
			export[path] = file
		}
	}
	return func(path string) (io.ReadCloser, error) {
		file, ok := export[path]
		if !ok {
			return nil, os.ErrNotExist
		}
		return os.Open(file)
	}
}
