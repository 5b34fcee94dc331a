package coach

import (
	"path/filepath"
	"testing"
)

// recall runs the coach over a corpus: recall is the share of "flag" lines
// with at least one finding, falseFlags the share of "ok" lines with any.
func recall(t *testing.T, path string) (recall, falseFlags float64, flags, oks int) {
	t.Helper()
	hit, wrong := 0, 0
	for _, c := range mustReadCorpus(t, path) {
		fs := CoachText(c.text, Context{})
		if c.expect == "ok" {
			oks++
			if len(fs) > 0 {
				wrong++
				t.Logf("%s:%d: false flag [%s] %s", filepath.Base(path), c.line, describe(fs), c.text)
			}
			continue
		}
		flags++
		if len(fs) > 0 {
			hit++
		} else {
			t.Logf("%s:%d: missed (%s) %s", filepath.Base(path), c.line, c.category, c.text)
		}
	}
	return float64(hit) / float64(max(flags, 1)), float64(wrong) / float64(max(oks, 1)), flags, oks
}

// TestCoachRecall reports recall and the false-flag rate on the tuning
// half, the held-out half (never tuned on) and the shared development
// corpus, and holds each to a floor, so a lexicon change that loses recall
// or starts flagging plain peer language fails.
func TestCoachRecall(t *testing.T) {
	for _, c := range []struct {
		name                string
		path                string
		minRecall, maxFalse float64
	}{
		{"tune", filepath.Join("testdata", "recall-tune.tsv"), 0.95, 0.05},
		{"held-out", filepath.Join("testdata", "recall-heldout.tsv"), 0.80, 0.10},
		{"dev", devCorpusPath(), 0.90, 0.05},
	} {
		r, f, flags, oks := recall(t, c.path)
		t.Logf("%s: recall %.0f%% of %d flag lines, false flags %.0f%% of %d ok lines", c.name, r*100, flags, f*100, oks)
		if r < c.minRecall || f > c.maxFalse {
			t.Errorf("%s: recall %.2f (floor %.2f), false flags %.2f (ceiling %.2f)", c.name, r, c.minRecall, f, c.maxFalse)
		}
	}
}
