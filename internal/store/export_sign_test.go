package store

import (
	"context"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// SignNoteWithGap is SignNote with between run after the draft's history
// is read and before the write transaction begins.
func SignNoteWithGap(ctx context.Context, db *DB, actor goldthread.Actor, id int64, in SignNoteInput, between func()) (goldthread.Note, []rules.Finding, error) {
	return db.signNote(ctx, actor, id, in, between)
}

// ForgetTextSignatures empties db's kept text signatures, as in a process
// just started.
func ForgetTextSignatures(db *DB) { db.textSigs.forget() }
