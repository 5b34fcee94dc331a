package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A request acts as the person signed in, never as a command's operator:
// the operator passes the store's role checks, so a handler that made one
// would open every setup and billing write to whoever reaches the route.
// No file of this package (tests aside) may name goldthread.Operator.
func TestNoHandlerMakesAnOperator(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Operator" {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "goldthread" {
				t.Errorf("%s: internal/web names goldthread.Operator; a request must act as the person signed in", fset.Position(sel.Pos()))
			}
			return true
		})
	}
	if checked < 20 {
		t.Fatalf("walked %d files of internal/web; the walk is not reading the handlers", checked)
	}
}
