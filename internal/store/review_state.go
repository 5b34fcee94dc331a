package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/rules"
)

// A signed note's review state in note_review (migration 0160): what its
// approvals, returns and addenda say now. An open note awaits review when
// one of its reasons holds (reviewReasons).
const (
	reviewStateOpen     = "open"
	reviewStateReturned = "returned"
	reviewStateApproved = "approved"
)

// refreshNoteReview writes note noteID's review state row inside tx, from
// the rows reviewItem decides the state from: approved when an approval
// matches the note as it now reads, returned when its latest return is
// newer than its latest addendum, open otherwise. Every write that can move
// a note in or out of the review queue calls it in its own transaction:
// signing, approval, return and addendum. A draft has no row.
func refreshNoteReview(ctx context.Context, tx *Tx, noteID int64) error {
	var agency, author, participant, program int64
	var billable bool
	var day goldthread.Date
	var start, signed time.Time
	var status string
	err := tx.QueryRow(ctx, `SELECT agency_id, author_id, participant_id, program_id, billable, service_date, start_at, signed_at, status
		FROM service_note WHERE id = ?`, noteID).Scan(&agency, &author, &participant, &program, &billable, &day, &start, &signed, &status)
	if err != nil {
		return notFound(err, "No note %d.", noteID)
	}
	if status != goldthread.NoteSigned {
		return nil
	}
	state := reviewStateOpen
	approved, err := NoteApprovedTx(ctx, tx, noteID)
	if err != nil {
		return err
	}
	ret, add, err := lastTimes(ctx, tx, noteID)
	if err != nil {
		return err
	}
	switch {
	case approved:
		state = reviewStateApproved
	case ret.Valid && (!add.Valid || ret.Time.After(add.Time)):
		state = reviewStateReturned
	}
	if _, err := tx.Exec(ctx, `INSERT INTO note_review (note_id, agency_id, author_id, participant_id, program_id, billable, service_date,
		start_at, signed_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (note_id) DO UPDATE SET state = excluded.state`,
		noteID, agency, author, participant, program, billable, day, start.UTC(), signed.UTC(), state); err != nil {
		return fmt.Errorf("store.refreshNoteReview: %w", err)
	}
	return nil
}

// forgetNoteFindings marks the note's findings_ask as to be computed again
// (a supervisor overrode one of its findings).
func forgetNoteFindings(ctx context.Context, tx *Tx, noteID int64) error {
	if _, err := tx.Exec(ctx, "UPDATE note_review SET findings_stamp = '' WHERE note_id = ?", noteID); err != nil {
		return fmt.Errorf("store.forgetNoteFindings: %w", err)
	}
	return nil
}

// findingsAsk: a warn- or block-level finding nobody overrode or
// dismissed asks for review (goldthread.ReviewBecauseFindings).
func findingsAsk(findings []goldthread.ReviewFinding) bool {
	for _, f := range findings {
		if (f.Severity == "warn" || f.Blocks()) && !f.Overridden && !f.Dismissed {
			return true
		}
	}
	return false
}

// reviewSetting is what one read of the review queue needs of the agency,
// read once: the policy, each program's effective pack (does it ask for
// approval before billing?), its coach lexicon and the lexicon's stamp.
type reviewSetting struct {
	all      bool
	programs map[int64]*reviewProgram
}

type reviewProgram struct {
	id      int64
	name    string
	pack    *rules.Pack
	lexicon *coach.Lexicon // read when first needed
	stamp   string
}

// defaultLexiconStamp fingerprints the embedded lexicon, so a release that
// changes it makes every stored findings_ask stale. Computed once.
func defaultLexiconStamp() string {
	embeddedStamp.Do(func() {
		h := sha256.New()
		for _, e := range coach.DefaultLexicon().Entries() {
			fmt.Fprintf(h, "%+v\x00", e)
		}
		embeddedStamp.s = hex.EncodeToString(h.Sum(nil))[:16]
	})
	return embeddedStamp.s
}

var embeddedStamp struct {
	sync.Once
	s string
}

// readReviewSetting reads the agency's policy, programs, effective packs
// and the stamps of their lexicons: the embedded lexicon's fingerprint and
// the ids of the agency's active changes that apply to the program (a
// change row never changes but for ending it, which makes it inactive).
func readReviewSetting(ctx context.Context, tx *Tx, agencyID int64) (*reviewSetting, error) {
	s := &reviewSetting{programs: map[int64]*reviewProgram{}}
	var err error
	if s.all, err = reviewAllNotes(ctx, tx, agencyID); err != nil {
		return nil, err
	}
	packs := map[string]string{}
	if err := scanAll(ctx, tx, "SELECT id, name, rule_pack FROM program WHERE agency_id = ?", []any{agencyID}, func(r scanner) error {
		p := &reviewProgram{}
		var pack string
		err := r.Scan(&p.id, &p.name, &pack)
		s.programs[p.id], packs[strconv.FormatInt(p.id, 10)] = p, pack
		return err
	}); err != nil {
		return nil, fmt.Errorf("store.readReviewSetting: %w", err)
	}
	loaded := map[string]*rules.Pack{}
	for _, p := range s.programs {
		id := packs[strconv.FormatInt(p.id, 10)]
		if loaded[id] == nil {
			if loaded[id], err = AgencyPack(ctx, tx, agencyID, id); err != nil {
				return nil, err
			}
		}
		p.pack = loaded[id]
	}
	changes := map[int64][]string{} // program (0: all) → active change ids
	if err := scanAll(ctx, tx, "SELECT id, COALESCE(program_id, 0) FROM agency_lexicon WHERE agency_id = ? AND active = ? ORDER BY id",
		[]any{agencyID, true}, func(r scanner) error {
			var id, program int64
			err := r.Scan(&id, &program)
			changes[program] = append(changes[program], strconv.FormatInt(id, 10))
			return err
		}); err != nil {
		return nil, fmt.Errorf("store.readReviewSetting: %w", err)
	}
	for _, p := range s.programs {
		p.stamp = defaultLexiconStamp() + "/" + strings.Join(changes[0], ",") + "/" + strings.Join(changes[p.id], ",")
	}
	return s, nil
}

