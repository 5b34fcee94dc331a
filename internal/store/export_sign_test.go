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

// ForgetTextSignatures empties db's kept text signatures and history
// rows, as in a process just started.
func ForgetTextSignatures(db *DB) {
	db.textSigs.forget()
	db.historyRows.forget()
}

// RecentHistory is recentOf for note id as actor reads it, in a read
// transaction or, with write, in a write transaction.
func RecentHistory(ctx context.Context, db *DB, actor goldthread.Actor, id int64, write bool) ([]rules.HistoryNote, error) {
	var out []rules.HistoryNote
	run := db.ReadTx
	if write {
		run = db.WriteTx
	}
	err := run(ctx, func(tx *Tx) error {
		n, err := loadNote(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		out, err = recentOf(ctx, tx, n)
		return err
	})
	return out, err
}

// KeptHistoryRow is the history row db keeps for signed note id, if any.
func KeptHistoryRow(db *DB, id int64) (rules.HistoryNote, bool) { return db.historyRows.get(id) }

// KeepHistoryRow makes db keep h as signed note id's history row.
func KeepHistoryRow(db *DB, id int64, h rules.HistoryNote) { db.historyRows.put(id, h) }

// SignatureHistorySQL are the statements a signature reads its draft's
// history with, by name: the counts, the overlaps, the recent notes' ids.
var SignatureHistorySQL = map[string]string{"signedAround": signedAroundSQL, "overlapsOf": overlapsSQL, "recentOf": recentIDsSQL}
