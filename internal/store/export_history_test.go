package store

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// HistoryFacts is what the compliance input of one note told the engine
// about its history, the rest of what it told the engine (Input, without
// the pack, holidays and history), and what the engine found.
type HistoryFacts struct {
	Notes    []rules.HistoryNote // by id
	Input    rules.Input
	Findings []rules.Finding
}

// BillingRunHistories walks the candidates of the program and period as a
// billing run does and builds each one's compliance input twice through
// noteCheckInput: with the history and facts the run read once (run) and
// with none, so the note reads its own (own).
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
				hb    *historyBatch
				facts *runFacts
				out   map[int64]HistoryFacts
			}{{s.history, s.facts, run}, {nil, nil, own}} {
				hist, err := historyNotes(ctx, tx, n, zone, way.hb)
				if err != nil {
					return err
				}
				slices.SortFunc(hist, func(a, b rules.HistoryNote) int { return strings.Compare(a.ID, b.ID) })
				in, _, err := noteCheckInput(ctx, tx, n, checkContext{pack: s.pack, lexicon: s.lexicon, history: way.hb, facts: way.facts})
				if err != nil {
					return err
				}
				facts := in
				facts.Pack, facts.Holidays, facts.History = nil, nil, nil
				way.out[n.ID] = HistoryFacts{Notes: hist, Input: facts, Findings: rules.Check(in)}
			}
			return nil
		}, func() error { return nil })
	})
	return run, own, err
}

// errScrubOnly rolls back ScrubCandidates' transaction.
var errScrubOnly = errors.New("scrub only")

// ScrubCandidates scrubs every candidate of the program and period as an
// export does (eachCandidate: the history and facts read once per
// participant, the pending units counted), in a transaction it rolls
// back, and returns how many services it scrubbed and how many were ready.
func ScrubCandidates(ctx context.Context, db *DB, actor goldthread.Actor, programID int64, from, to goldthread.Date) (services, ready int, err error) {
	err = db.WriteTx(ctx, func(tx *Tx) error {
		s, err := newScrubber(ctx, tx, actor, programID)
		if err != nil {
			return err
		}
		err = eachCandidate(ctx, tx, s, from, to, func(sc *scrubbed) error {
			services++
			if sc.svc.Ready() {
				ready++
			}
			return nil
		}, func() error { return nil })
		if err != nil {
			return err
		}
		return errScrubOnly
	})
	if errors.Is(err, errScrubOnly) {
		err = nil
	}
	return services, ready, err
}