// program is the setting of programID, read on its own when the agency's
// list did not hold it (a program added since: cannot happen in one
// transaction, but a missing pack must not panic).
func (s *reviewSetting) program(programID int64) (*reviewProgram, error) {
	if p := s.programs[programID]; p != nil {
		return p, nil
	}
	return nil, goldthread.Errorf(goldthread.EINTERNAL, "Program %d is not one of the agency's.", programID)
}

// lexiconOf reads the program's lexicon once per setting.
func (s *reviewSetting) lexiconOf(ctx context.Context, tx *Tx, agencyID int64, p *reviewProgram) (*coach.Lexicon, error) {
	if p.lexicon == nil {
		lx, err := agencyLexiconTx(ctx, tx, agencyID, p.id)
		if err != nil {
			return nil, err
		}
		p.lexicon = lx
	}
	return p.lexicon, nil
}

// awaitingSQL is the condition, on note_review r, of an open note with a
// reason to be reviewed: the agency reviews every note, its program asks
// for approval before billing and it is billable, or its findings ask.
func (s *reviewSetting) awaitingSQL() (string, []any) {
	if s.all {
		return "r.state = ?", []any{reviewStateOpen}
	}
	cond, args := "r.findings_ask = ?", []any{true}
	if ids := s.asking(); len(ids) > 0 {
		cond = "(r.billable = ? AND r.program_id IN " + inList(len(ids)) + ") OR " + cond
		args = append([]any{true}, append(ids, args...)...)
	}
	return "r.state = ? AND (" + cond + ")", append([]any{reviewStateOpen}, args...)
}

// asking lists the programs whose effective pack asks for approval before
// billing.
func (s *reviewSetting) asking() []any {
	var ids []any
	for _, p := range s.programs {
		if p.pack.Supervision.ApprovalBeforeBilling.Value {
			ids = append(ids, p.id)
		}
	}
	return ids
}

// staleFindingsSQL is the condition, on note_review r, of an open note
// that has no reason but its findings and whose findings_ask was computed
// with another lexicon than its program's now (or never).
func (s *reviewSetting) staleFindingsSQL() (string, []any) {
	if s.all {
		return "1 = 0", nil
	}
	cond, args := "r.state = ?", []any{reviewStateOpen}
	if ids := s.asking(); len(ids) > 0 {
		cond += " AND NOT (r.billable = ? AND r.program_id IN " + inList(len(ids)) + ")"
		args = append(append(args, true), ids...)
	}
	var fresh []string
	for _, p := range s.programs {
		fresh = append(fresh, "(r.program_id = ? AND r.findings_stamp = ?)")
		args = append(args, p.id, p.stamp)
	}
	if len(fresh) > 0 {
		cond += " AND NOT (" + strings.Join(fresh, " OR ") + ")"
	}
	return cond, args
}

// refreshStaleFindings computes findings_ask again for the open notes
// matching cond (the reader's team in reach) whose only possible reason is
// their findings and whose stamp is stale: after migration 0160, after a
// lexicon change, after an override, and for notes signed since, once.
func refreshStaleFindings(ctx context.Context, tx *Tx, actor goldthread.Actor, s *reviewSetting, from, cond string, condArgs []any) error {
	stale, staleArgs := s.staleFindingsSQL()
	var ids []int64
	if err := scanAll(ctx, tx, "SELECT r.note_id"+from+"WHERE "+cond+" AND "+stale, append(append([]any{}, condArgs...), staleArgs...),
		func(r scanner) error {
			var id int64
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		}); err != nil {
		return fmt.Errorf("store.refreshStaleFindings: %w", err)
	}
	for _, id := range ids {
		n, err := loadNote(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		p, err := s.program(n.ProgramID)
		if err != nil {
			return err
		}
		overrides, err := findingOverrides(ctx, tx, id)
		if err != nil {
			return err
		}
		if !n.Narrative {
			continue // a reader without the narrative cannot judge its coach findings
		}
		lex, err := s.lexiconOf(ctx, tx, n.AgencyID, p)
		if err != nil {
			return err
		}
		findings, err := reviewFindings(ctx, tx, n, p.pack.ID, lex, overrides)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE note_review SET findings_ask = ?, findings_stamp = ? WHERE note_id = ?",
			findingsAsk(findings), p.stamp, id); err != nil {
			return fmt.Errorf("store.refreshStaleFindings: %w", err)
		}
	}
	return nil
}
