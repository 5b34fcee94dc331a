package rules

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestOverlapsMatchBruteForce compares the index with a scan of every note.
func TestOverlapsMatchBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	var notes []HistoryNote
	for i := 0; i < 2000; i++ {
		start := base.Add(time.Duration(r.IntN(60*24*30)) * time.Minute)
		notes = append(notes, HistoryNote{
			ID: fmt.Sprintf("n%04d", i), AuthorID: fmt.Sprintf("a%d", r.IntN(5)), ParticipantID: fmt.Sprintf("p%d", r.IntN(20)),
			Start: start, End: start.Add(time.Duration(5+r.IntN(300)) * time.Minute),
		})
	}
	h := NewHistory(notes)
	for q := 0; q < 300; q++ {
		start := base.Add(time.Duration(r.IntN(60*24*30)) * time.Minute)
		end := start.Add(time.Duration(1+r.IntN(240)) * time.Minute)
		author := fmt.Sprintf("a%d", r.IntN(5))
		var want []string
		for _, n := range notes {
			if n.AuthorID == author && n.Start.Before(end) && n.End.After(start) {
				want = append(want, n.ID)
			}
		}
		slices.Sort(want)
		var got []string
		for _, n := range h.AuthorOverlaps(author, start, end) {
			got = append(got, n.ID)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("query %d: got %v, want %v", q, got, want)
		}
	}
}

func TestHistoryAddReplaces(t *testing.T) {
	h := NewHistory(nil)
	h.Add(HistoryNote{ID: "n1", AuthorID: "dana", Start: serviceStart, End: serviceEnd})
	h.Add(HistoryNote{ID: "n1", AuthorID: "dana", Start: serviceStart.Add(3 * time.Hour), End: serviceEnd.Add(3 * time.Hour)})
	if h.Len() != 1 {
		t.Errorf("Len = %d, want 1", h.Len())
	}
	if got := h.AuthorOverlaps("dana", serviceStart, serviceEnd); len(got) != 0 {
		t.Errorf("replaced note still found: %+v", got)
	}
	if got := h.AuthorOverlaps("dana", serviceStart.Add(3*time.Hour), serviceEnd.Add(3*time.Hour)); len(got) != 1 {
		t.Errorf("new version not found")
	}
}

const sampleNarrative = "Dana and Marcus practiced a phone call to a landlord using the script he wrote last week. " +
	"Marcus made the call himself and booked a viewing for Friday. Next we visit the apartment together."

func TestMostSimilar(t *testing.T) {
	edited := strings.Replace(sampleNarrative, "Friday", "Saturday", 1)
	other := "Kim chose the bus route to the food bank and rode it once with her peer; she plans to try it alone next week and call her sister after."
	h := NewHistory([]HistoryNote{
		{ID: "same-author", AuthorID: "dana", ParticipantID: "kim", Narrative: edited},
		{ID: "stranger", AuthorID: "luis", ParticipantID: "ana", Narrative: sampleNarrative},
		{ID: "different", AuthorID: "dana", ParticipantID: "jo", Narrative: other},
	})
	id, sim, ok := h.MostSimilar(CloneQuery{NoteID: "new", AuthorID: "dana", ParticipantID: "marcus", Narrative: sampleNarrative})
	if !ok || id != "same-author" || sim < 0.75 {
		t.Errorf("most similar = %s %.2f %v; want same-author, high", id, sim, ok)
	}
	if _, _, ok := h.MostSimilar(CloneQuery{AuthorID: "dana", ParticipantID: "marcus", Narrative: "Met with Marcus."}); ok {
		t.Error("short narratives are not compared")
	}
	// Members of one group session share the description by design.
	g := NewHistory([]HistoryNote{{ID: "member-2", AuthorID: "dana", ParticipantID: "kim", Start: serviceStart, Group: true, Narrative: sampleNarrative}})
	if _, _, ok := g.MostSimilar(CloneQuery{NoteID: "member-1", AuthorID: "dana", ParticipantID: "marcus", Start: serviceStart, Group: true, Narrative: sampleNarrative}); ok {
		t.Error("same group session flagged as clone")
	}
}

