package coach

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func mustReadRaw(tb testing.TB, path string) []string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, strings.TrimRight(l, "\r"))
	}
	return out
}

// TestCategories is a table per category: each text must raise a finding
// of the category on exactly the given words.
func TestCategories(t *testing.T) {
	tests := []struct {
		category Category
		text     string
		words    string
	}{
		{CategoryClinical, "Participant appears manic and delusional.", "manic"},
		{CategoryClinical, "Participant's affect was flat today.", "affect was flat"},
		{CategoryClinical, "Participant is non-compliant with her meds.", "non-compliant"},
		{CategoryClinical, "Participant is NONCOMPLIANT.", "NONCOMPLIANT"},
		{CategoryClinical, "Participant was responding to  internal\nstimuli.", ""}, // a line break ends the sentence
		{CategoryClinical, "Participant was responding to internal   stimuli.", "internal   stimuli"},
		{CategoryClinical, "Participant is decompensating.", "decompensating"},
		{CategoryScope, "Assessed risk with participant.", "Assessed"},
		{CategoryScope, "Provided therapy for her grief.", "Provided therapy"},
		{CategoryScope, "Peer diagnosed him with PTSD.", "diagnosed him"},
		{CategoryScope, "Peer told him to stop taking his lithium.", "told him to stop taking his lithium"},
		{CategoryJudgment, "Participant refused to sign.", "refused"},
		{CategoryJudgment, "Participant is a frequent flyer at the ER.", "frequent flyer"},
		{CategoryJudgment, "I don't think she will go.", "I don't think"},
		{CategoryJudgment, "I don’t think she will go.", "I don’t think"},
		{CategoryJudgment, "Participant needed monitoring.", "needed monitoring"},
		{CategoryName, "Her brother Carlos Mendez drove her to group.", "Carlos Mendez"},
		{CategoryName, "Called Robert Smith to confirm the time.", "Robert Smith"},
		{CategoryName, "Participant's friend John Q. Public called.", "John Q. Public"},
		{CategoryJargon, "Pt c/o pain.", "Pt"},
		{CategoryJargon, "Denies SI/HI.", "SI/HI"},
		{CategoryJargon, "F/u in 2wks.", "F/u"},
		{CategoryNoncovered, "Drove participant to work.", "Drove participant"},
		{CategoryNoncovered, "Watched participant's kids.", "Watched participant's kids"},
		{CategoryNoncovered, "Helped her with her algebra homework.", "Helped her with her algebra homework"},
	}
	for _, tt := range tests {
		t.Run(string(tt.category)+"/"+tt.text, func(t *testing.T) {
			fs := CoachText(tt.text, Context{})
			if tt.words == "" {
				if hasCategory(fs, tt.category) {
					t.Errorf("got [%s], want no %s finding", describe(fs), tt.category)
				}
				return
			}
			for _, f := range fs {
				if f.Category == tt.category && f.Words == tt.words {
					return
				}
			}
			t.Errorf("got [%s], want %s finding on %q", describe(fs), tt.category, tt.words)
		})
	}
}

// TestPrecision holds sentences a good supervisor would not mark.
func TestPrecision(t *testing.T) {
	for _, text := range []string{
		`Participant said, "I was paranoid and manic and my doctor says I'm bipolar."`,
		`Participant said “I refused to give up” and smiled.`,
		`Participant said ‘I think I’m ready’ before the interview.`,
		"Participant shared she was diagnosed with schizophrenia at 19.",
		"Participant has been sober since March and attends a support group on Sundays.",
		"Participant asked about her Abilify refill and wrote questions for Dr. Kim.",
		"Participant decided not to go to the meeting.",
		"Participant no longer uses a walker.",
		"The group discussed how to ask for help at work.",
		"Participant's sister and her sponsor came to the graduation at Grace Church on Main Street.",
		"Next meeting is Monday, May 5, at the Eastside Wellness Center.",
		"Participant's psychiatrist, Dr. Maria Gonzalez, changed her medication.",
		"Maria Lopez, CPSS, met participant at the library.",
		"",
		"   \n\t ",
	} {
		if fs := CoachText(text, Context{}); len(fs) > 0 {
			t.Errorf("CoachText(%q) = [%s], want none", text, describe(fs))
		}
	}
}

