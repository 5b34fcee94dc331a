package rules

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

var benchWords = strings.Fields(`practiced call landlord bus route library job application resume interview
food bank pantry budget rent lease viewing apartment friend sister brother mother group meeting wellness
recovery walk park coffee shop volunteer church class computer phone appointment doctor pharmacy clinic
housing voucher benefits form paperwork bank account savings plan goal step next week tomorrow friday
monday together alone herself himself themselves shared story strength hope choice decided chose wanted
said felt proud calm ready tried again learned skill coping breathing journal music art garden cooking
meal shopping list schedule calendar reminder alarm sleep routine exercise gym yoga meditation support
circle peer mentor coach listened asked offered explained showed modeled role played practiced wrote read`)

// benchHistory builds n notes: 50 peers, 500 participants, one year of
// weekday services with generated narratives, so overlap and clone
// lookups work against realistic bucket and timeline sizes.
func benchHistory(n int) []HistoryNote {
	r := rand.New(rand.NewPCG(7, 11))
	start := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)
	notes := make([]HistoryNote, 0, n)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.Reset()
		for w := 0; w < 40+r.IntN(40); w++ {
			b.WriteString(benchWords[r.IntN(len(benchWords))])
			b.WriteByte(' ')
		}
		s := start.Add(time.Duration(r.IntN(365*24*4)) * 15 * time.Minute)
		notes = append(notes, HistoryNote{
			ID: fmt.Sprintf("h%05d", i), AuthorID: fmt.Sprintf("peer%02d", r.IntN(50)), ParticipantID: fmt.Sprintf("p%03d", r.IntN(500)),
			Start: s, End: s.Add(time.Duration(15+r.IntN(90)) * time.Minute), Group: r.IntN(10) == 0, Billable: r.IntN(8) != 0,
			Narrative: b.String(),
		})
	}
	return notes
}

// benchInput is an NC note checked against a 10,000-note history that
// holds an overlapping service by the same peer, an overlapping billed
// service for the same participant, and a near-copy of the narrative.
func benchInput(b *testing.B) Input {
	in := baseInput(b, packNC)
	notes := benchHistory(10_000)
	notes = append(notes,
		HistoryNote{ID: "dup-time", AuthorID: "dana", ParticipantID: "kim", Start: serviceStart.Add(15 * time.Minute), End: serviceEnd, Billable: true, Narrative: "x"},
		HistoryNote{ID: "dup-bill", AuthorID: "luis", ParticipantID: "marcus", Start: serviceStart, End: serviceEnd, Billable: true},
		HistoryNote{ID: "near-copy", AuthorID: "dana", ParticipantID: "jo", Start: serviceStart.AddDate(0, 0, -7), End: serviceEnd.AddDate(0, 0, -7), Billable: true,
			Narrative: strings.Replace(Narrative(in.Note), "Friday", "Monday", 1)},
	)
	in.History = NewHistory(notes)
	if fs := Check(in); len(fs) < 3 {
		b.Fatalf("bench note should have overlap and clone findings, got %+v", fs)
	}
	return in
}

// BenchmarkCheck reports ns/op and allocs for one full Check, plus the
// p50 and p99 latency over the b.N runs.
func BenchmarkCheck(b *testing.B) {
	in := benchInput(b)
	durations := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		Check(in)
		durations = append(durations, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(durations)
	b.ReportMetric(float64(durations[len(durations)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(durations[len(durations)*99/100].Nanoseconds()), "p99-ns")
}

// BenchmarkNewHistory is the cost of indexing 10,000 notes (signatures included).
func BenchmarkNewHistory(b *testing.B) {
	notes := benchHistory(10_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		NewHistory(notes)
	}
}

// TestCheckLatency logs p50/p99 of Check against a 10,000-note history
// when run with -v. It asserts nothing about time: machines differ.
func TestCheckLatency(t *testing.T) {
	if testing.Short() || !testing.Verbose() {
		t.Skip("latency log runs only with -v")
	}
	res := testing.Benchmark(BenchmarkCheck)
	t.Logf("Check with 10,000-note history: %s %s; p50 %.0f ns, p99 %.0f ns",
		res.String(), res.MemString(), res.Extra["p50-ns"], res.Extra["p99-ns"])
}
