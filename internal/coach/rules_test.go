package coach

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryRule runs each rule's example and near miss from
// testdata/rule-examples.tsv, and fails when a default rule has none.
func TestEveryRule(t *testing.T) {
	lines := mustReadLines(t, filepath.Join("testdata", "rule-examples.tsv"))
	seen := map[string]bool{}
	for _, cols := range lines {
		if len(cols) != 4 {
			t.Fatalf("rule-examples line %q: want id, program, fires, misses", strings.Join(cols, "\t"))
		}
		id, program, fires, misses := cols[0], cols[1], cols[2], cols[3]
		if program == "-" {
			program = ""
		}
		seen[id] = true
		t.Run(id, func(t *testing.T) {
			c := Context{Program: program}
			if fs := CoachText(fires, c); !hasRule(fs, id) {
				t.Errorf("CoachText(%q) = [%s], want rule %s", fires, describe(fs), id)
			}
			if fs := CoachText(misses, c); hasRule(fs, id) {
				t.Errorf("CoachText(%q) = [%s], want no rule %s", misses, describe(fs), id)
			}
		})
	}
	for _, e := range DefaultLexicon().Entries() {
		if !seen[e.ID] {
			t.Errorf("rule %s has no line in testdata/rule-examples.tsv", e.ID)
		}
	}
}

// TestProgramRulesStayInTheirProgram: a rule limited to one payer does not
// fire for another or for none; an excluded program silences a rule.
func TestProgramRulesStayInTheirProgram(t *testing.T) {
	tests := []struct {
		name, text, program, rule string
		want                      bool
	}{
		{"nc first responder in nc", "Peer responded to a crisis at the shelter.", "us-nc-medicaid-8g-pss", "scope.first-responder", true},
		{"nc first responder elsewhere", "Peer responded to a crisis at the shelter.", "us-ca-medi-cal-peer-support", "scope.first-responder", false},
		{"nc first responder no program", "Peer responded to a crisis at the shelter.", "", "scope.first-responder", false},
		{"ca case management in ca", "Peer provided case management.", "us-ca-medi-cal-peer-support", "scope.case-management", true},
		{"ca case management in ny", "Peer provided case management.", "us-ny-omh-mhotrs-pss", "scope.case-management", false},
		{"treatment plan in nc", "Peer wrote the treatment plan.", "us-nc-medicaid-8g-pss", "scope.treatment-plan", true},
		{"treatment plan excluded in ny", "Peer wrote the treatment plan.", "us-ny-omh-mhotrs-pss", "scope.treatment-plan", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := CoachText(tt.text, Context{Program: tt.program})
			if got := hasRule(fs, tt.rule); got != tt.want {
				t.Errorf("rule %s fired = %v, want %v; findings [%s]", tt.rule, got, tt.want, describe(fs))
			}
		})
	}
}

func mustReadLines(tb testing.TB, path string) [][]string {
	tb.Helper()
	var out [][]string
	for _, c := range mustReadRaw(tb, path) {
		out = append(out, strings.Split(c, "\t"))
	}
	return out
}
