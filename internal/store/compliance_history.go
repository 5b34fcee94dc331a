package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// historyBatch is the history a billing run reads once per participant
// instead of once per service: the newest signed notes (with their text
// signatures) of the participant and of each author who served them, and
// their signed notes around the run's period for the overlap rule. It is
// read the first time a service needs a side; a participant's side is
// dropped when the run moves to the next participant, an author's kept
// for the next (up to authorsKept authors), so memory stays bounded.
// A run writes claims, never notes, so what was read once is what each
// service would have read for itself; historyInput merges either the same
// way (TestBillingRunHistoryMatchesEachNotesOwn).
type historyBatch struct {
	lo, hi time.Time // signed notes starting strictly between are in around
	newest map[historySide][]historyNote
	around map[historySide][]historyNote
	// pairs are the engine's histories built once per author and
	// participant (sharedHistory); nil when not kept (a bulk load, whose
	// lists grow as it signs).
	pairs map[historyPair]*pairHistory
	// chunkAround and chunkNewest are the sides of a chunk of participants
	// and their authors read at once (loadChunk), looked up first and kept
	// past forget until the chunk ends.
	chunkAround, chunkNewest map[historySide][]historyNote
}

// historySide is one side of "same author or same participant".
type historySide struct {
	participant bool
	id          int64
}

// historyNote is a note read for the history, with its id and times as
// they sort.
type historyNote struct {
	id         int64
	start, end time.Time
	note       rules.HistoryNote
}

// newHistoryBatch makes the history of a run over the services dated from
// through to. Service dates are local to the program, so a day either side
// covers every clock, and maxNoteMinutes before that the longest service
// that could overlap the first.
func newHistoryBatch(from, to goldthread.Date) *historyBatch {
	return &historyBatch{lo: from.AddDate(0, 0, -1).Add(-maxNoteMinutes * time.Minute), hi: to.AddDate(0, 0, 2),
		newest: map[historySide][]historyNote{}, around: map[historySide][]historyNote{}}
}

// authorsKept bounds how many authors' notes a run keeps across
// participants: a peer serves many participants in a row, and re-reading
// their month for each was most of what the history still cost, but a
// large agency's every author at once would be memory that grows with it.
const authorsKept = 16

// forget drops the participant's notes (between participants), and the
// authors' once more than authorsKept are held.
func (hb *historyBatch) forget() {
	if hb == nil {
		return
	}
	clear(hb.pairs)
	authors := 0
	for side := range hb.around {
		if side.participant {
			delete(hb.around, side)
		} else {
			authors++
		}
	}
	for side := range hb.newest {
		if side.participant {
			delete(hb.newest, side)
		}
	}
	if authors > authorsKept {
		clear(hb.around)
		clear(hb.newest)
	}
}

// covers reports whether the notes read around the period hold every
// note that can overlap n.
func (hb *historyBatch) covers(n goldthread.Note) bool {
	return hb != nil && n.Start.Add(-maxNoteMinutes*time.Minute).After(hb.lo) && !n.End.After(hb.hi)
}

// overlapping is overlapsOf(n) from the notes read around the period:
// each side's notes are in start order, so the few that can overlap n are
// found by a binary search, not a scan.
func (hb *historyBatch) overlapping(ctx context.Context, tx *Tx, n goldthread.Note) ([]rules.HistoryNote, error) {
	if !hb.covers(n) {
		return overlapsOf(ctx, tx, n)
	}
	earliest := n.Start.Add(-maxNoteMinutes * time.Minute)
	var near []historyNote
	for _, side := range []historySide{{false, n.AuthorID}, {true, n.ParticipantID}} {
		list, err := hb.aroundOf(ctx, tx, side)
		if err != nil {
			return nil, err
		}
		i, _ := slices.BinarySearchFunc(list, earliest, func(h historyNote, t time.Time) int {
			if h.start.After(t) {
				return 1
			}
			return -1
		})
		for ; i < len(list) && list[i].start.Before(n.End); i++ {
			if list[i].id != n.ID && list[i].end.After(n.Start) {
				near = append(near, list[i])
			}
		}
	}
	slices.SortFunc(near, func(a, b historyNote) int { return cmp.Or(a.start.Compare(b.start), cmp.Compare(a.id, b.id)) })
	var out []rules.HistoryNote
	for i, h := range near {
		if i == 0 || near[i-1].id != h.id {
			out = append(out, h.note)
		}
	}
	return out, nil
}

