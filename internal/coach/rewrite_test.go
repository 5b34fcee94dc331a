package coach

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// applyFirst returns text with the first rewrite of the first finding of
// rule applied, or "-" when the coach offers none there.
func applyFirst(text, rule string) string {
	for _, f := range CoachText(text, Context{}) {
		if f.RuleID == rule && len(f.Rewrites) > 0 {
			r := f.Rewrites[0]
			return text[:r.Start] + r.Text + text[r.End:]
		}
	}
	return "-"
}

// TestRewriteSentences: each sentence of testdata/rewrite-sentences.tsv
// reads as written there after the first rewrite, and no rewrite is
// offered where none fits.
func TestRewriteSentences(t *testing.T) {
	for _, cols := range mustReadLines(t, filepath.Join("testdata", "rewrite-sentences.tsv")) {
		if len(cols) != 3 {
			t.Fatalf("rewrite-sentences line %q: want rule, sentence, result", strings.Join(cols, "\t"))
		}
		rule, text, want := cols[0], cols[1], cols[2]
		if got := applyFirst(text, rule); got != want {
			t.Errorf("%s on %q gives %q; want %q", rule, text, got, want)
		}
	}
}

// TestRewritesKeepSentencesGrammatical applies every rewrite the coach
// offers, in every sentence of the corpora, the rule examples and the
// rewrite sentences, and checks each result by rule: no doubled word, the
// verb keeps its form, "not" and "to" are followed by a plain verb, "a"
// and "an" fit the next word, and the finding is gone. It also fails when
// a suggestion that offers words ("Write …") is never exercised, or a
// rewrite line never fits any sentence.
func TestRewritesKeepSentencesGrammatical(t *testing.T) {
	var sentences []string
	for _, file := range []string{"corpus.tsv", "dev-corpus.tsv"} {
		for _, cols := range mustReadLines(t, filepath.Join("testdata", file)) {
			sentences = append(sentences, cols[len(cols)-1])
		}
	}
	for _, cols := range mustReadLines(t, filepath.Join("testdata", "rule-examples.tsv")) {
		sentences = append(sentences, cols[2])
	}
	for _, cols := range mustReadLines(t, filepath.Join("testdata", "rewrite-sentences.tsv")) {
		sentences = append(sentences, cols[1])
	}
	lines, err := defaultRewrites()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	offered := map[string]bool{}
	for _, text := range sentences {
		for _, f := range CoachText(text, Context{}) {
			for _, r := range f.Rewrites {
				offered[f.RuleID] = true
				used[f.RuleID+"\t"+text[r.Start:r.End]] = true
				after := text[:r.Start] + r.Text + text[r.End:]
				for _, problem := range grammarProblems(text, after, text[r.Start:r.End], r.Text) {
					t.Errorf("%s: %q → %q: %s", f.RuleID, text, after, problem)
				}
				for _, g := range CoachText(after, Context{}) {
					if g.RuleID == f.RuleID && g.Start < r.Start+len(r.Text) && g.End > r.Start {
						t.Errorf("%s: %q → %q still has the finding %q", f.RuleID, text, after, g.Words)
					}
				}
			}
		}
	}
	offersWords := regexp.MustCompile(`^(?:Write|Use|Say) "`)
	for _, e := range DefaultLexicon().Entries() {
		if offersWords.MatchString(e.Suggestion) && len(lines[e.ID]) == 0 && e.Category != CategoryName {
			t.Errorf("rule %s offers words (%q) but has no rewrite line", e.ID, e.Suggestion)
		}
		if len(lines[e.ID]) > 0 && !offered[e.ID] {
			t.Errorf("rule %s has rewrite lines but no sentence exercises them", e.ID)
		}
	}
	for rule := range lines {
		if _, ok := DefaultLexicon().byID[rule]; !ok {
			t.Errorf("rewrites name rule %s, which the lexicon does not have", rule)
		}
	}
}

