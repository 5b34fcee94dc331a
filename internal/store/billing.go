package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/goldthread/goldthread"
)

// Billing (issue 8) turns signed, billable service notes into claims. A
// note is a candidate in its program and period when it is signed,
// billable and not yet claimed; the scrubber (scrub.go) decides whether it
// is ready or what blocks it. Billing staff see codes, times, units,
// modifiers, places of service, diagnosis codes and amounts, never the
// narrative.

// noteBilled reports whether a claim that is not a void bills the note:
// then an addendum to it (AddAddendum, or an accepted amendment's
// correction) is flagged for claim review. It runs inside the caller's
// transaction.
func noteBilled(ctx context.Context, tx *Tx, noteID int64) (bool, error) {
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM claimed_service cs JOIN claim c ON c.id = cs.claim_id
		WHERE cs.note_id = ? AND c.frequency <> ?`, noteID, goldthread.FrequencyVoid).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store.noteBilled: %w", err)
	}
	return n > 0, nil
}

// maxBillingDays bounds a billing period.
const maxBillingDays = 366

// CheckBillingPeriod returns EINVALID naming "from" or "to" when the period
// is missing, reversed or longer than a year.
func CheckBillingPeriod(from, to goldthread.Date) error {
	switch {
	case from.IsZero():
		return goldthread.FieldError("from", "Give the first day of the period as YYYY-MM-DD.")
	case to.IsZero():
		return goldthread.FieldError("to", "Give the last day of the period as YYYY-MM-DD.")
	case to.Before(from.Time):
		return goldthread.FieldError("to", "The period ends before it starts; give a last day on or after %s.", from)
	case to.Sub(from.Time).Hours()/24 >= maxBillingDays:
		return goldthread.FieldError("to", "A billing period is at most a year; export a shorter period.")
	}
	return nil
}

// candidateParticipants returns up to limit participants, after the id
// after, with unclaimed signed billable notes of the program in the period,
// in id order (keyset pages, so memory does not grow with the data).
func candidateParticipants(ctx context.Context, tx *Tx, agencyID, programID int64, from, to goldthread.Date, after int64, limit int) ([]int64, error) {
	var ids []int64
	err := scanAll(ctx, tx, `SELECT DISTINCT n.participant_id FROM service_note n WHERE n.agency_id = ? AND n.program_id = ?
		AND n.status = ? AND n.billable = ? AND n.service_date >= ? AND n.service_date <= ? AND n.participant_id > ?
		AND NOT EXISTS (SELECT 1 FROM claimed_service cs WHERE cs.note_id = n.id)
		ORDER BY n.participant_id LIMIT `+strconv.Itoa(limit), []any{agencyID, programID, goldthread.NoteSigned, true, from, to, after},
		func(r scanner) error {
			var id int64
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		})
	return ids, err
}

// candidateNotes returns one participant's unclaimed signed billable notes
// of the program in the period in the agency (candidatesOf).
func candidateNotes(ctx context.Context, tx *Tx, agencyID, programID, participantID int64, from, to goldthread.Date) ([]goldthread.Note, error) {
	notes, err := candidatesOf(ctx, tx, agencyID, programID, []int64{participantID}, from, to)
	return notes[participantID], err
}

// candidatesOf returns the unclaimed signed billable notes of the
// participants pids in the program in the period in the agency, narrative
// and goal links included, each participant's by author, service date and
// start: two reads, whatever their number. A participant with none is
// absent.
func candidatesOf(ctx context.Context, tx *Tx, agencyID, programID int64, pids []int64, from, to goldthread.Date) (map[int64][]goldthread.Note, error) {
	out := map[int64][]goldthread.Note{}
	if len(pids) == 0 {
		return out, nil
	}
	in, args := idIn("n.participant_id", pids)
	cond := in + ` AND n.program_id = ? AND n.agency_id = ? AND n.status = ? AND n.billable = ?
		AND n.service_date >= ? AND n.service_date <= ? AND NOT EXISTS (SELECT 1 FROM claimed_service cs WHERE cs.note_id = n.id)`
	args = append(args, programID, agencyID, goldthread.NoteSigned, true, from, to)
	type place struct {
		participant int64
		i           int
	}
	at := map[int64]place{}
	err := scanAll(ctx, tx, `SELECT `+noteColumns+noteFrom+`WHERE `+cond+` ORDER BY n.participant_id, n.author_id, n.service_date, n.start_at, n.id`,
		args, func(r scanner) error {
			n, err := scanNote(r, true)
			at[n.ID] = place{n.ParticipantID, len(out[n.ParticipantID])}
			out[n.ParticipantID] = append(out[n.ParticipantID], n)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store.candidateNotes: %w", err)
	}
	err = scanAll(ctx, tx, `SELECT g.note_id, g.goal_id, COALESCE(g.intervention_id, 0) FROM note_goal g
		WHERE g.note_id IN (SELECT n.id FROM service_note n WHERE `+cond+`) ORDER BY g.note_id, g.position`, args, func(r scanner) error {
		var id int64
		var g goldthread.NoteGoal
		if err := r.Scan(&id, &g.GoalID, &g.InterventionID); err != nil {
			return err
		}
		if p, ok := at[id]; ok {
			notes := out[p.participant]
			notes[p.i].Goals = append(notes[p.i].Goals, g)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store.candidateNotes: %w", err)
	}
	return out, nil
}

// eachCandidate scrubs every candidate of the program and period in
// participant order and calls fn with each; done is called after each
// participant's services. The scrubber counts a ready service's units as
// used for the services after it, and reads the history of each
// participant once for all their services.
func eachCandidate(ctx context.Context, tx *Tx, s *scrubber, from, to goldthread.Date,
	fn func(sc *scrubbed) error, done func() error) error {
	var after int64
	s.startRun(from, to)
	for {
		people, err := candidateParticipants(ctx, tx, s.agency.ID, s.program.ID, from, to, after, 200)
		if err != nil {
			return err
		}
		for _, pid := range people {
			if err := scrubParticipant(ctx, tx, s, from, to, pid, fn); err != nil {
				return err
			}
			if err := done(); err != nil {
				return err
			}
			if tx.db.afterParticipant != nil {
				tx.db.afterParticipant()
			}
			after = pid
		}
		if len(people) < 200 {
			return nil
		}
	}
}

// BillableServices is the billing worklist of a program and period: every
// unclaimed signed billable service, ready or blocked, with the blocked
// ones grouped by rule (most frequent first) with who must act. The ready
// ones are exactly what an export of the same period would claim now, and
// Placeholders what its file would carry (as CreateClaimBatch names them).
// Billing staff, administrators and auditors may read it; the read is
// audited. Returns EINVALID on from/to, ENOTFOUND for a program outside
// the agency.
func (db *DB) BillableServices(ctx context.Context, actor goldthread.Actor, programID int64, from, to goldthread.Date) (goldthread.BillingWorklist, error) {
	return db.BillableServicesPage(ctx, actor, programID, from, to, WorklistPage{})
}
