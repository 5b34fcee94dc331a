package locale

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/coach"
)

// TestEveryCoachSentenceHasSpanish: each why and suggestion of the coach's
// default lexicon, and each suggestion format the coach composes, has a
// Spanish translation, so a new lexicon entry fails here, named, rather
// than reading English to a peer who reads Spanish. The coach's source is
// read too: a finding's why or suggestion is set only from its lexicon
// entry or from one of those formats, never from other English.
func TestEveryCoachSentenceHasSpanish(t *testing.T) {
	entries := coach.DefaultLexicon().Entries()
	if len(entries) < 50 {
		t.Fatalf("only %d lexicon entries", len(entries))
	}
	for _, e := range entries {
		for _, s := range []string{e.Why, e.Suggestion} {
			if _, ok := spanishFormats[s]; !ok {
				t.Errorf("lexicon %s: no Spanish for %q", e.ID, s)
			}
		}
	}
	for _, f := range []string{coach.SuggestRole, coach.SuggestKnownSupports} {
		if es, ok := spanishFormats[f]; !ok || strings.Count(es, "%s") != strings.Count(f, "%s") {
			t.Errorf("no Spanish, or other verbs, for the coach's suggestion %q", f)
		}
	}
	for _, b := range coachEnglish(t) {
		t.Error(b)
	}
}

// coachEnglish names where internal/coach sets a finding's Why or
// Suggestion from anything but an entry's own (e.Why, e.Suggestion) or a
// fmt.Sprintf of a Suggest… format.
func coachEnglish(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join("..", "coach")
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	fset := token.NewFileSet()
	allowed := func(field string, v ast.Expr) bool {
		switch v := v.(type) {
		case *ast.SelectorExpr:
			return v.Sel.Name == field
		case *ast.CallExpr:
			fn, ok := v.Fun.(*ast.SelectorExpr)
			if !ok || fn.Sel.Name != "Sprintf" || len(v.Args) == 0 {
				return false
			}
			switch a := v.Args[0].(type) {
			case *ast.Ident:
				return strings.HasPrefix(a.Name, "Suggest")
			case *ast.SelectorExpr:
				return a.Sel.Name == "SuggestionFormat"
			}
		}
		return false
	}
	for _, d := range files {
		name := d.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); !ok || id.Name != "Finding" {
					return true
				}
				for _, e := range n.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					if k, _ := kv.Key.(*ast.Ident); k != nil && (k.Name == "Why" || k.Name == "Suggestion") && !allowed(k.Name, kv.Value) {
						bad = append(bad, fset.Position(kv.Pos()).String()+": a coach finding's "+k.Name+" is not its lexicon entry's, so it has no Spanish")
					}
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					sel, ok := l.(*ast.SelectorExpr)
					if !ok || (sel.Sel.Name != "Why" && sel.Sel.Name != "Suggestion") || i >= len(n.Rhs) {
						continue
					}
					if !allowed(sel.Sel.Name, n.Rhs[i]) {
						bad = append(bad, fset.Position(n.Pos()).String()+": a coach finding's "+sel.Sel.Name+" is set to other English, so it has no Spanish")
					}
				}
			}
			return true
		})
	}
	return bad
}

// TestCoachFindingsReadInSpanish: a coach finding on a Spanish printer
// gives its why and suggestion in Spanish, the words and example quoted
// from English kept; a composed suggestion keeps the role word.
func TestCoachFindingsReadInSpanish(t *testing.T) {
	es, en := New("es", nil), New("en", nil)
	fs := coach.CoachText("Participant was noncompliant with her meds.", coach.Context{})
	if len(fs) == 0 {
		t.Fatal("no coach finding")
	}
	f := fs[0]
	if got := es.CoachWhy(f); got != spanishFormats[f.Why] || got == f.Why {
		t.Errorf("why %q", got)
	}
	if got := es.CoachSuggestion(f); got != spanishFormats[f.Suggestion] || !strings.Contains(got, `"Participant shared she stopped going`) {
		t.Errorf("suggestion %q", got)
	}
	if en.CoachWhy(f) != f.Why || en.CoachSuggestion(f) != f.Suggestion {
		t.Error("English printer changes the coach's English")
	}
	names := coach.CoachText("We called her sister Maria Lopez about the ride.", coach.Context{Relationships: []string{"sister"}})
	for _, f := range names {
		if f.Category != coach.CategoryName {
			continue
		}
		if got, want := es.CoachSuggestion(f), `Escriba "the participant's sister" en vez del nombre.`; got != want {
			t.Errorf("composed suggestion %q, want %q", got, want)
		}
		return
	}
	t.Errorf("no name finding in %+v", names)
}
