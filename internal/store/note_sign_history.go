package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// signedHistory is a draft's history (the signed notes it is compared with
// for overlaps and copies) read before the signature's write transaction,
// so the write transaction, which holds the one writer, does not spend its
// time reading and decoding up to 200 past notes.
//
// The history is a function of the draft's id, author, participant and
// times and of the set of signed notes of that author or participant. A
// signed note never changes and is never deleted (the schema's triggers on
// both engines), so that set only grows, and its size tells whether it
// changed: when the counts read in the write transaction equal those read
// before the history, the history read then is the history now.
type signedHistory struct {
	note   goldthread.Note     // the draft as it was read
	signed signedCounts        // signed notes of the author and of the participant, read first
	notes  []rules.HistoryNote // historyList of the draft, read after
}

// signedCounts are the numbers of signed notes of a draft's author and of
// its participant, counted apart. Each set only grows, so the two counts
// are unchanged exactly when both sets are, and then so is their union,
// the notes a history is drawn from. Apart, each is counted from an index
// alone (service_note_author, service_note_participant_signed, migration
// 0197); the union's count had to find and drop the notes on both sides.
type signedCounts struct{ author, participant int64 }

// readSignedHistory reads draft n's history for a signature to come. The
// counts are read before the notes, so on an engine whose statements each
// see the latest commits (PostgreSQL, read committed) a note signed in
// between can only make the write transaction re-read, never be missed.
func readSignedHistory(ctx context.Context, tx *Tx, n goldthread.Note) (*signedHistory, error) {
	count, err := signedAround(ctx, tx, n)
	if err != nil {
		return nil, err
	}
	notes, err := historyList(ctx, tx, n, nil)
	if err != nil {
		return nil, err
	}
	return &signedHistory{note: n, signed: count, notes: notes}, nil
}

// fits tells whether h is still draft n's history: the same draft at the
// same version and times, and no note of its author or participant signed
// since h was read. A nil h never fits.
func (h *signedHistory) fits(ctx context.Context, tx *Tx, n goldthread.Note) (bool, error) {
	if h == nil {
		return false, nil
	}
	was := h.note
	if was.ID != n.ID || was.Version != n.Version || !was.Updated.Equal(n.Updated) || was.AuthorID != n.AuthorID ||
		was.ParticipantID != n.ParticipantID || !was.Start.Equal(n.Start) || !was.End.Equal(n.End) {
		return false, nil
	}
	count, err := signedAround(ctx, tx, n)
	return count == h.signed, err
}

// signedAroundSQL counts a draft's author's and participant's signed
// notes, each from an index alone.
const signedAroundSQL = `SELECT (SELECT COUNT(*) FROM service_note WHERE author_id = ? AND status = ?),
	(SELECT COUNT(*) FROM service_note WHERE participant_id = ? AND status = ?)`

// signedAround counts the signed notes of n's author and of n's
// participant, in one statement (one snapshot on either engine).
func signedAround(ctx context.Context, tx *Tx, n goldthread.Note) (signedCounts, error) {
	var c signedCounts
	if err := tx.QueryRow(ctx, signedAroundSQL, n.AuthorID, goldthread.NoteSigned, n.ParticipantID, goldthread.NoteSigned).Scan(&c.author, &c.participant); err != nil {
		return signedCounts{}, fmt.Errorf("store.signedAround: %w", err)
	}
	return c, nil
}
