package coach

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusLine is one line of a coach corpus: expect (flag|ok), category, text.
type corpusLine struct {
	line     int
	expect   string
	category Category
	text     string
}

func mustReadCorpus(tb testing.TB, path string) []corpusLine {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatalf("open corpus: %v", err)
	}
	defer f.Close()
	var out []corpusLine
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.SplitN(line, "\t", 3)
		if len(cols) != 3 || (cols[0] != "ok" && cols[0] != "flag") {
			tb.Fatalf("%s:%d: want expect<TAB>category<TAB>text with expect ok or flag", path, n)
		}
		out = append(out, corpusLine{line: n, expect: cols[0], category: Category(cols[1]), text: cols[2]})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// devCorpusPath is the project's copy of the shared development corpus:
// the module's tests read only files inside the module, so they run the
// same in any checkout. TestDevCorpusCopyIsCurrent keeps the copy equal to
// the shared file when that file is present.
func devCorpusPath() string { return filepath.Join("testdata", "dev-corpus.tsv") }

// sharedDevCorpus is where the team's shared corpus sits beside the project.
var sharedDevCorpus = filepath.Join("..", "..", "..", "shared", "language", "dev-corpus.tsv")

// TestDevCorpusCopyIsCurrent: the copy in testdata is byte for byte the
// shared corpus, so a sentence added to the shared file cannot be missed by
// the coach's tests. Outside CI, without the shared folder, it skips.
func TestDevCorpusCopyIsCurrent(t *testing.T) {
	shared, err := os.ReadFile(sharedDevCorpus)
	if os.IsNotExist(err) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the shared corpus %s is missing; CI checks the copy against it", sharedDevCorpus)
		}
		t.Skipf("the shared corpus %s is not checked out; check it out beside the project to compare the copy", sharedDevCorpus)
	}
	if err != nil {
		t.Fatal(err)
	}
	copied, err := os.ReadFile(devCorpusPath())
	if err != nil {
		t.Fatal(err)
	}
	if string(copied) != string(shared) {
		t.Fatalf("%s differs from %s: copy the shared file over it (cp %s %s)", devCorpusPath(), sharedDevCorpus, sharedDevCorpus, devCorpusPath())
	}
}

func checkCorpus(t *testing.T, path string) (flagged, ok int) {
	for _, c := range mustReadCorpus(t, path) {
		fs := CoachText(c.text, Context{})
		if c.expect == "ok" {
			ok++
			if len(fs) > 0 {
				t.Errorf("%s:%d: ok line got %d finding(s): %s\n  text: %s", path, c.line, len(fs), describe(fs), c.text)
			}
			continue
		}
		flagged++
		if !hasCategory(fs, c.category) {
			t.Errorf("%s:%d: want a %s finding, got [%s]\n  text: %s", path, c.line, c.category, describe(fs), c.text)
		}
	}
	return flagged, ok
}

func TestDevCorpus(t *testing.T) {
	flagged, ok := checkCorpus(t, devCorpusPath())
	t.Logf("dev corpus: %d flag lines, %d ok lines", flagged, ok)
}

func TestProjectCorpus(t *testing.T) {
	path := filepath.Join("testdata", "corpus.tsv")
	flagged, ok := checkCorpus(t, path)
	if flagged+ok < 150 {
		t.Errorf("project corpus has %d lines; keep at least 150", flagged+ok)
	}
	t.Logf("project corpus: %d flag lines, %d ok lines", flagged, ok)
}

func hasCategory(fs []Finding, c Category) bool {
	for _, f := range fs {
		if f.Category == c {
			return true
		}
	}
	return false
}

func hasRule(fs []Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

func describe(fs []Finding) string {
	parts := make([]string, len(fs))
	for k, f := range fs {
		parts[k] = f.RuleID + "=" + `"` + f.Words + `"`
	}
	return strings.Join(parts, ", ")
}