// TestNegationAndReportedSpeech pins down the framing rules.
func TestNegationAndReportedSpeech(t *testing.T) {
	tests := []struct {
		text, rule string
		want       bool
	}{
		{"Participant did not appear manic today.", "clinical.manic", true}, // still clinical framing
		{"Peer did not drive participant; we found a bus.", "noncovered.transport", false},
		{"Peer never provided counseling.", "scope.counseling-therapy", false},
		{"Participant shared that she has PTSD.", "clinical.diagnosis", false},     // her own information
		{"Participant's therapist said she has PTSD.", "clinical.diagnosis", true}, // copied from a provider
		{"Peer shared that participant is an addict.", "judgment.addict", true},    // the peer's label
		{"Peer shared her own story of addiction and depression.", "clinical.diagnosis", false},
		{"Participant's mother drove her to group.", "noncovered.transport", false},
		{"Peer called participant and drove her to group.", "noncovered.transport", true},
		{"Peer and participant went to the movies.", "noncovered.recreation", true},
		{"Participant went to the movies with her son.", "noncovered.recreation", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			fs := CoachText(tt.text, Context{})
			if got := hasRule(fs, tt.rule); got != tt.want {
				t.Errorf("rule %s fired = %v, want %v; findings [%s]", tt.rule, got, tt.want, describe(fs))
			}
		})
	}
}

// TestUnclosedQuoteEndsAtLineEnd: a stray quote mark hides nothing past its line.
func TestUnclosedQuoteEndsAtLineEnd(t *testing.T) {
	text := "Participant said \"I'm fine\nParticipant appears manic."
	if fs := CoachText(text, Context{}); !hasRule(fs, "clinical.manic") {
		t.Errorf("got [%s], want clinical.manic after the line break", describe(fs))
	}
}

// TestSpans checks byte offsets with multibyte text before and inside a finding.
func TestSpans(t *testing.T) {
	text := "Café visit — “good day” said participant. Participant was non‑compliant and refused; pt c/o héadache."
	fs := CoachText(text, Context{})
	if len(fs) == 0 {
		t.Fatal("want findings")
	}
	for k, f := range fs {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End || text[f.Start:f.End] != f.Words {
			t.Errorf("finding %d %+v: bad span", k, f)
		}
		if k > 0 && fs[k-1].Start > f.Start {
			t.Errorf("findings not sorted at %d", k)
		}
	}
	for _, want := range []string{"refused", "pt", "c/o"} {
		found := false
		for _, f := range fs {
			found = found || f.Words == want
		}
		if !found {
			t.Errorf("want a finding on %q; got [%s]", want, describe(fs))
		}
	}
}

// TestRelationshipsShapeNameSuggestion: a role near the name is offered as
// the rewrite; known supports are listed otherwise.
func TestRelationshipsShapeNameSuggestion(t *testing.T) {
	fs := CoachText("Participant's sponsor Dana Whitaker came to group.", Context{Relationships: []string{"sponsor"}})
	if len(fs) != 1 || fs[0].RuleID != "name.full-name" || !strings.Contains(fs[0].Suggestion, "participant's sponsor") {
		t.Fatalf("got %+v, want one name finding suggesting the sponsor role", fs)
	}
	fs = CoachText("Participant and Dana Whitaker came to group.", Context{Relationships: []string{"sister", "sponsor"}})
	if len(fs) != 1 || !strings.Contains(fs[0].Suggestion, "sister, sponsor") {
		t.Fatalf("got %+v, want a suggestion listing known supports", fs)
	}
	// An agency-specific role word ("mentor") helps find a name a peer wrote
	// at a sentence start after a first name we do not know.
	text := "Mentor Dana Whitaker joined us."
	if fs := CoachText(text, Context{Relationships: []string{"mentor"}}); !hasRule(fs, "name.full-name") {
		t.Errorf("got [%s], want a name finding when the role is a known support", describe(fs))
	}
}

func TestFindingJSON(t *testing.T) {
	fs := CoachText("Pt refused.", Context{})
	b, err := json.Marshal(fs[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"category"`, `"start"`, `"end"`, `"words"`, `"why"`, `"suggestion"`, `"source"`, `"severity"`, `"rule_id"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON %s lacks %s", b, key)
		}
	}
}

// TestEveryFindingIsExplained: why, suggestion and source are never empty.
func TestEveryFindingIsExplained(t *testing.T) {
	for _, e := range DefaultLexicon().Entries() {
		if e.Why == "" || e.Suggestion == "" || e.Source == "" {
			t.Errorf("entry %s lacks why, suggestion or source", e.ID)
		}
		if !strings.HasSuffix(e.Why, ".") {
			t.Errorf("entry %s: why should be one sentence ending with a period: %q", e.ID, e.Why)
		}
	}
}

// TestCoachTextConcurrent: one shared lexicon and pooled buffers serve
// many notes at once with the same answers (run with -race).
func TestCoachTextConcurrent(t *testing.T) {
	want := describe(CoachText(note300, Context{}))
	done := make(chan string)
	for range 8 {
		go func() {
			var got string
			for range 20 {
				got = describe(CoachText(note300, Context{}))
				if got != want {
					break
				}
			}
			done <- got
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent result differs:\n got [%s]\nwant [%s]", got, want)
		}
	}
}