// TestGrammarRulesCatch: the grammar rules find the mistakes the old
// one-tap fix made, so a rewrite that makes them would fail the test above.
func TestGrammarRulesCatch(t *testing.T) {
	for _, tt := range []struct{ before, after, was, with string }{
		{"At first he refused to call.", "At first he decided not to to call.", "refused", "decided not to"},
		{"She refuses help.", "She declined help.", "refuses", "declined"},
		{"He refused the ride.", "He decided not to the ride.", "refused", "decided not to"},
		{"He failed to show.", "He did not showed.", "failed to show", "did not showed"},
		{"She claims that it is paid.", "She said that it is paid.", "claims", "said"},
		{"We met a homeless man.", "We met an man.", "a homeless man", "an man"},
	} {
		if len(grammarProblems(tt.before, tt.after, tt.was, tt.with)) == 0 {
			t.Errorf("%q → %q passes the grammar rules", tt.before, tt.after)
		}
	}
}

// verbForms: base, third person, past, -ing of the verbs the rewrites
// touch.
var verbForms = [][4]string{
	{"refuse", "refuses", "refused", "refusing"}, {"decline", "declines", "declined", "declining"},
	{"decide", "decides", "decided", "deciding"}, {"claim", "claims", "claimed", "claiming"},
	{"say", "says", "said", "saying"}, {"share", "shares", "shared", "sharing"}, {"allege", "alleges", "alleged", "alleging"},
	{"insist", "insists", "insisted", "insisting"}, {"abuse", "abuses", "abused", "abusing"}, {"use", "uses", "used", "using"},
	{"fail", "fails", "failed", "failing"}, {"miss", "misses", "missed", "missing"}, {"do", "does", "did", "doing"},
	{"show", "shows", "showed", "showing"}, {"come", "comes", "came", "coming"}, {"attend", "attends", "attended", "attending"},
	{"call", "calls", "called", "calling"}, {"return", "returns", "returned", "returning"}, {"keep", "keeps", "kept", "keeping"},
	{"follow", "follows", "followed", "following"}, {"complete", "completes", "completed", "completing"},
	{"engage", "engages", "engaged", "engaging"}, {"stay", "stays", "stayed", "staying"}, {"remain", "remains", "remained", "remaining"},
}

// formOf returns which form (0 base … 3 -ing) w is of a known verb, or -1.
func formOf(w string) int {
	for _, v := range verbForms {
		for i, f := range v {
			if f == w {
				return i
			}
		}
	}
	return -1
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'' || r == '/')
	})
}

// grammarProblems checks a sentence after a rewrite of was by with.
func grammarProblems(before, after, was, with string) []string {
	var out []string
	doubled := func(s string) int {
		n, ws := 0, words(s)
		for i := 1; i < len(ws); i++ {
			if ws[i] == ws[i-1] {
				n++
			}
		}
		return n
	}
	if doubled(after) > doubled(before) {
		out = append(out, "a word is doubled")
	}
	// The verb keeps its form: the first verb replaced and the first verb
	// of the replacement are the same tense and person.
	if ws := words(was); len(ws) > 0 {
		if want := formOf(ws[0]); want >= 0 {
			got := -1
			for _, w := range words(with) {
				if got = formOf(w); got >= 0 {
					break
				}
			}
			if got != want {
				out = append(out, "the verb changes its form")
			}
		}
	}
	ws := words(after)
	for i := 0; i+1 < len(ws); i++ {
		next := formOf(ws[i+1])
		switch {
		case ws[i] == "not" && i > 0 && strings.HasPrefix(ws[i-1], "decid") && ws[i+1] != "to":
			out = append(out, `"decided not" without "to"`)
		case (ws[i] == "to" || ws[i] == "not") && next > 0:
			out = append(out, `"`+ws[i]+" "+ws[i+1]+`" is not a plain verb`)
		case ws[i] == "to" && i > 0 && ws[i-1] == "not" && i > 1 && strings.HasPrefix(ws[i-2], "decid") &&
			strings.Contains(" the a an his her their my our your this that ", " "+ws[i+1]+" "):
			out = append(out, `"not to" before "`+ws[i+1]+`"`)
		case ws[i] == "a" && strings.ContainsRune("aeiou", rune(ws[i+1][0])) && !strings.Contains(before, "a "+ws[i+1]):
			out = append(out, `"a `+ws[i+1]+`"`)
		case ws[i] == "an" && !strings.ContainsRune("aeiou", rune(ws[i+1][0])) && !strings.Contains(before, "an "+ws[i+1]):
			out = append(out, `"an `+ws[i+1]+`"`)
		}
	}
	return out
}
