package coach

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// note300 is a realistic service note of about 300 words: mostly peer
// language, with a few things the coach should catch.
const note300 = `Met participant at the Eastside Wellness Center for our scheduled session. Participant shared that she has been feeling more hopeful since her sister started calling her on Sundays. We reviewed her person-centered plan together and focused on her goal of finding stable housing before winter.

Participant said, "I finally turned in the application and I'm proud of myself." Peer offered encouragement and shared her own experience of waiting on a housing list, including what helped her stay patient. Together we made a list of three places to call this week: the county housing authority, the shelter on Main Street, and a landlord her friend recommended. Participant chose to make the first call while peer sat with her for support. She asked the right questions and wrote down the next steps on her own.

Participant mentioned that her psychiatrist changed her medication last month and she wants to keep track of how she sleeps. We set up a simple sleep log on her phone. Participant asked whether she could lower her dose and decided she will ask her prescriber at the next appointment on Thursday. Peer encouraged her to bring her list of questions.

Participant appeared tired and refused to talk about the court date. Pt c/o headaches. Her friend Ashley Brown may join next week's group to learn ways to support her recovery goals.

We practiced a short grounding exercise, and participant said it helped her slow down when the waiting room gets loud. Participant identified walking her dog in the morning as something that keeps her steady, and she plans to walk every day this week.

Next steps: peer will call participant on Monday to check in about the housing calls, and we will meet again next Wednesday at the library to work on her budget. Participant agreed to bring her bank statement and the letter from the housing authority.`

func TestNote300IsRealistic(t *testing.T) {
	if n := len(strings.Fields(note300)); n < 280 || n > 340 {
		t.Fatalf("note300 has %d words, want about 300", n)
	}
	fs := CoachText(note300, Context{})
	for _, id := range []string{"judgment.refused", "jargon.pt", "jargon.complains-of", "name.full-name"} {
		if !hasRule(fs, id) {
			t.Errorf("note300 should raise %s; got [%s]", id, describe(fs))
		}
	}
	if len(fs) > 8 {
		t.Errorf("note300 raised %d findings, a nagging coach: [%s]", len(fs), describe(fs))
	}
}

func BenchmarkCoachText300Words(b *testing.B) {
	c := Context{Program: "us-nc-medicaid-8g-pss", Relationships: []string{"sister"}}
	DefaultLexicon()
	b.ReportAllocs()
	b.SetBytes(int64(len(note300)))
	for b.Loop() {
		CoachText(note300, c)
	}
}

// BenchmarkCoachTextLatency reports per-call p50 and p99 in microseconds
// (a supervisor dashboard reads these, not ns/op); it asserts nothing.
func BenchmarkCoachTextLatency(b *testing.B) {
	c := Context{Program: "us-ca-medi-cal-peer-support"}
	DefaultLexicon()
	const calls = 2000
	durs := make([]time.Duration, 0, calls)
	for b.Loop() {
		durs = durs[:0]
		for range calls {
			start := time.Now()
			CoachText(note300, c)
			durs = append(durs, time.Since(start))
		}
	}
	slices.Sort(durs)
	b.ReportMetric(float64(durs[len(durs)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(durs[len(durs)*99/100].Nanoseconds())/1e3, "p99-µs")
}

func BenchmarkTokenize(b *testing.B) {
	buf := make([]byte, 0, 4096)
	toks := make([]token, 0, 512)
	b.ReportAllocs()
	for b.Loop() {
		tokenize(note300, buf, toks)
	}
}
