package locale

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
)

// verbs lists the fmt verbs of a message in order ("%d", "%[2]s"), "%%"
// aside: a translation must fill in the same values the same way.
func verbs(msg string) []string {
	var out []string
	for _, v := range verbPattern.FindAllString(msg, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

var verbPattern = regexp.MustCompile(`%[-+# 0]*(\[\d+\])?(\d+|\*)?(\.(\d+|\*)?)?[a-zA-Z%]`)

// TestSpanishCatalog: every English key has a Spanish entry, no Spanish
// entry is left without its English key, and each pair has the same fmt
// verbs.
func TestSpanishCatalog(t *testing.T) {
	keys := Keys()
	sort.Strings(keys)
	for _, k := range keys {
		es, ok := spanish[k]
		if !ok {
			t.Errorf("no Spanish for %q (English: %q)", k, english[k])
			continue
		}
		if en := english[k]; !slices.Equal(verbs(en), verbs(es)) {
			t.Errorf("%q: Spanish verbs %v differ from English %v", k, verbs(es), verbs(en))
		}
		if strings.TrimSpace(es) == "" {
			t.Errorf("%q: empty Spanish entry", k)
		}
	}
	for k := range spanish {
		if !Has(k) {
			t.Errorf("Spanish entry %q has no English key (renamed or removed?)", k)
		}
	}
}

// errorConstructors are the functions whose format argument (at the
// index given) is an English message: the goldthread error constructors
// and the store's notFound, which passes its format to one.
var errorConstructors = map[string]int{"Errorf": 1, "FieldError": 1, "FieldConflict": 1, "ErrorAbout": 2, "notFound": 1}

// errorFormats walks the module's Go source (tests aside) and returns every
// literal format passed to an error constructor, with where it was first
// seen, and the places that pass a format that is not a literal.
func errorFormats(t *testing.T) (formats map[string]string, nonLiteral []string) {
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
		rootPackage := f.Name.Name == "goldthread"
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				if x, ok := fn.X.(*ast.Ident); ok && x.Name == "goldthread" {
					name = fn.Sel.Name
				}
			case *ast.Ident:
				if rootPackage || fn.Name == "notFound" {
					name = fn.Name
				}
			}
			i, ok := errorConstructors[name]
			if !ok || len(call.Args) <= i {
				return true
			}
			where := fset.Position(call.Pos())
			where.Filename, _ = filepath.Rel(root, where.Filename)
			s, ok := literal(call.Args[i])
			if !ok {
				nonLiteral = append(nonLiteral, where.String())
				return true
			}
			if s == "" { // notFound(err, "") only tests for a missing row
				return true
			}
			if _, seen := formats[s]; !seen {
				formats[s] = where.String()
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return formats, nonLiteral
}

// literal evaluates a string literal or a sum of them.
func literal(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind == token.STRING {
			s, err := strconv.Unquote(x.Value)
			return s, err == nil
		}
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			a, okA := literal(x.X)
			b, okB := literal(x.Y)
			return a + b, okA && okB
		}
	case *ast.ParenExpr:
		return literal(x.X)
	}
	return "", false
}

// TestEveryErrorFormatHasSpanish: each English message format given to an
// error constructor anywhere in the code has a Spanish translation with the
// same fmt verbs, so a new English error fails here, named, rather than
// staying English on a Spanish page. A format that is not a literal cannot
// be translated and is named too (only the constructors themselves, which
// pass theirs on, may do it).
func TestEveryErrorFormatHasSpanish(t *testing.T) {
	formats, nonLiteral := errorFormats(t)
	if len(formats) < 100 {
		t.Fatalf("found only %d error formats; is the walk looking at the module?", len(formats))
	}
	for _, where := range nonLiteral {
		if !strings.HasPrefix(where, "error.go:") && !strings.HasPrefix(where, "internal/store/tx.go:") {
			t.Errorf("%s: an error's format is not a string literal, so it cannot be translated", where)
		}
	}
	list := make([]string, 0, len(formats))
	for f := range formats {
		list = append(list, f)
	}
	sort.Strings(list)
	for _, f := range list {
		es, ok := spanishFormats[f]
		if !ok {
			t.Errorf("%s: no Spanish for the error %q", formats[f], f)
			continue
		}
		if !slices.Equal(verbs(f), verbs(es)) {
			t.Errorf("%s: Spanish verbs %v differ from English %v in %q", formats[f], verbs(es), verbs(f), f)
		}
	}
	t.Logf("%d error formats, %d Spanish error formats, %d catalog keys, %d Spanish entries", len(formats), len(spanishFormats), len(english), len(spanish))
}

