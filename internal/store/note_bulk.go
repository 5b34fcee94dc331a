package store

import (
	"context"
	"fmt"
	"time"

	"github.com/goldthread/goldthread"
)

// AuthoredNote is one note of a bulk load, the person who wrote it and
// when they signed it.
type AuthoredNote struct {
	Author goldthread.Actor
	Note   NoteInput
	// At is when the author wrote and signed the note: the time of its
	// rows and audit events and the "now" its checks see (deadlines,
	// future services), as if it had its own transaction then. Zero: the
	// transaction's time.
	At time.Time
}

// SignedNotesInBulk writes notes already re-authenticated by whoever loads
// them and signs each as its author, all in one write transaction; it is
// a NoteLoad of one batch (see NoteLoad.Sign for what is written and
// checked).
func (db *DB) SignedNotesInBulk(ctx context.Context, notes []AuthoredNote, attestation string) ([]int64, error) {
	return db.NewNoteLoad(attestation).Sign(ctx, notes)
}

// NoteLoad writes signed notes in bulk for `goldthread seed`, batch after
// batch, keeping in memory the history the signing checks compare each
// note with (the signed notes of its author and participant), so that a
// note's checks do not read back from the database the notes the load
// itself just wrote. The history goes to the one compliance-input builder
// the app uses, as a billing run hands it the history it read once; what
// the load carries is what a read would give (TestNoteLoadCarriesWhatTheDatabaseHolds).
//
// A load is used by one goroutine at a time. Loads running side by side
// (parallel writers on PostgreSQL) must write disjoint authors and
// participants: each one's memory knows only its own notes.
type NoteLoad struct {
	db          *DB
	attestation string
	history     *historyBatch
	// Verify, for tests and `seed --verify`, also reads each note's
	// history from the database, in the same transaction, and refuses
	// the batch (EINTERNAL) when the carried one differs.
	Verify bool
}

// loadWindow bounds the carried notes' start times: every note a load can
// be asked to sign, so that the carried history always covers the note
// and is never replaced by a read around it (historyBatch.covers).
var loadWindow = [2]goldthread.Date{goldthread.NewDate(1900, 1, 1), goldthread.NewDate(2999, 12, 30)}

// NewNoteLoad starts a bulk load whose notes all confirm attestation.
func (db *DB) NewNoteLoad(attestation string) *NoteLoad {
	return &NoteLoad{db: db, attestation: attestation, history: newHistoryBatch(loadWindow[0], loadWindow[1])}
}

// Forget drops the carried history (a seed moving on to another peer's
// caseload), so memory stays bounded by what is written together; a side
// needed again is read from the database.
func (l *NoteLoad) Forget() {
	clear(l.history.around)
	clear(l.history.newest)
}

// Sign writes notes in one write transaction and signs each as its
// author: a draft, its goal links, its "create" audit event, then the
// same checks as SignNote (times, enrolment, deadline, goal links, coach
// blocks, the compliance engine through noteCheckInput), signature row,
// stored text signature, lock and "sign" audit event. Nothing is skipped
// but the password check: the operator running the load stands in for
// each author's re-authentication, and the web layer never calls this.
//
// Every note must be the author's own (peer or supervisor) and pass
// signing; the first that does not rolls the whole batch back (and the
// carried history with it) and its error names its position.
func (l *NoteLoad) Sign(ctx context.Context, notes []AuthoredNote) ([]int64, error) {
	for _, n := range notes {
		if !n.Author.Has(goldthread.RolePeer) && !n.Author.Has(goldthread.RoleSupervisor) {
			return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only peer specialists and supervisors write service notes.")
		}
	}
	if l.attestation == "" {
		return nil, goldthread.FieldError("attest", "Confirm the attestation to sign.")
	}
	ids := make([]int64, 0, len(notes))
	attempts := 0
	err := l.db.WriteTx(ctx, func(tx *Tx) error {
		if attempts++; attempts > 1 {
			ids = ids[:0]
			l.Forget() // the attempt before may have carried notes it never wrote
		}
		committed := tx.now
		defer func() { tx.now = committed }()
		for i, n := range notes {
			tx.now = committed
			if !n.At.IsZero() {
				// As db.now: stored times are UTC, so a time compared as text
				// (SQLite) orders as the instant it is.
				tx.now = n.At.UTC().Truncate(time.Microsecond)
			}
			id, err := l.sign(ctx, tx, n)
			if err != nil {
				return fmt.Errorf("note %d: %w", i+1, err)
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		l.Forget()
		return nil, err
	}
	return ids, nil
}

// sign writes and signs one note of a batch and carries it.
func (l *NoteLoad) sign(ctx context.Context, tx *Tx, n AuthoredNote) (int64, error) {
	author, in := n.Author, n.Note
	pack, err := noteProgram(ctx, tx, author, in.ParticipantID, in.ProgramID)
	if err != nil {
		return 0, err
	}
	if err := in.ValidateDraft(packCategories(pack)); err != nil {
		return 0, err
	}
	id, err := insertDraftTx(ctx, tx, author, in, pack, 0)
	if err != nil {
		return 0, err
	}
	if err := tx.Audit(ctx, auditFor(author, goldthread.ActionCreate, "note", id, in.ParticipantID)); err != nil {
		return 0, err
	}
	if l.Verify {
		if err := l.verify(ctx, tx, author, id); err != nil {
			return 0, err
		}
	}
	signed, _, err := signNoteTx(ctx, tx, author, id, SignNoteInput{Attestation: l.attestation, LateEntryReason: in.LateEntryReason}, nil, l.history)
	if err != nil {
		return 0, err
	}
	l.history.carry(signed)
	return id, nil
}
