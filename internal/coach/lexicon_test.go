package coach

import (
	"strings"
	"testing"
)

const goodLine = "x.one\tjudgment\twarn\tgrumpy\tA label.\tDescribe it.\tAgency list\t-\t-"

func TestParseLexiconErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"columns", "# comment\n\nx.one\tjudgment\twarn", "line 3: want 9 tab-separated columns"},
		{"category", "x.one\tmood\twarn\tgrumpy\tw.\ts\tsrc\t-\t-", "line 1: entry x.one: unknown category"},
		{"severity", "x.one\tjudgment\tloud\tgrumpy\tw.\ts\tsrc\t-\t-", "line 1: entry x.one: unknown severity"},
		{"id", "X One\tjudgment\twarn\tgrumpy\tw.\ts\tsrc\t-\t-", `line 1: id "X One"`},
		{"duplicate", goodLine + "\n" + goodLine, `line 2: duplicate id "x.one" (first on line 1)`},
		{"brace", "x.one\tjudgment\twarn\t{grumpy|sad\tw.\ts\tsrc\t-\t-", "line 1: entry x.one: phrase"},
		{"gap first", "x.one\tjudgment\twarn\t... grumpy\tw.\ts\tsrc\t-\t-", "cannot be optional or a gap"},
		{"gap last", "x.one\tjudgment\twarn\tgrumpy ...\tw.\ts\tsrc\t-\t-", "cannot end with a gap"},
		{"gap size", "x.one\tjudgment\twarn\tgrumpy ...99 cat\tw.\ts\tsrc\t-\t-", "N from 1 to 10"},
		{"flag", "x.one\tjudgment\twarn\tgrumpy\tw.\ts\tsrc\tloud\t-", `unknown flag "loud"`},
		{"empty why", "x.one\tjudgment\twarn\tgrumpy\t\ts\tsrc\t-\t-", "must not be empty"},
		{"name pattern", "x.one\tname\twarn\tgrumpy\tw.\ts\tsrc\t-\t-", "name category goes with pattern @fullname"},
		{"two names", "x.a\tname\twarn\t@fullname\tw.\ts\tsrc\t-\t-\nx.b\tname\twarn\t@fullname\tw.\ts\tsrc\t-\t-", "line 2: entry x.b: @fullname is already used on line 1"},
		{"multiword alternative", "x.one\tjudgment\twarn\t{very-grumpy|sad}\tw.\ts\tsrc\t-\t-", "must be exactly one word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseLexicon(strings.NewReader(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseLexiconFlagsAndPrograms(t *testing.T) {
	src := "x.grumpy\tjudgment\twarn\tgrumpy\tA label.\tDescribe it.\tAgency list\tself-report !after=cat\tus-ca-medi-cal-peer-support\n"
	lx, err := ParseLexicon(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	ca := Context{Program: "us-ca-medi-cal-peer-support", Lexicon: lx}
	if fs := CoachText("Participant was grumpy.", ca); !hasRule(fs, "x.grumpy") {
		t.Errorf("want x.grumpy in its program, got [%s]", describe(fs))
	}
	if fs := CoachText("Participant was grumpy.", Context{Lexicon: lx}); len(fs) != 0 {
		t.Errorf("want nothing outside the program, got [%s]", describe(fs))
	}
	if fs := CoachText("Participant said she was grumpy.", ca); len(fs) != 0 {
		t.Errorf("self-report should cancel, got [%s]", describe(fs))
	}
	if fs := CoachText("The grumpy cat slept.", ca); len(fs) != 0 {
		t.Errorf("!after should cancel, got [%s]", describe(fs))
	}
}

func TestWithAddsReplacesAndSilences(t *testing.T) {
	base := DefaultLexicon()
	added := Entry{ID: "agency.slang", Category: CategoryJargon, Severity: SeverityInfo,
		Pattern: "{bht|bhts}", Why: "Agency shorthand.", Suggestion: "Write behavioral health technician.", Source: "Agency style list"}
	lx, err := base.With([]Entry{added}, []string{"judgment.refused", "judgment.guess@us-ny-omh-mhotrs-pss"})
	if err != nil {
		t.Fatal(err)
	}
	text := "Participant refused the BHT's offer and probably went home."
	if fs := CoachText(text, Context{Lexicon: lx}); !hasRule(fs, "agency.slang") || hasRule(fs, "judgment.refused") || !hasRule(fs, "judgment.guess") {
		t.Errorf("with overrides: got [%s], want agency.slang and judgment.guess, no judgment.refused", describe(fs))
	}
	ny := Context{Lexicon: lx, Program: "us-ny-omh-mhotrs-pss"}
	if fs := CoachText(text, ny); hasRule(fs, "judgment.guess") {
		t.Errorf("judgment.guess silenced for NY still fires: [%s]", describe(fs))
	}
	if fs := CoachText(text, Context{}); !hasRule(fs, "judgment.refused") || hasRule(fs, "agency.slang") {
		t.Errorf("the default lexicon must be unchanged: [%s]", describe(fs))
	}

	// Replacing an entry by id changes its wording and severity.
	reworded := base.Entries()[0]
	reworded.Severity = SeverityBlock
	reworded.Suggestion = "Ask your supervisor."
	lx2, err := lx.With([]Entry{reworded}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(lx2.Entries()) != len(lx.Entries()) {
		t.Errorf("replacing grew the lexicon from %d to %d", len(lx.Entries()), len(lx2.Entries()))
	}
	fs := CoachText("Participant appears manic.", Context{Lexicon: lx2})
	if !hasRule(fs, reworded.ID) {
		t.Fatalf("want %s, got [%s]", reworded.ID, describe(fs))
	}
	for _, f := range fs {
		if f.RuleID == reworded.ID && (f.Severity != SeverityBlock || f.Suggestion != "Ask your supervisor.") {
			t.Errorf("override not applied: %+v", f)
		}
	}
	// Silences carry over to derived lexicons.
	if fs := CoachText("Participant refused.", Context{Lexicon: lx2}); hasRule(fs, "judgment.refused") {
		t.Errorf("silence lost in derived lexicon: [%s]", describe(fs))
	}
	// The name detector can be silenced like any rule.
	lx3, err := base.With(nil, []string{"name.full-name"})
	if err != nil {
		t.Fatal(err)
	}
	if fs := CoachText("Her friend Ashley Brown called.", Context{Lexicon: lx3}); len(fs) != 0 {
		t.Errorf("silenced name detector fired: [%s]", describe(fs))
	}
}

func TestWithErrors(t *testing.T) {
	base := DefaultLexicon()
	if _, err := base.With(nil, []string{"judgment.nope"}); err == nil || !strings.Contains(err.Error(), `"judgment.nope"`) {
		t.Errorf("unknown silence id: err = %v", err)
	}
	if _, err := base.With(nil, []string{"judgment.refused@"}); err == nil {
		t.Error("empty program after @: want an error")
	}
	bad := Entry{ID: "agency.bad", Category: "mood", Severity: SeverityInfo, Pattern: "x", Why: "w.", Suggestion: "s", Source: "src"}
	if _, err := base.With([]Entry{bad}, nil); err == nil || !strings.Contains(err.Error(), "agency.bad") {
		t.Errorf("bad entry: err = %v", err)
	}
	second := Entry{ID: "agency.names", Category: CategoryName, Severity: SeverityInfo, Pattern: "@fullname", Why: "w.", Suggestion: "s", Source: "src"}
	if _, err := base.With([]Entry{second}, nil); err == nil {
		t.Error("a second @fullname entry: want an error")
	}
}

func TestDefaultLexiconIDsAreUniqueAndStable(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range DefaultLexicon().Entries() {
		if seen[e.ID] {
			t.Errorf("duplicate id %s", e.ID)
		}
		seen[e.ID] = true
		if !strings.HasPrefix(e.ID, string(e.Category)+".") {
			t.Errorf("id %s should start with its category %s", e.ID, e.Category)
		}
	}
}