func TestSimilarityEstimate(t *testing.T) {
	a := newSignature(sampleNarrative)
	if a.similarity(newSignature(sampleNarrative)) != 1 {
		t.Error("identical text must be 1")
	}
	if s := a.similarity(newSignature(strings.ToUpper(sampleNarrative) + "!!")); s != 1 {
		t.Errorf("case and punctuation should not matter, got %.2f", s)
	}
	if s := a.similarity(newSignature("Jo led the wellness group check-in and shared her plan for the weekend with two friends from church.")); s > 0.2 {
		t.Errorf("unrelated text similarity %.2f", s)
	}
}

// TestCheckIsDeterministic: the same note and an equal history built in a
// different order give the same findings.
func TestCheckIsDeterministic(t *testing.T) {
	in := baseInput(t, packNC)
	extra := []HistoryNote{
		{ID: "b", AuthorID: "dana", ParticipantID: "kim", Start: serviceStart.Add(10 * time.Minute), End: serviceEnd, Billable: true, Narrative: Narrative(in.Note)},
		{ID: "a", AuthorID: "dana", ParticipantID: "jo", Start: serviceStart.Add(-5 * time.Minute), End: serviceStart.Add(20 * time.Minute), Billable: true},
		{ID: "c", AuthorID: "luis", ParticipantID: "marcus", Start: serviceStart, End: serviceEnd, Billable: true},
	}
	in.History = NewHistory(append(unrelatedHistory(), extra...))
	first := Check(in)
	slices.Reverse(extra)
	in.History = NewHistory(append(extra, unrelatedHistory()...))
	second := Check(in)
	if fmt.Sprint(first) != fmt.Sprint(second) {
		t.Errorf("findings differ:\n%v\n%v", first, second)
	}
	var related []string
	for _, f := range first {
		related = append(related, f.RuleID+":"+f.Related)
	}
	want := []string{"overlap.author:a", "overlap.author:b", "overlap.participant:c", "clone.narrative:b"}
	if !slices.Equal(related, want) {
		t.Errorf("findings %v, want %v", related, want)
	}
}

// MostSimilar works out the in-order share for a shortlist of the notes
// closest by estimate; which notes make the list must not depend on the
// order they were added (a billing run builds one history for all of an
// author's services to a participant, in another order than each note's
// own check). Seventeen notes tie on the estimate; the one whose words are
// the query's has the largest ID, so it never makes the list of sixteen.
func TestMostSimilarShortlistIgnoresAddOrder(t *testing.T) {
	q := NewTextSignature(sampleNarrative)
	other := NewTextSignature("Kim chose the bus route to the food bank and rode it once with her peer; she plans to try it alone next week.")
	half := func(words []uint32) *TextSignature {
		sig := slices.Clone(q.MinHash)
		for i := 0; i < len(sig); i += 2 {
			sig[i]++
		}
		return &TextSignature{MinHash: sig, Words: words}
	}
	var notes []HistoryNote
	for i := range lcsTop {
		notes = append(notes, HistoryNote{ID: fmt.Sprintf("n%02d", i), AuthorID: "dana", ParticipantID: "kim", Text: half(other.Words)})
	}
	notes = append(notes, HistoryNote{ID: "z", AuthorID: "dana", ParticipantID: "kim", Text: half(q.Words)})
	query := CloneQuery{NoteID: "new", AuthorID: "dana", ParticipantID: "kim", Text: &q}
	id, sim, _ := NewHistory(notes).MostSimilar(query)
	slices.Reverse(notes)
	rid, rsim, _ := NewHistory(notes).MostSimilar(query)
	if id != rid || sim != rsim {
		t.Errorf("added in one order: %s %.2f; in the other: %s %.2f", id, sim, rid, rsim)
	}
	if id != "n00" || sim != 0.5 {
		t.Errorf("most similar = %s %.2f; want n00 0.50 (z is not among the %d closest by estimate and ID)", id, sim, lcsTop)
	}
}
