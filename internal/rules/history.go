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
	// Narrative is the note's text compared for copies (CloneText), used
	// when Text is nil.
	Narrative string
	// Text is the note's stored signature (computed at signing); nil
	// computes it from Narrative.
	Text *TextSignature
}

// History indexes notes for the overlap and cloned-text rules. Build it
// once with [NewHistory] and keep it current with [History.Add]; lookups
// do not scan every note: time overlaps use per-author and per-participant
// lists sorted by start, cloned text the same lists with stored signatures. A History
// is not safe for concurrent Add and lookups; share it read-only.
type History struct {
	notes         []historyEntry
	byID          map[string]int
	byAuthor      map[string]*timeline
	byParticipant map[string]*timeline
}

type historyEntry struct {
	HistoryNote
	sig      signature
	words    []uint32
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
	ts := n.Text
	if ts == nil {
		t := NewTextSignature(n.Narrative)
		ts = &t
	}
	e := historyEntry{HistoryNote: n, sig: ts.MinHash, words: ts.Words}
	e.Text, e.Narrative = nil, "" // kept as sig and words
	h.notes = append(h.notes, e)
	h.byID[n.ID] = int(i)
	h.insert(h.byAuthor, n.AuthorID, i)
	h.insert(h.byParticipant, n.ParticipantID, i)
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
	// Text is Narrative's signature when the caller has it; nil computes it.
	Text *TextSignature
}

// MostSimilar returns the note by the same author or about the same
// participant whose narrative is most like q's, and how alike: the larger
// of the estimated Jaccard similarity of their word 3-grams and the share
// of their words in the same order (longest common subsequence over the
// longer text), so a copy with small edits scattered through it still
// counts as a copy. Every note of the author and of the participant is a
// candidate (no hashing shortcut can miss one); the subsequence is worked
// out only for those whose 3-gram estimate is at least lcsFloor. ok is
// false when nothing compares (q too short, or no candidate). The note
// itself and other members' notes of the same group session (same author,
// same start, both group) are skipped. Ties go to the smaller ID.
func (h *History) MostSimilar(q CloneQuery) (id string, similarity float64, ok bool) {
	ts := q.Text
	if ts == nil {
		t := NewTextSignature(q.Narrative)
		ts = &t
	}
	sig := signature(ts.MinHash)
	if sig == nil {
		return "", 0, false
	}
	// First the 3-gram estimate for every candidate (128 comparisons
	// each); then the subsequence for the lcsTop closest, which bounds the
	// cost however many notes look alike.
	type cand struct {
		i   int32
		jac float64
	}
	var top []cand
	closer := func(a, b cand) bool {
		return a.jac > b.jac || (a.jac == b.jac && h.notes[a.i].ID < h.notes[b.i].ID)
	}
	consider := func(i int32) {
		e := &h.notes[i]
		if e.replaced || e.ID == q.NoteID || e.sig == nil {
			return
		}
		if q.Group && e.Group && e.AuthorID == q.AuthorID && e.Start.Equal(q.Start) {
			return
		}
		s := sig.similarity(e.sig)
		if !ok || s > similarity || (s == similarity && e.ID < id) {
			id, similarity, ok = e.ID, s, true
		}
		// The shortlist is the lcsTop closest by estimate, ties to the
		// smaller ID, whatever order the notes were added in: a billing run
		// adds the same notes in another order than one note's own check.
		c := cand{i, s}
		if s < lcsFloor || (len(top) == lcsTop && !closer(c, top[lcsTop-1])) {
			return
		}
		if len(top) < lcsTop {
			top = append(top, cand{})
		}
		k := len(top) - 1
		for ; k > 0 && closer(c, top[k-1]); k-- {
			top[k] = top[k-1]
		}
		top[k] = c
	}
	if t := h.byAuthor[q.AuthorID]; t != nil && q.AuthorID != "" {
		for _, i := range t.idx {
			consider(i)
		}
	}
	if t := h.byParticipant[q.ParticipantID]; t != nil && q.ParticipantID != "" {
		for _, i := range t.idx {
			if h.notes[i].AuthorID != q.AuthorID || q.AuthorID == "" {
				consider(i) // the author's own were seen above
			}
		}
	}
	var masks *wordMasks
	if len(top) > 0 {
		masks = newWordMasks(ts.Words)
	}
	for _, c := range top {
		e := &h.notes[c.i]
		if s := masks.share(e.words); s > similarity || (s == similarity && e.ID < id) {
			id, similarity = e.ID, s
		}
	}
	return id, similarity, ok
}

// lcsTop is how many of the closest candidates by 3-gram estimate get the
// subsequence check.
const lcsTop = 16

// lcsFloor is the 3-gram estimate below which two texts cannot share 90 %
// of their words in order and the subsequence is not worked out: one edit
// in ten words keeps about half the 3-grams (Jaccard about 0.5), one in
// five about a quarter.
const lcsFloor = 0.2
