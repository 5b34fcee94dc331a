package store

import (
	"sync"

	"github.com/goldthread/goldthread/internal/rules"
)

// textSignatures keeps signed notes' text signatures, decoded, by note id,
// so the cloned-text check of a signature does not read, sort and decode
// up to 200 stored signatures (about 1.5 KB each) every time: it reads the
// past notes' ids and times and asks the database only for the signatures
// it has not seen.
//
// An entry never goes stale: it is taken only from a read transaction
// (committed data), and a signed note's text never changes (the schema's
// triggers on both engines), nor its stored signature (migration 0071). A
// note signed before 0071 has no stored signature: its text is read and
// its signature computed each time, as before (kept, the history would
// differ from a billing run's, which must not hold signatures it does not
// need). Two generations of at most keptSignedNotes each bound the memory
// (about 25 MB).
type textSignatures = keptByID[*rules.TextSignature]

// historyRows keeps what the history reads of a signed note besides its
// text (author, participant, start, end, kind, billable: a
// rules.HistoryNote without Text or Narrative) by note id, so recentOf
// reads the newest notes' ids from the indexes alone and the table only
// for the notes it has not seen. The same rules as textSignatures: taken
// only from read transactions, and a signed note never changes. Two
// generations of keptSignedNotes rows are about 4 MB.
type historyRows = keptByID[rules.HistoryNote]

// keptByID keeps values read of signed notes, which never change, by note
// id: two generations of at most keptSignedNotes each bound the memory; an
// entry read from the older one moves to the newer. Safe for concurrent
// use.
type keptByID[V any] struct {
	mu        sync.Mutex
	cur, prev map[int64]V
}

const keptSignedNotes = 8192

func (c *keptByID[V]) get(id int64) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cur[id]; ok {
		return v, true
	}
	v, ok := c.prev[id]
	if ok {
		c.putLocked(id, v)
	}
	return v, ok
}

func (c *keptByID[V]) put(id int64, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(id, v)
}

func (c *keptByID[V]) putLocked(id int64, v V) {
	if c.cur == nil || len(c.cur) >= keptSignedNotes {
		c.prev, c.cur = c.cur, make(map[int64]V, keptSignedNotes)
	}
	c.cur[id] = v
}

func (c *keptByID[V]) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur, c.prev = nil, nil
}

// signatureChunk is how many notes one read of signed notes by id asks
// for (withHistoryRows): a fixed count (unused places hold 0, never a
// note's id) keeps it one statement, prepared once, whatever is missing.
const signatureChunk = 25
