package demo

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEveryStepFollowsWhatItNeeds fails when a step of the demo comes
// before a step it needs (the claims step before the notes it bills), when
// a need names no step, or when two steps share a name.
func TestEveryStepFollowsWhatItNeeds(t *testing.T) {
	seen := map[string]bool{}
	for i, s := range steps {
		if seen[s.name] {
			t.Errorf("step %d: %q is named twice", i, s.name)
		}
		for _, need := range s.needs {
			switch {
			case seen[need]:
			case slices.ContainsFunc(steps, func(o step) bool { return o.name == need }):
				t.Errorf("step %q needs %q, which comes after it", s.name, need)
			default:
				t.Errorf("step %q needs %q, which is no step", s.name, need)
			}
		}
		seen[s.name] = true
	}
	if i := slices.IndexFunc(steps, func(s step) bool { return s.name == "claims" }); i != len(steps)-1 {
		t.Errorf("claims is step %d of %d; it bills what every other step made, so it runs last", i+1, len(steps))
	}
}

// TestStepsRunInTheirDeclaredOrder runs lists of recording steps: they run
// in list order, and a step placed before one it needs stops the run
// before it starts.
func TestStepsRunInTheirDeclaredOrder(t *testing.T) {
	var ran []string
	record := func(name string) func(*loader, context.Context) error {
		return func(*loader, context.Context) error { ran = append(ran, name); return nil }
	}
	l := &loader{}
	list := []step{{"notes", nil, record("notes")}, {"review", []string{"notes"}, record("review")},
		{"claims", []string{"notes", "review"}, record("claims")}}
	if err := l.run(context.Background(), list); err != nil {
		t.Fatal(err)
	}
	if want := []string{"notes", "review", "claims"}; !slices.Equal(ran, want) {
		t.Fatalf("ran %v, want %v", ran, want)
	}

	ran = nil
	err := l.run(context.Background(), []step{{"claims", []string{"notes"}, record("claims")}, {"notes", nil, record("notes")}})
	if err == nil || !strings.Contains(err.Error(), "claims needs step notes") {
		t.Fatalf("claims before notes: %v; want refused, naming both", err)
	}
	if len(ran) != 0 {
		t.Fatalf("ran %v before refusing; want nothing", ran)
	}
}

// TestNoInitInDemo fails when a file of the package declares an init:
// the order of the demo is the steps list, never the order in which files
// initialise.
func TestNoInitInDemo(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "init" {
				t.Errorf("%s: func init: add a step to the steps list instead", fset.Position(fn.Pos()))
			}
		}
	}
}
