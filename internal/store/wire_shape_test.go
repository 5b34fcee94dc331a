package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// storeWireShapes are the exported store types allowed JSON names, each
// with why; none since issue 18. The store answers in domain types; the
// API's JSON shapes belong to internal/web (wire_*.go), inputs and their
// rules to the root package. Never add to this list without a reason a
// reviewer would accept.
var storeWireShapes = map[string]string{}

// TestNoWireShapesInTheStore fails when an exported struct type of the
// store carries a json tag and is not listed above, and when a listed type
// no longer does (so the list cannot go stale). It reads the source, so a
// type alias of a root type (store.NoteInput = goldthread.NoteInput) is
// not a store type and passes.
func TestNoWireShapesInTheStore(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	tagged := map[string]string{} // type → file
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.TypeSpec)
			if !ok || !spec.Name.IsExported() || spec.Assign.IsValid() {
				return true
			}
			if st, ok := spec.Type.(*ast.StructType); ok && hasJSONTag(st) {
				tagged[spec.Name.Name] = name
			}
			return true
		})
	}
	for _, typ := range slices.Sorted(maps.Keys(tagged)) {
		if _, ok := storeWireShapes[typ]; !ok {
			t.Errorf("%s: store.%s carries json tags: put its JSON shape in internal/web (wire_*.go) and its rules on a root type", tagged[typ], typ)
		}
	}
	for _, typ := range slices.Sorted(maps.Keys(storeWireShapes)) {
		if _, ok := tagged[typ]; !ok {
			t.Errorf("store.%s is listed in storeWireShapes but carries no json tags (or is gone): take it off the list", typ)
		}
	}
}

// hasJSONTag reports whether any field of st, nested structs included,
// has a json tag.
func hasJSONTag(st *ast.StructType) bool {
	found := false
	ast.Inspect(st, func(n ast.Node) bool {
		if f, ok := n.(*ast.Field); ok && f.Tag != nil {
			if _, ok := reflect.StructTag(strings.Trim(f.Tag.Value, "`")).Lookup("json"); ok {
				found = true
			}
		}
		return !found
	})
	return found
}