// TestErrorRendersInTheReadersLanguage: an error made with an English
// format reads in Spanish on a Spanish printer, its arguments filled in, an
// *Error argument in Spanish too; anything else reads as the generic
// sentence in the reader's language.
func TestErrorRendersInTheReadersLanguage(t *testing.T) {
	inner := goldthread.FieldError("end_date", "Enter the date as YYYY-MM-DD.")
	err := goldthread.FieldError("file", "line %d: %s", 4, inner)
	if want := "line 4: Enter the date as YYYY-MM-DD."; err.Message != want {
		t.Errorf("English message %q; want %q", err.Message, want)
	}
	en, es := New("en", nil), New("es", nil)
	if got := en.Error(err); got != err.Message {
		t.Errorf("English printer: %q", got)
	}
	want := spanishFormats["line %d: %s"]
	if want == "" {
		t.Fatal("no Spanish for the format of a line of a file")
	}
	if got, want := es.Error(err), strings.Replace(strings.Replace(want, "%d", "4", 1), "%s", spanishFormats["Enter the date as YYYY-MM-DD."], 1); got != want {
		t.Errorf("Spanish printer: %q; want %q", got, want)
	}
	if got := es.Error(errorsNew("disk full at /var/lib")); got != spanishFormats[goldthread.InternalMessage] || strings.Contains(got, "disk") {
		t.Errorf("an internal error reads %q; want the Spanish generic sentence", got)
	}
}

type plainError string

func (e plainError) Error() string { return string(e) }

func errorsNew(s string) error { return plainError(s) }

// TestSpanishDates: dates and times read the Spanish way on a Spanish
// printer; money keeps the dollar sign and grouping of US Spanish.
func TestSpanishDates(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	p := New("es-MX", ny)
	if p.Lang != "es" {
		t.Fatalf("es-MX chose %q", p.Lang)
	}
	at := time.Date(2026, 11, 23, 19, 5, 0, 0, time.UTC)
	for got, want := range map[string]string{
		p.Date(at):      "lun 23 nov 2026",
		p.DateShort(at): "23 nov",
		p.Time(at):      "2:05 p.m.",
		p.DateTime(at):  "23 nov 2026, 2:05 p.m.",
		p.Day(at):       "lun 23 nov 2026",
		p.Money(123456): "$1,234.56",
		p.Age(41):       "41 años",
	} {
		if got != want {
			t.Errorf("got %q; want %q", got, want)
		}
	}
	if got := p.Time(time.Date(2026, 1, 5, 14, 30, 0, 0, time.UTC)); got != "9:30 a.m." {
		t.Errorf("morning: %q", got)
	}
}

// TestMatch: language tags and the names intake records ("Spanish")
// choose a catalog; others are not matched.
func TestMatch(t *testing.T) {
	for in, want := range map[string]string{"es": "es", "es-MX": "es", "ES_us": "es", "Spanish": "es", "español": "es", "en-US": "en", "English": "en"} {
		if got, ok := Match(in); got != want || !ok {
			t.Errorf("Match(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "vi", "Vietnamese", "fr-CA"} {
		if got, ok := Match(in); ok || got != "en" {
			t.Errorf("Match(%q) = %q, %v; want en, false", in, got, ok)
		}
	}
}
