package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// A claim batch takes each participant's services from their stored run
// of the period when it is fresh (issue 20: scrubbing a year of services
// again for the file was most of an export's time), and scrubs the others
// itself. A stored run is what scrubParticipant said of the participant's
// services at versions that are still the current ones, so it is what
// scrubbing them again in the batch would say (TestStoredVerdictsFollowEveryInput
// keeps the versions honest).

// claimBatchServices calls ready with each ready service of the program
// and period, in the order and with the units eachCandidate scrubs them
// (participant by participant, in id order), and done after each
// participant; it returns how many are blocked. A participant whose stored
// run is fresh at st gives its stored verdicts (none when the run is
// empty: they have no candidate); the others are scrubbed here. It reads
// the agency's participants a page at a time with their runs, not the
// period's notes: finding the next participants with candidates in the
// notes read every note of the period again for each page. The stored
// services of consecutive fresh runs of a page are read together, about
// storedGroupServices at a time (storedReady), not a statement a
// participant.
//
// st must be read before the batch writes anything. The batch's own claims
// move the versions of the participants it has passed (of no concern: it
// never comes back to them), not of their services' authors (migration
// 0200): nothing a verdict reads of its author depends on claims (the
// claims a scrub reads are its own participant's: their units billed,
// their authorizations' units used). The agency's version is judged at st
// too, as the scrubber's settings and rates were read then. A
// participant's own version is read with their page, so a change
// committed by another transaction meanwhile (PostgreSQL) is scrubbed, as
// inline scrubbing would have read it.
func claimBatchServices(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, from, to goldthread.Date,
	ready func(sc *scrubbed) error, done func() error) (int, error) {
	blocked := 0
	var after int64
	s.startRun(from, to)
	for {
		page, err := periodRuns(ctx, tx, s, from, to, after, tx.db.runChunk())
		if err != nil {
			return blocked, err
		}
		fresh := make([]bool, len(page))
		for i, r := range page {
			fresh[i] = r.fresh(st, tx.now)
		}
		var group map[int64]*storedRun // the stored runs of page[:end] not yet used
		end := 0
		for i, r := range page {
			after = r.participant
			if fresh[i] && r.services == 0 {
				continue
			}
			var stored *storedRun
			if fresh[i] {
				if i >= end {
					end = storedGroupEnd(page, fresh, i)
					if group, err = storedReady(ctx, tx, s, from, to, page[i:end], fresh[i:end]); err != nil {
						return blocked, err
					}
				}
				stored = group[r.participant]
				delete(group, r.participant)
			}
			if stored.usable() {
				blocked += stored.blocked
				for k := range stored.ready {
					if err := ready(&stored.ready[k]); err != nil {
						return blocked, err
					}
				}
			} else {
				seen := false
				err := scrubParticipant(ctx, tx, s, from, to, r.participant, func(sc *scrubbed) error {
					if !seen && tx.db.batchScrubs != nil {
						tx.db.batchScrubs(r.participant)
					}
					seen = true
					if !sc.svc.Ready() {
						blocked++
						return nil
					}
					return ready(sc)
				})
				if err != nil {
					return blocked, err
				}
				if !seen {
					continue // no candidate
				}
			}
			if err := done(); err != nil {
				return blocked, err
			}
			if tx.db.afterParticipant != nil {
				tx.db.afterParticipant()
			}
		}
		if len(page) < tx.db.runChunk() {
			return blocked, nil
		}
	}
}

// storedGroupServices is about how many stored services a claim batch
// reads in one statement: the runs of consecutive participants of a page,
// so a participant costs no statement of its own (a round trip each on
// PostgreSQL) and memory stays bounded whatever the page.
const storedGroupServices = 1000

// storedGroupEnd is where the group of runs read with page[i] ends: after
// the participants whose stored services, with page[i]'s, stay within
// storedGroupServices (page[i] alone when it has more), stopping before a
// fresh run without services (nothing to read: the batch skips it).
func storedGroupEnd(page []periodRun, fresh []bool, i int) int {
	n := page[i].services
	j := i + 1
	for ; j < len(page); j++ {
		if fresh[j] && page[j].services == 0 || n+page[j].services > storedGroupServices {
			break
		}
		n += page[j].services
	}
	return j
}

// storedRun is what a claim batch takes from a participant's fresh stored
// run: its ready services in the run's order, as a claim takes them, and
// how many are blocked.
type storedRun struct {
	ready   []scrubbed
	blocked int
	// unusable: a ready verdict keeps no claim of this layout, or its
	// placeholder rate is not the program's.
	unusable bool
}

// usable reports whether the batch claims from r: a fresh run of a
// participant with candidates has services, each ready one with its
// claim.
func (r *storedRun) usable() bool {
	return r != nil && !r.unusable && len(r.ready)+r.blocked > 0
}

// storedReady reads, in one statement, the stored runs of the period of
// the participants of runs (consecutive in a page; fresh tells which runs
// are fresh): of each fresh run, its services as a claim takes them (the
// verdict's columns and its claim, never the service's JSON). The rows of
// the others in the range are passed over. A participant missing from the
// answer, or whose run is not usable, is scrubbed by the caller instead.
func storedReady(ctx context.Context, tx *Tx, s *scrubber, from, to goldthread.Date, runs []periodRun, fresh []bool) (map[int64]*storedRun, error) {
	out := make(map[int64]*storedRun, len(runs))
	for i, r := range runs {
		if fresh[i] {
			out[r.participant] = &storedRun{ready: make([]scrubbed, 0, r.services)}
		}
	}
	err := scanAll(ctx, tx, `SELECT participant_id, ready, rate_key, note_id, author_id, service_date, units, charge_cents, claim FROM billing_verdict
		WHERE program_id = ? AND period_from = ? AND period_to = ? AND participant_id >= ? AND participant_id <= ?
		ORDER BY participant_id, position`,
		[]any{s.program.ID, from, to, runs[0].participant, runs[len(runs)-1].participant}, func(r scanner) error {
			var pid int64
			var ready bool
			var key, claim string
			var sc scrubbed
			v := &sc.svc
			if err := r.Scan(&pid, &ready, &key, &v.NoteID, &v.AuthorID, &v.ServiceDate, &v.Units, &v.ChargeCents, &claim); err != nil {
				return err
			}
			run := out[pid]
			switch {
			case run == nil || run.unusable:
				return nil
			case !ready:
				run.blocked++
				return nil
			}
			v.ProgramID, v.ParticipantID = s.program.ID, pid
			if decodeVerdictClaim(claim, &sc) != nil {
				run.unusable = true
				return nil
			}
			if key != "" {
				var ok bool
				if sc.rate, ok = s.placeholderRate(key); !ok {
					run.unusable = true
					return nil
				}
			}
			run.ready = append(run.ready, sc)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store.storedReady: %w", err)
	}
	return out, nil
}
