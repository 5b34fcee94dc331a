package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/goldthread/goldthread"
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

// signatureChunk is how many notes one read of stored signatures asks
// for: a fixed count (unused places hold 0, never a note's id) keeps it one
// statement, prepared once, whatever is missing.
const signatureChunk = 25

var signaturesByID = `SELECT n.id, n.kind, COALESCE(t.signature, ''), CASE WHEN t.signature IS NULL THEN n.peer_action ELSE '' END,
	CASE WHEN t.signature IS NULL THEN n.participant_response ELSE '' END, CASE WHEN t.signature IS NULL THEN n.next_steps ELSE '' END
	FROM service_note n LEFT JOIN note_text_signature t ON t.note_id = n.id
	WHERE n.status = ? AND n.id IN (?` + strings.Repeat(", ?", signatureChunk-1) + `)`

// withTextSignatures sets the Text of each signed note in notes, kept or
// stored, or, for a note signed before signatures were stored, its
// Narrative (rules.History computes its signature), as scanRecent does for
// a billing run. What a read transaction reads is kept: a write
// transaction may see notes it signed itself and may still roll back.
func withTextSignatures(ctx context.Context, tx *Tx, notes []rules.HistoryNote) error {
	cache := &tx.db.textSigs
	at := map[int64][]int{}
	var missing []any
	for i := range notes {
		id, err := strconv.ParseInt(notes[i].ID, 10, 64)
		if err != nil {
			return fmt.Errorf("store.withTextSignatures: %w", err)
		}
		if s, ok := cache.get(id); ok {
			notes[i].Text = s
			continue
		}
		if at[id] == nil {
			missing = append(missing, id)
		}
		at[id] = append(at[id], i)
	}
	for len(missing) > 0 {
		chunk := missing[:min(len(missing), signatureChunk)]
		missing = missing[len(chunk):]
		args := append([]any{goldthread.NoteSigned}, chunk...)
		for len(args) < 1+signatureChunk {
			args = append(args, int64(0))
		}
		err := scanAll(ctx, tx, signaturesByID, args, func(r scanner) error {
			var id int64
			var kind, stored, action, response, next string
			if err := r.Scan(&id, &kind, &stored, &action, &response, &next); err != nil {
				return err
			}
			ts, err := rules.DecodeTextSignature(stored)
			if stored == "" || err != nil {
				text := rules.CloneText(rules.Note{Group: kind == goldthread.NoteGroup, PeerAction: action, ParticipantResponse: response, NextSteps: next})
				for _, i := range at[id] {
					notes[i].Narrative = text
				}
				return nil
			}
			if tx.reads {
				cache.put(id, &ts)
			}
			for _, i := range at[id] {
				notes[i].Text = &ts
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("store.withTextSignatures: %w", err)
		}
	}
	return nil
}
