package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"

	"github.com/goldthread/goldthread"
)

// routeWords are the names that mean routing: the table, its entries, the
// router, and the test's classification of every route. An init that
// mentions one registers (or classifies) a route away from routeTable.
var routeWords = map[string]bool{"route": true, "routes": true, "routeTable": true, "routeGroups": true,
	"routeAccess": true, "mux": true, "Handle": true, "HandleFunc": true}

// TestOneRouteTable: every route is in routeTable (routes.go), read top to
// bottom in one place. It fails when an init in this package (tests too)
// registers a route, when a package-level variable collects routes (a
// registry features append to), or when two entries share method and
// pattern.
func TestOneRouteTable(t *testing.T) {
	t.Run("NoInitRegistersARoute", func(t *testing.T) {
		fset := token.NewFileSet()
		files, err := filepath.Glob("*.go")
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files here: %v", err)
		}
		for _, name := range files {
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil && d.Name.Name == "init" {
						if pos, ok := mentionsRouting(d.Body); ok {
							t.Errorf("%s: func init registers a route; list it in routeTable (routes.go) instead", fset.Position(pos))
						}
					}
				case *ast.GenDecl:
					if d.Tok != token.VAR {
						continue
					}
					for _, spec := range d.Specs {
						vs := spec.(*ast.ValueSpec)
						if vs.Type == nil {
							continue
						}
						if pos, ok := mentionsRouting(vs.Type); ok {
							t.Errorf("%s: package variable %s holds routes; the only list is routeTable (routes.go)", fset.Position(pos), vs.Names[0].Name)
						}
					}
				}
			}
		}
	})
	// Who may reach a route is a capability of the role policy, by name,
	// never a role list or a function of the web's own.
	t.Run("AccessComesFromThePolicy", func(t *testing.T) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "routes.go", nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		calls := 0
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); !ok || (id.Name != "signedIn" && id.Name != "apiFor" && id.Name != "setup") {
				return true
			}
			calls++
			var pkg string
			if sel, ok := call.Args[0].(*ast.SelectorExpr); ok && len(call.Args) == 1 {
				if id, ok := sel.X.(*ast.Ident); ok {
					pkg = id.Name
				}
			}
			if pkg != "goldthread" {
				t.Errorf("%s: access must name a capability of policy.go (goldthread.CanX)", fset.Position(call.Pos()))
			}
			return true
		})
		if calls < 250 {
			t.Errorf("only %d routes name a capability; routes.go is not the route table any more?", calls)
		}
	})
	t.Run("NoTwoEntriesShareMethodAndPattern", func(t *testing.T) {
		seen := map[string]bool{}
		for _, rt := range new(Server).routeTable() {
			key := rt.Method + " " + rt.Pattern
			if seen[key] {
				t.Errorf("routeTable lists %s twice", key)
			}
			seen[key] = true
		}
		if len(seen) == 0 {
			t.Fatal("routeTable is empty")
		}
	})
}

// mentionsRouting reports the first routing name (routeWords) in n.
func mentionsRouting(n ast.Node) (token.Pos, bool) {
	var at token.Pos
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && routeWords[id.Name] && at == token.NoPos {
			at = id.Pos()
		}
		return at == token.NoPos
	})
	return at, at != token.NoPos
}

// TestNavigationReachesOnlyAllowedRoutes: for each role, and each pair of
// roles a person may hold together, every link the navigation shows leads
// to a GET route of routeTable that the person may use. It fails when the
// navigation offers a link the route table would refuse (a 403 behind a
// menu item) or one no route answers.
func TestNavigationReachesOnlyAllowedRoutes(t *testing.T) {
	mux := http.NewServeMux()
	byPattern := map[string]route{}
	for _, rt := range new(Server).routeTable() {
		key := rt.Method + " " + rt.Pattern
		byPattern[key] = rt
		mux.Handle(key, http.NotFoundHandler())
	}
	var people [][]goldthread.Role
	for i, a := range goldthread.Roles {
		people = append(people, []goldthread.Role{a})
		for _, b := range goldthread.Roles[i+1:] {
			people = append(people, []goldthread.Role{a, b})
		}
	}
	for _, roles := range people {
		actor := goldthread.Actor{UserID: 1, AgencyID: 1, Roles: roles}
		items := view{Actor: actor}.NavItems()
		if len(items) == 0 {
			t.Errorf("%v: the navigation is empty", roles)
		}
		for _, item := range items {
			req := httptest.NewRequest(http.MethodGet, item.Href, nil)
			_, pattern := mux.Handler(req)
			rt, ok := byPattern[pattern]
			if !ok {
				t.Errorf("%v: the navigation links %s (%s), which no GET route answers", roles, item.Href, item.Key)
				continue
			}
			if !rt.Access.Public && !slices.ContainsFunc(roles, func(r goldthread.Role) bool { return slices.Contains(rt.Access.Roles, r) }) {
				t.Errorf("%v: the navigation links %s (%s), but routeTable lets only %v reach %s", roles, item.Href, item.Key, rt.Access.Roles, pattern)
			}
		}
	}
}
