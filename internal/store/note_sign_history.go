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
// changed: when the count read in the write transaction equals the one
// read before the history, the history read then is the history now.
type signedHistory struct {
	note   goldthread.Note     // the draft as it was read
	signed int64               // signed notes of the author or the participant, read first
	notes  []rules.HistoryNote // historyList of the draft, read after
}

// readSignedHistory reads draft n's history for a signature to come. The
// count is read before the notes, so on an engine whose statements each see
// the latest commits (PostgreSQL, read committed) a note signed in between
// can only make the write transaction re-read, never be missed.
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

// signedAround counts the signed notes of n's author or participant.
func signedAround(ctx context.Context, tx *Tx, n goldthread.Note) (int64, error) {
	var count int64
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM service_note WHERE status = ? AND (author_id = ? OR participant_id = ?)",
		goldthread.NoteSigned, n.AuthorID, n.ParticipantID).Scan(&count); err != nil {
		return 0, fmt.Errorf("store.signedAround: %w", err)
	}
	return count, nil
}
