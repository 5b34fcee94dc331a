package goldthread_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLayoutNamesEveryPackage: the README's Layout block names every Go
// package under internal/ and cmd/, and names none that does not exist, so
// a newcomer's map of the code is the code.
func TestLayoutNamesEveryPackage(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "## Layout")
	if start < 0 {
		t.Fatal("README has no Layout section")
	}
	block := text[start:]
	open := strings.Index(block, "```\n")
	end := strings.Index(block[open+4:], "```")
	if open < 0 || end < 0 {
		t.Fatal("the Layout section has no code block")
	}
	named := map[string]bool{}
	for _, line := range strings.Split(block[open+4:open+4+end], "\n") {
		if f := strings.Fields(line); len(f) > 0 && (strings.HasPrefix(f[0], "internal/") || strings.HasPrefix(f[0], "cmd/")) {
			named[f[0]] = true
		}
	}
	packages := map[string]bool{}
	for _, root := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") {
				return nil
			}
			packages[filepath.ToSlash(filepath.Dir(path))] = true
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for p := range packages {
		// A package is named itself or by its parent with the test
		// helper's name in the text (passkeytest, pdftest, ssotest).
		if named[p] || (named[filepath.ToSlash(filepath.Dir(p))] && strings.Contains(text, filepath.Base(p))) {
			continue
		}
		t.Errorf("README Layout does not name %s", p)
	}
	for p := range named {
		if !packages[p] {
			t.Errorf("README Layout names %s, which holds no Go package", p)
		}
	}
}
