package rules

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

const longNarrative = "We met at the library and practised the phone call to the housing office twice. " +
	"Kim wrote down the three questions she wanted to ask about the waiting list and the documents they need. " +
	"She made the call herself while I sat beside her and she got an appointment for next Tuesday morning. " +
	"Afterwards she said she felt proud that she did the talking and that the worker was kind to her. " +
	"Next we will gather her pay stubs and her ID before the appointment and plan the bus route together."

// scatter changes one word in every `every` words of text.
func scatter(text string, every int) string {
	words := strings.Fields(text)
	for i := every / 2; i < len(words); i += every {
		words[i] = fmt.Sprintf("edit%d", i)
	}
	return strings.Join(words, " ")
}

func cloneFindings(t *testing.T, prior, now string, approved bool) []Finding {
	t.Helper()
	in := baseInput(t, packNC)
	in.SupervisorApproved = approved
	in.Note.PeerAction, in.Note.ParticipantResponse, in.Note.NextSteps = now, "", ""
	addHistory(&in, HistoryNote{ID: "n-4", AuthorID: in.Note.AuthorID, ParticipantID: in.Note.ParticipantID,
		Start: serviceStart.AddDate(0, 0, -7), End: serviceEnd.AddDate(0, 0, -7), Billable: true, Narrative: prior})
	var out []Finding
	for _, f := range Check(in) {
		if f.RuleID == RuleClonedNarrative {
			out = append(out, f)
		}
	}
	return out
}

// A copy with one word in ten changed, scattered, keeps 90 % of its words
// in order: it blocks billing until a supervisor approves. Its 3-gram
// Jaccard alone is far below the threshold, which is why the
// subsequence check is there.
func TestScatteredEditsStillACopy(t *testing.T) {
	edited := scatter(longNarrative, 10)
	if j := newSignature(edited).similarity(newSignature(longNarrative)); j >= 0.8 {
		t.Fatalf("the edits are too light to test anything: Jaccard %.2f", j)
	}
	fs := cloneFindings(t, longNarrative, edited, false)
	if len(fs) != 1 || fs[0].Severity != BlockBilling || fs[0].Similarity < 0.9 || fs[0].Related != "n-4" {
		t.Fatalf("findings %+v", fs)
	}
	if fs := cloneFindings(t, longNarrative, edited, true); len(fs) != 1 || fs[0].Severity != Warn {
		t.Fatalf("after approval: %+v", fs)
	}
	// Rewritten for real: no finding.
	own := "Kim and I walked to the clinic to pick up her new glasses; she asked the optician about the frame warranty herself " +
		"and decided to keep the old pair as a spare. She wants to read the lease with me on Friday now she can see it."
	if fs := cloneFindings(t, longNarrative, own, false); len(fs) != 0 {
		t.Fatalf("an own narrative: %+v", fs)
	}
}

// A group's shared description is the same for every member by design:
// group notes compare only what the member did and said.
func TestGroupDescriptionIsNotACopy(t *testing.T) {
	in := baseInput(t, packNC)
	asGroup(&in, 6)
	in.Note.PeerAction = longNarrative
	in.Note.ParticipantResponse = "Kim shared that the grounding skill helped her sleep on Sunday."
	prior := Note{Group: true, PeerAction: longNarrative, ParticipantResponse: "Kim said she tried the breathing exercise at work and it calmed her before a meeting."}
	addHistory(&in, HistoryNote{ID: "n-9", AuthorID: in.Note.AuthorID, ParticipantID: in.Note.ParticipantID, Group: true,
		Start: serviceStart.AddDate(0, 0, -7), End: serviceEnd.AddDate(0, 0, -7), Billable: true, Narrative: CloneText(prior)})
	for _, f := range Check(in) {
		if f.RuleID == RuleClonedNarrative {
			t.Fatalf("a shared group description flagged: %+v", f)
		}
	}
}

func TestTextSignatureRoundTrips(t *testing.T) {
	for _, text := range []string{longNarrative, "Too short."} {
		s := NewTextSignature(text)
		back, err := DecodeTextSignature(s.Encode())
		if err != nil || fmt.Sprint(back) != fmt.Sprint(s) {
			t.Fatalf("%q: %v", text, err)
		}
	}
	if _, err := DecodeTextSignature("not base64!"); err == nil {
		t.Fatal("garbage decoded")
	}
}

// BenchmarkCloneCheck: one note checked against 10,000 prior notes of its
// author, signatures stored (as the store passes them).
func BenchmarkCloneCheck(b *testing.B) {
	in := baseInput(b, packNC)
	notes := make([]HistoryNote, 10000)
	for i := range notes {
		ts := NewTextSignature(fmt.Sprintf("Session %d: we talked about week %d and %s", i, i%52, scatter(longNarrative, 3+i%7)))
		d := time.Duration(i+1) * 24 * time.Hour
		notes[i] = HistoryNote{ID: fmt.Sprint("p-", i), AuthorID: in.Note.AuthorID, ParticipantID: fmt.Sprint("x-", i%40),
			Start: serviceStart.Add(-d), End: serviceEnd.Add(-d), Billable: true, Text: &ts}
	}
	in.History = NewHistory(notes)
	in.Note.PeerAction = scatter(longNarrative, 11)
	ts := NewTextSignature(CloneText(in.Note))
	in.CloneText = &ts
	b.ResetTimer()
	for b.Loop() {
		Check(in)
	}
}

// lcsTable is the longest common subsequence of a and b by the dynamic
// programme, which inOrderShare's bit masks must agree with.
func lcsTable(a, b []uint32) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// The share of words in the same order is the longest common subsequence
// over the longer text, for texts of any length (across the 64 words of
// one mask and the carries between masks) and any repetition of words.
func TestInOrderShareIsTheLongestCommonSubsequence(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 837))
	for i := range 3000 {
		words := func() []uint32 {
			out := make([]uint32, r.IntN(200))
			alphabet := 1 + r.IntN(8)
			for k := range out {
				out[k] = uint32(r.IntN(alphabet))
			}
			return out
		}
		a, b := words(), words()
		if i%3 == 0 && len(a) > 0 { // a near copy: b is a with edits
			b = slices.Clone(a)
			for range r.IntN(10) {
				b[r.IntN(len(b))] = uint32(r.IntN(20))
			}
		}
		want := 0.0
		if len(a) > 0 && len(b) > 0 {
			want = float64(lcsTable(a, b)) / float64(max(len(a), len(b)))
		}
		if got := inOrderShare(a, b); got != want {
			t.Fatalf("inOrderShare(%v, %v) = %v; the longest common subsequence gives %v", a, b, got, want)
		}
	}
}