func (hb *historyBatch) aroundOf(ctx context.Context, tx *Tx, side historySide) ([]historyNote, error) {
	if list, ok := hb.chunkAround[side]; ok {
		return list, nil
	}
	if list, ok := hb.around[side]; ok {
		return list, nil
	}
	who := "author_id = ?"
	if side.participant {
		who = "participant_id = ?"
	}
	list := []historyNote{}
	err := scanAll(ctx, tx, `SELECT `+overlapColumns+` FROM service_note WHERE `+who+` AND status = ? AND start_at > ? AND start_at < ?
		ORDER BY start_at, id`, []any{side.id, goldthread.NoteSigned, hb.lo, hb.hi}, func(r scanner) error {
		h, err := scanOverlap(r)
		if err != nil {
			return err
		}
		id, _ := strconv.ParseInt(h.ID, 10, 64)
		list = append(list, historyNote{id: id, start: h.Start, end: h.End, note: h})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.historyBatch: %w", err)
	}
	hb.around[side] = list
	return list, nil
}

// bothSides are the newest notes of n's author and of n's participant, each
// read once per run (newestOf).
func (hb *historyBatch) bothSides(ctx context.Context, tx *Tx, n goldthread.Note) (author, participant []historyNote, err error) {
	if author, err = hb.newestOf(ctx, tx, historySide{false, n.AuthorID}); err != nil {
		return nil, nil, err
	}
	participant, err = hb.newestOf(ctx, tx, historySide{true, n.ParticipantID})
	return author, participant, err
}

// recent is recentOf(n) from each side's newest notes read once: the two
// lists, each newest first (ties by id), merged less n and cut at
// recentHistory.
func (hb *historyBatch) recent(ctx context.Context, tx *Tx, n goldthread.Note) ([]rules.HistoryNote, error) {
	if hb == nil {
		return recentOf(ctx, tx, n)
	}
	a, b, err := hb.bothSides(ctx, tx, n)
	if err != nil {
		return nil, err
	}
	merged := mergeNewest(a, b, n.ID, recentHistory)
	out := make([]rules.HistoryNote, len(merged))
	for i, h := range merged {
		out[i] = h.note
	}
	return out, nil
}

// mergeNewest merges two lists of notes, each newest first (ties by id),
// into one, each note once, less the note skip, cut at limit.
func mergeNewest(a, b []historyNote, skip int64, limit int) []historyNote {
	newer := func(x, y historyNote) int { return cmp.Or(x.start.Compare(y.start), cmp.Compare(x.id, y.id)) }
	out := make([]historyNote, 0, min(len(a)+len(b), limit))
	for len(out) < limit && (len(a) > 0 || len(b) > 0) {
		var h historyNote
		switch {
		case len(b) == 0 || (len(a) > 0 && newer(a[0], b[0]) > 0):
			h, a = a[0], a[1:]
		case len(a) == 0 || newer(a[0], b[0]) < 0:
			h, b = b[0], b[1:]
		default: // the same note on both sides
			h, a, b = a[0], a[1:], b[1:]
		}
		if h.id != skip {
			out = append(out, h)
		}
	}
	return out
}

func (hb *historyBatch) newestOf(ctx context.Context, tx *Tx, side historySide) ([]historyNote, error) {
	if list, ok := hb.chunkNewest[side]; ok {
		return list, nil
	}
	if list, ok := hb.newest[side]; ok {
		return list, nil
	}
	who := "n.author_id = ?"
	if side.participant {
		who = "n.participant_id = ?"
	}
	list := []historyNote{}
	err := scanAll(ctx, tx, `SELECT `+recentColumns+` FROM service_note n LEFT JOIN note_text_signature t ON t.note_id = n.id
		WHERE `+who+` AND n.status = ? AND n.start_at IS NOT NULL ORDER BY n.start_at DESC, n.id DESC LIMIT `+strconv.Itoa(recentHistory+1),
		[]any{side.id, goldthread.NoteSigned}, func(r scanner) error {
			h, err := scanRecent(r)
			if err != nil {
				return err
			}
			id, _ := strconv.ParseInt(h.ID, 10, 64)
			list = append(list, historyNote{id: id, start: h.Start, end: h.End, note: h})
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store.historyBatch: %w", err)
	}
	hb.newest[side] = list
	return list, nil
}

// historyPair is an author and a participant, whose services in a run
// share one history for the engine.
type historyPair struct{ author, participant int64 }

// pairHistory is the engine's history for the services of one author to
// one participant in a billing run, built once instead of once per
// service: a note's own history (historyList) is the notes overlapping it
// and the two sides' newest, merged, less itself, cut at recentHistory.
// The engine leaves the note itself out at every lookup (overlaps and
// copies alike, by id), so a history that holds it judges the same. What
// differs from one service to the next is kept apart:
//   - the newest: less the note, the cut takes one more note when the note
//     is among the first recentHistory merged; so there are two indexes, of
//     the first recentHistory and of one more, each built when first needed;
//   - the overlaps: each service adds those it has (read around the period,
//     without text as in its own history) to the index it uses, once each;
//     an overlap added for an earlier service overlaps no later one unless
//     it is among that one's own, so it never changes what the engine finds.
//
// The engine's lookups do not depend on the order notes were added
// (TestMostSimilarShortlistIgnoresAddOrder), so the findings are those of
// each note's own history (TestBillingRunHistoryMatchesEachNotesOwn,
// TestSharedHistoryMatchesEachNotesOwn).
type pairHistory struct {
	zone   *time.Location
	merged []historyNote // the two sides' newest, merged, up to recentHistory+1
	rank   map[int64]int // a note's place in merged
	index  [2]*pairIndex // [0]: the first recentHistory of merged; [1]: one more
}

// pairIndex is one of a pair's histories with the ids it holds.
type pairIndex struct {
	history *rules.History
	holds   map[string]bool
}

// sharedHistory is the engine's history for n (what rules.NewHistory
// makes of historyNotes), from its author's and participant's pair in a
// billing run; nil when the batch keeps no pairs or its notes around the
// period do not cover n, and the caller builds n's own.
func (hb *historyBatch) sharedHistory(ctx context.Context, tx *Tx, n goldthread.Note, zone *time.Location) (*rules.History, error) {
	if hb == nil || hb.pairs == nil || !hb.covers(n) {
		return nil, nil
	}
	key := historyPair{n.AuthorID, n.ParticipantID}
	p := hb.pairs[key]
	if p == nil || p.zone != zone {
		a, b, err := hb.bothSides(ctx, tx, n)
		if err != nil {
			return nil, err
		}
		p = &pairHistory{zone: zone, merged: mergeNewest(a, b, 0, recentHistory+1), rank: map[int64]int{}}
		for i, h := range p.merged {
			p.rank[h.id] = i
		}
		hb.pairs[key] = p
	}
	k := 0
	if i, ok := p.rank[n.ID]; ok && i < recentHistory {
		k = 1 // n leaves a place for the next one
	}
	ix := p.index[k]
	if ix == nil {
		cut := p.merged[:min(len(p.merged), recentHistory+k)]
		list := make([]rules.HistoryNote, len(cut))
		ix = &pairIndex{holds: make(map[string]bool, len(cut))}
		for i, h := range cut {
			list[i] = h.note
			ix.holds[h.note.ID] = true
		}
		zoned(list, zone)
		ix.history = rules.NewHistory(list)
		p.index[k] = ix
	}
	near, err := hb.overlapping(ctx, tx, n)
	if err != nil {
		return nil, err
	}
	zoned(near, zone)
	for _, h := range near {
		if !ix.holds[h.ID] {
			ix.holds[h.ID] = true
			ix.history.Add(h)
		}
	}
	return ix.history, nil
}
