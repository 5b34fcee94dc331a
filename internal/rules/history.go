package rules

import (
	"sort"
	"time"
)

// HistoryNote is what the engine needs to know about another note.
type HistoryNote struct {
	ID            string
	AuthorID      string
	ParticipantID string
	Start, End    time.Time
	Group         bool
	// GroupSession is the group session a group note came from, so the
	// notes of one session never count as overlapping each other.
	GroupSession string
	Billable     bool
	// Narrative is the note's text (what the peer did, the response, next
	// steps) for cloned-text detection.
	Narrative string
}

// History indexes notes for the overlap and cloned-text rules. Build it
// once with [NewHistory] and keep it current with [History.Add]; lookups
// do not scan every note: time overlaps use per-author and per-participant
// lists sorted by start, cloned text uses MinHash band buckets. A History
// is not safe for concurrent Add and lookups; share it read-only.
type History struct {
	notes         []historyEntry
	byID          map[string]int
	byAuthor      map[string]*timeline
	byParticipant map[string]*timeline
	buckets       [bandCount]map[uint64][]int32
}

type historyEntry struct {
	HistoryNote
	sig      signature
	replaced bool // a later Add with the same ID supersedes this entry
}

// timeline is one person's notes sorted by start, with the longest
// duration seen so a lookup knows how far back an overlap can begin.
type timeline struct {
	idx     []int32
	longest time.Duration
}

// NewHistory indexes notes. Later notes with a repeated ID replace earlier ones.
func NewHistory(notes []HistoryNote) *History {
	h := &History{
		notes:         make([]historyEntry, 0, len(notes)),
		byID:          make(map[string]int, len(notes)),
		byAuthor:      map[string]*timeline{},
		byParticipant: map[string]*timeline{},
	}
	for i := range h.buckets {
		h.buckets[i] = map[uint64][]int32{}
	}
	for _, n := range notes {
		h.Add(n)
	}
	return h
}

// Len is the number of current (not replaced) notes.
func (h *History) Len() int { return len(h.byID) }

// Add indexes one note, replacing any earlier note with the same ID (an
// edited draft). Cost: O(log n) search plus the insert shift in the
// author's and participant's timelines, and one signature.
func (h *History) Add(n HistoryNote) {
	if old, ok := h.byID[n.ID]; ok {
		h.notes[old].replaced = true
	}
	i := int32(len(h.notes))
	e := historyEntry{HistoryNote: n, sig: newSignature(n.Narrative)}
	h.notes = append(h.notes, e)
	h.byID[n.ID] = int(i)
	h.insert(h.byAuthor, n.AuthorID, i)
	h.insert(h.byParticipant, n.ParticipantID, i)
	if e.sig != nil {
		for b := range h.buckets {
			k := e.sig.bandKey(b)
			h.buckets[b][k] = append(h.buckets[b][k], i)
		}
	}
}

func (h *History) insert(m map[string]*timeline, key string, i int32) {
	if key == "" {
		return
	}
	t := m[key]
	if t == nil {
		t = &timeline{}
		m[key] = t
	}
	n := h.notes[i]
	if d := n.End.Sub(n.Start); d > t.longest {
		t.longest = d
	}
	at := sort.Search(len(t.idx), func(j int) bool { return h.notes[t.idx[j]].Start.After(n.Start) })
	t.idx = append(t.idx, 0)
	copy(t.idx[at+1:], t.idx[at:])
	t.idx[at] = i
}

// overlapping calls fn for each current note in the timeline whose
// [Start, End) intersects [start, end).
func (h *History) overlapping(t *timeline, start, end time.Time, fn func(HistoryNote)) {
	if t == nil || !end.After(start) {
		return
	}
	// Notes starting at or after end cannot overlap; scan back from there
	// until a note could no longer reach start even at the longest duration.
	hi := sort.Search(len(t.idx), func(j int) bool { return !h.notes[t.idx[j]].Start.Before(end) })
	earliest := start.Add(-t.longest)
	for j := hi - 1; j >= 0; j-- {
		e := &h.notes[t.idx[j]]
		if e.Start.Before(earliest) {
			break
		}
		if !e.replaced && e.End.After(start) {
			fn(e.HistoryNote)
		}
	}
}

// AuthorOverlaps returns the author's notes overlapping [start, end), by ID.
func (h *History) AuthorOverlaps(author string, start, end time.Time) []HistoryNote {
	return h.collect(h.byAuthor[author], start, end)
}

// ParticipantOverlaps returns the participant's notes overlapping [start, end), by ID.
func (h *History) ParticipantOverlaps(participant string, start, end time.Time) []HistoryNote {
	return h.collect(h.byParticipant[participant], start, end)
}

func (h *History) collect(t *timeline, start, end time.Time) []HistoryNote {
	var out []HistoryNote
	h.overlapping(t, start, end, func(n HistoryNote) { out = append(out, n) })
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// CloneQuery describes the note whose narrative is compared.
type CloneQuery struct {
	NoteID, AuthorID, ParticipantID string
	Start                           time.Time
	Group                           bool
	Narrative                       string
}

// MostSimilar returns the note by the same author or about the same
// participant whose narrative is most similar to q's, with the estimated
// Jaccard similarity of their word 3-grams; ok is false when no candidate
// shares a signature band. The note itself and other members' notes of
// the same group session (same author, same start, both group) are
// skipped, since a group shares its description by design. Ties go to the
// smaller ID.
func (h *History) MostSimilar(q CloneQuery) (id string, similarity float64, ok bool) {
	sig := newSignature(q.Narrative)
	if sig == nil {
		return "", 0, false
	}
	seen := map[int32]struct{}{}
	for b := range h.buckets {
		for _, i := range h.buckets[b][sig.bandKey(b)] {
			if _, dup := seen[i]; dup {
				continue
			}
			seen[i] = struct{}{}
			e := &h.notes[i]
			if e.replaced || e.ID == q.NoteID {
				continue
			}
			if e.AuthorID != q.AuthorID && e.ParticipantID != q.ParticipantID {
				continue
			}
			if q.Group && e.Group && e.AuthorID == q.AuthorID && e.Start.Equal(q.Start) {
				continue
			}
			s := sig.similarity(e.sig)
			if !ok || s > similarity || (s == similarity && e.ID < id) {
				id, similarity, ok = e.ID, s, true
			}
		}
	}
	return id, similarity, ok
}
