package store

import (
	"sync"

	"github.com/goldthread/goldthread/internal/coach"
)

// coachMemo keeps the coach's findings on signed notes by note id, with
// the lexicon and program they were found with, so the team dashboard's
// coaching counts (CoachingReport) do not run the coach again over every
// note of the period on every read (about 1,500 notes a team at 100k
// notes, most of the dashboard's time). An entry is used only with the very
// lexicon it was found with: agencyLexiconTx hands out one *coach.Lexicon
// per set of agency changes (and the embedded one is a single value), so
// an agency that adds, silences or ends a change gets a new lexicon and
// every note is coached again; the entry holds its lexicon, which is
// therefore never freed and reused for another. A signed note's text never
// changes (the schema's triggers). Two generations of at most
// keptCoachFindings each bound the memory.
type coachMemo struct {
	mu        sync.Mutex
	cur, prev map[int64]coachMemoEntry
}

type coachMemoEntry struct {
	lex      *coach.Lexicon
	program  string
	findings []coach.Finding // every field's, in NoteCoachFields order
}

const keptCoachFindings = 32768

// get returns the findings kept for note id found with lex and program.
func (c *coachMemo) get(id int64, lex *coach.Lexicon, program string) ([]coach.Finding, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.cur[id]
	if !ok {
		if e, ok = c.prev[id]; ok {
			c.putLocked(id, e)
		}
	}
	if !ok || e.lex != lex || e.program != program {
		return nil, false
	}
	return e.findings, true
}

func (c *coachMemo) put(id int64, lex *coach.Lexicon, program string, findings []coach.Finding) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(id, coachMemoEntry{lex: lex, program: program, findings: findings})
}

func (c *coachMemo) putLocked(id int64, e coachMemoEntry) {
	if c.cur == nil || len(c.cur) >= keptCoachFindings {
		c.prev, c.cur = c.cur, make(map[int64]coachMemoEntry, keptCoachFindings)
	}
	c.cur[id] = e
}
