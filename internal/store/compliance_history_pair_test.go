package store

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// A billing run builds the engine's history once per author and
// participant (sharedHistory) instead of once per service; for each
// service it must answer the engine's lookups (overlaps of the author and
// of the participant, the most similar narrative, the service itself left
// out as the engine leaves it out) as the service's own history does.
// The fixture, read into the batch as the database would give it (no
// database: the batch holds every list): author 1's newest notes are 199
// in April (another participant) and then March, so the newest 201 of
// author 1 and participant 10 merged end with service s1 (place 200) and
// note x (201) of another author. s1's own history, less s1, takes x too;
// s2 and s3 are not among the first 200, so theirs stops before x. s1, s2
// and x have the same narrative. Notes o and y, not among the newest,
// overlap s3 (same author) and s2 (same participant). x is a service too,
// of its own author and participant pair: its author's note z, about
// another participant, overlaps it and has its narrative.
func TestSharedHistoryMatchesEachNotesOwn(t *testing.T) {
	ctx := context.Background()
	zone := time.FixedZone("EST", -5*3600)
	const author, other, participant, otherParticipant = 1, 2, 10, 11
	copied := "We practiced a phone call to a landlord with the script written last week, then made the call and booked a viewing for Friday."
	note := func(id, by, about int64, start time.Time, minutes int, text string) historyNote {
		h := rules.HistoryNote{ID: strconv.FormatInt(id, 10), AuthorID: strconv.FormatInt(by, 10), ParticipantID: strconv.FormatInt(about, 10),
			Start: start, End: start.Add(time.Duration(minutes) * time.Minute), Billable: true}
		if text != "" {
			sig := rules.NewTextSignature(text)
			h.Narrative, h.Text = text, &sig
		}
		return historyNote{id: id, start: h.Start, end: h.End, note: h}
	}
	march := func(day, hour, minute int) time.Time { return time.Date(2026, 3, day, hour, minute, 0, 0, time.UTC) }
	s1 := note(600, author, participant, march(20, 15, 0), 60, copied)
	s2 := note(700, author, participant, march(10, 15, 0), 60, copied)
	s3 := note(800, author, participant, march(5, 15, 0), 60, "We went over the bus map for the clinic visit and wrote down the two transfers.")
	x := note(500, other, participant, march(15, 15, 0), 60, copied)
	y := note(550, other, participant, march(10, 15, 30), 60, "We sorted the mail together and called about the benefits letter.")
	o := note(900, author, otherParticipant, march(5, 15, 30), 60, "We talked about the week ahead and the groceries to buy.")
	z := note(400, other, otherParticipant, march(15, 15, 30), 60, copied)
	var april []historyNote
	for i := range 199 {
		april = append(april, note(int64(1000+i), author, otherParticipant, time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i)*5*time.Hour), 30,
			fmt.Sprintf("Visit %d: we went over the list of errands for the days after it and who would drive.", i)))
	}
	newestFirst := func(list ...historyNote) []historyNote {
		list = slices.Clone(list)
		slices.SortFunc(list, func(a, b historyNote) int { return -cmp.Or(a.start.Compare(b.start), cmp.Compare(a.id, b.id)) })
		return list[:min(len(list), recentHistory+1)] // as newestOf reads them
	}
	aroundOf := func(list ...historyNote) []historyNote {
		var out []historyNote
		for _, h := range list {
			h.note.Narrative, h.note.Text = "", nil // the overlap read has no text
			out = append(out, h)
		}
		slices.SortFunc(out, func(a, b historyNote) int { return cmp.Or(a.start.Compare(b.start), cmp.Compare(a.id, b.id)) })
		return out
	}
	from, to := goldthread.NewDate(2026, 3, 1), goldthread.NewDate(2026, 3, 31)
	fill := func(hb *historyBatch) {
		hb.newest[historySide{false, author}] = newestFirst(append(april, s1, s2, s3, o)...)
		hb.newest[historySide{true, participant}] = newestFirst(s1, s2, s3, x, y)
		hb.around[historySide{false, author}] = aroundOf(s1, s2, s3, o)
		hb.around[historySide{true, participant}] = aroundOf(s1, s2, s3, x, y)
		hb.newest[historySide{false, other}] = newestFirst(x, y, z)
		hb.around[historySide{false, other}] = aroundOf(x, y, z)
	}
	services := map[int64]goldthread.Note{}
	for _, h := range []historyNote{s1, s2, s3, x} {
		by, _ := strconv.ParseInt(h.note.AuthorID, 10, 64)
		services[h.id] = goldthread.Note{ID: h.id, AuthorID: by, ParticipantID: participant, Start: h.start, End: h.end}
	}
	type lookups struct {
		AuthorOverlaps, ParticipantOverlaps []string
		Similar                             string
		Similarity                          float64
	}
	ask := func(h *rules.History, n goldthread.Note, text string) lookups {
		ids := func(list []rules.HistoryNote) []string {
			var out []string
			for _, o := range list {
				if o.ID != strconv.FormatInt(n.ID, 10) { // as the engine leaves the note out
					out = append(out, o.ID)
				}
			}
			return out
		}
		var l lookups
		l.AuthorOverlaps = ids(h.AuthorOverlaps(strconv.FormatInt(n.AuthorID, 10), n.Start.In(zone), n.End.In(zone)))
		l.ParticipantOverlaps = ids(h.ParticipantOverlaps(strconv.FormatInt(participant, 10), n.Start.In(zone), n.End.In(zone)))
		sig := rules.NewTextSignature(text)
		l.Similar, l.Similarity, _ = h.MostSimilar(rules.CloneQuery{NoteID: strconv.FormatInt(n.ID, 10), AuthorID: strconv.FormatInt(n.AuthorID, 10),
			ParticipantID: strconv.FormatInt(participant, 10), Start: n.Start.In(zone), Text: &sig})
		return l
	}
	texts := map[int64]string{s1.id: s1.note.Narrative, s2.id: s2.note.Narrative, s3.id: s3.note.Narrative, x.id: x.note.Narrative}
	own := map[int64]lookups{}
	for id, n := range services {
		hb := newHistoryBatch(from, to)
		fill(hb)
		hist, err := historyList(ctx, nil, n, hb)
		if err != nil {
			t.Fatal(err)
		}
		zoned(hist, zone)
		own[id] = ask(rules.NewHistory(hist), n, texts[id])
	}
	// The fixture is a test of the shared history only if each service's
	// own history finds what it was built to.
	want := map[int64]lookups{
		s1.id: {Similar: "500", Similarity: 1},                                       // x, one past the cut of the others
		s2.id: {ParticipantOverlaps: []string{"550"}, Similar: "600", Similarity: 1}, // y; s1 (x is past its cut)
		s3.id: {AuthorOverlaps: []string{"900"}},                                     // o
		x.id:  {AuthorOverlaps: []string{"400"}, Similar: "400", Similarity: 1},      // z, of x's author only
	}
	for id, w := range want {
		got := own[id]
		if !reflect.DeepEqual(got.AuthorOverlaps, w.AuthorOverlaps) || !reflect.DeepEqual(got.ParticipantOverlaps, w.ParticipantOverlaps) ||
			(w.Similar != "" && (got.Similar != w.Similar || got.Similarity != w.Similarity)) {
			t.Fatalf("note %d's own history: %+v; the fixture wants %+v", id, got, w)
		}
	}
	// One run, in either order of the services (each adds its overlaps to
	// the history the next one uses).
	for _, order := range [][]int64{{s3.id, s2.id, s1.id, x.id}, {x.id, s1.id, s2.id, s3.id, s2.id}} {
		hb := newHistoryBatch(from, to)
		hb.pairs = map[historyPair]*pairHistory{}
		fill(hb)
		for _, id := range order {
			h, err := hb.sharedHistory(ctx, nil, services[id], zone)
			if err != nil || h == nil {
				t.Fatalf("note %d: no shared history (%v)", id, err)
			}
			if got := ask(h, services[id], texts[id]); !reflect.DeepEqual(got, own[id]) {
				t.Errorf("order %v, note %d: the shared history answers\n%+v\nits own\n%+v", order, id, got, own[id])
			}
		}
	}
}
