package store

import (
	"context"
	"slices"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// HistoryFacts is what the compliance input of one note told the engine
// about its history, and what the engine found.
type HistoryFacts struct {
	Notes    []rules.HistoryNote // by id
	Findings []rules.Finding
}

// BillingRunHistories walks the candidates of the program and period as a
// billing run does and builds each one's compliance input twice through
// noteCheckInput: with the history the run read once (run) and with none,
// so the note reads its own (own).
func BillingRunHistories(ctx context.Context, db *DB, actor goldthread.Actor, programID int64, from, to goldthread.Date) (run, own map[int64]HistoryFacts, err error) {
	run, own = map[int64]HistoryFacts{}, map[int64]HistoryFacts{}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		s, err := newScrubber(ctx, tx, actor, programID)
		if err != nil {
			return err
		}
		return eachCandidate(ctx, tx, s, from, to, func(sc *scrubbed) error {
			n, err := scanNote(tx.QueryRow(ctx, "SELECT "+noteColumns+noteFrom+"WHERE n.id = ?", sc.svc.NoteID), true)
			if err != nil {
				return err
			}
			if n.Goals, err = noteGoals(ctx, tx, n.ID); err != nil {
				return err
			}
			zone, err := programZone(ctx, tx, n.AgencyID, n.ProgramID)
			if err != nil {
				return err
			}
			for _, way := range []struct {
				hb  *historyBatch
				out map[int64]HistoryFacts
			}{{s.history, run}, {nil, own}} {
				hist, err := historyNotes(ctx, tx, n, zone, way.hb)
				if err != nil {
					return err
				}
				slices.SortFunc(hist, func(a, b rules.HistoryNote) int { return strings.Compare(a.ID, b.ID) })
				in, _, err := noteCheckInput(ctx, tx, n, checkContext{pack: s.pack, lexicon: s.lexicon, history: way.hb})
				if err != nil {
					return err
				}
				way.out[n.ID] = HistoryFacts{Notes: hist, Findings: rules.Check(in)}
			}
			return nil
		}, func() error { return nil })
	})
	return run, own, err
}
