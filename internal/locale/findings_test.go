package locale

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// findingArgs are the rules package's finding constructors and the
// indexes of their message and fix arguments.
var findingArgs = map[string][2]int{"addRule": {3, 4}, "add": {5, 6}}

// textFormats walks the module's Go source (tests aside) and returns every
// literal format given to goldthread.Textf, with where it was first seen,
// and the places where a format is not a literal or a finding's message
// or fix is not a Textf call (or a variable holding one).
func textFormats(t *testing.T) (formats map[string]string, bad []string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	formats = map[string]string{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rulesPackage := filepath.Dir(rel) == filepath.Join("internal", "rules")
		where := func(n ast.Node) string {
			p := fset.Position(n.Pos())
			p.Filename = rel
			return p.String()
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok {
				bad = append(bad, untranslated(lit, where)...)
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			bad = append(bad, formattedMoney(call, where)...)
			if isTextf(call) {
				if len(call.Args) == 0 {
					return true
				}
				s, ok := literal(call.Args[0])
				if !ok {
					if rel != "text.go" { // Textf itself
						bad = append(bad, where(call)+": a Text's format is not a string literal, so it cannot be translated")
					}
					return true
				}
				if _, seen := formats[s]; !seen {
					formats[s] = where(call)
				}
				return true
			}
			if !rulesPackage {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			case *ast.Ident:
				name = fn.Name
			}
			idx, ok := findingArgs[name]
			if !ok || len(call.Args) <= idx[1] {
				return true
			}
			for _, i := range idx {
				switch a := call.Args[i].(type) {
				case *ast.CallExpr:
					if isTextf(a) {
						continue
					}
				case *ast.Ident: // a variable set from Textf calls, which are checked themselves
					if a.Name != "nil" {
						continue
					}
				}
				bad = append(bad, where(call.Args[i])+": a finding's message or fix is not a goldthread.Textf call, so it cannot be translated")
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return formats, bad
}

// textFields names, per struct a person reads, the fields that must be
// given as Texts (or, for a signing problem, the error it was read from)
// whenever the struct is written out with its English: a billing block's,
// a review finding's and a signing problem's MessageText and FixText beside
// their Message and Fix, an import row problem's MessageText.
var textFields = map[string]map[string][]string{
	"BillingFinding": {"Message": {"MessageText"}, "Fix": {"FixText"}},
	"ReviewFinding":  {"Message": {"MessageText"}, "Fix": {"FixText"}},
	"SignProblem":    {"Message": {"MessageText", "Cause"}, "Fix": {"FixText"}},
	"ImportError":    {"Message": {"MessageText"}},
}

// untranslated names the fields of lit (one of textFields' structs) that
// carry English without the Text a reader's printer renders.
func untranslated(lit *ast.CompositeLit, where func(ast.Node) string) []string {
	var name string
	switch t := lit.Type.(type) {
	case *ast.SelectorExpr:
		name = t.Sel.Name
	case *ast.Ident:
		name = t.Name
	}
	fields, ok := textFields[name]
	if !ok {
		return nil
	}
	set := map[string]bool{}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok {
				set[k.Name] = true
			}
		}
	}
	var bad []string
	for english, texts := range fields {
		if !set[english] || slices.ContainsFunc(texts, func(f string) bool { return set[f] }) {
			continue
		}
		bad = append(bad, where(lit)+": "+name+"."+english+" is set without "+strings.Join(texts, " or ")+", so it reads in English to every reader")
	}
	sort.Strings(bad)
	return bad
}

// messageCalls are the goldthread functions whose format and arguments
// make a message a person reads.
var messageCalls = map[string]bool{"Textf": true, "Errorf": true, "FieldError": true, "FieldConflict": true, "ErrorAbout": true}

// formattedMoney names an amount written into a message's format ("$%.2f")
// or passed already formatted (a printer's Money, fmt.Sprintf): an amount
// is passed as goldthread.Money, formatted in one place for each reader.
func formattedMoney(call *ast.CallExpr, where func(ast.Node) string) []string {
	fn, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !messageCalls[fn.Sel.Name] {
		return nil
	}
	if x, ok := fn.X.(*ast.Ident); !ok || x.Name != "goldthread" {
		return nil
	}
	var bad []string
	for _, a := range call.Args {
		if s, ok := literal(a); ok && strings.Contains(s, "$%") {
			bad = append(bad, where(a)+": an amount is written into a message's format; pass it as goldthread.Money")
		}
		inner, ok := a.(*ast.CallExpr)
		if !ok {
			continue
		}
		if sel, ok := inner.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Money" && !isIdent(sel.X, "goldthread") ||
			sel.Sel.Name == "Sprintf" && len(inner.Args) > 0 && moneyFormat(inner.Args[0])) {
			bad = append(bad, where(a)+": an amount is formatted before it reaches the message; pass it as goldthread.Money")
		}
	}
	return bad
}

func moneyFormat(e ast.Expr) bool {
	s, ok := literal(e)
	return ok && strings.Contains(s, "$%")
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func isTextf(call *ast.CallExpr) bool {
	switch fn := call.Fun.(type) {
	case *ast.SelectorExpr:
		x, ok := fn.X.(*ast.Ident)
		return ok && x.Name == "goldthread" && fn.Sel.Name == "Textf"
	case *ast.Ident:
		return fn.Name == "Textf"
	}
	return false
}

// TestEveryFindingFormatHasSpanish: each English format of a compliance
// finding (goldthread.Textf, as the rules engine writes a finding's message
// and fix and the fragments they quote) has a Spanish translation with
// the same fmt verbs, so a new finding fails here, named, rather than
// reading English to a Spanish reader; a format that is not a literal, a
// finding whose text is not a Textf, or a billing block written with
// English only (textFields), or an amount formatted into a message rather
// than passed as goldthread.Money, is named too.
func TestEveryFindingFormatHasSpanish(t *testing.T) {
	formats, bad := textFormats(t)
	if len(formats) < 50 {
		t.Fatalf("found only %d finding formats; is the walk looking at the module?", len(formats))
	}
	for _, b := range bad {
		t.Error(b)
	}
	list := make([]string, 0, len(formats))
	for f := range formats {
		list = append(list, f)
	}
	sort.Strings(list)
	for _, f := range list {
		es, ok := spanishFormats[f]
		if !ok {
			t.Errorf("%s: no Spanish for the finding text %q", formats[f], f)
			continue
		}
		if !slices.Equal(verbs(f), verbs(es)) {
			t.Errorf("%s: Spanish verbs %v differ from English %v in %q", formats[f], verbs(es), verbs(f), f)
		}
	}
}
