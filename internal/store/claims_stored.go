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
// notes read every note of the period again for each page.
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
		for _, r := range page {
			after = r.participant
			fresh := r.fresh(st, tx.now)
			if fresh && r.services == 0 {
				continue
			}
			var stored []scrubbed
			n, ok := 0, false
			if fresh {
				if stored, n, ok, err = storedReady(ctx, tx, s, from, to, r.participant); err != nil {
					return blocked, err
				}
			}
			if ok {
				blocked += n
				for i := range stored {
					if err := ready(&stored[i]); err != nil {
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

// storedReady reads participant pid's fresh run of the period: its ready
// services in the run's order, as a claim takes them (the verdict's
// columns and its claim, never the service's JSON), and how many are
// blocked. Not ok when the run has no service (a fresh run of a
// participant with candidates has some), when a ready verdict keeps no
// claim of this layout or its placeholder rate is not the program's: the
// caller scrubs the participant instead.
func storedReady(ctx context.Context, tx *Tx, s *scrubber, from, to goldthread.Date, pid int64) ([]scrubbed, int, bool, error) {
	var out []scrubbed
	blocked := 0
	usable := true
	err := scanAll(ctx, tx, `SELECT ready, rate_key, note_id, author_id, service_date, units, charge_cents, claim FROM billing_verdict
		WHERE program_id = ? AND period_from = ? AND period_to = ? AND participant_id = ? ORDER BY position`,
		[]any{s.program.ID, from, to, pid}, func(r scanner) error {
			var ready bool
			var key, claim string
			sc := scrubbed{svc: goldthread.BillableService{ProgramID: s.program.ID, ParticipantID: pid}}
			v := &sc.svc
			if err := r.Scan(&ready, &key, &v.NoteID, &v.AuthorID, &v.ServiceDate, &v.Units, &v.ChargeCents, &claim); err != nil {
				return err
			}
			if !ready {
				blocked++
				return nil
			}
			if decodeVerdictClaim(claim, &sc) != nil {
				usable = false
				return nil
			}
			if key != "" {
				var ok bool
				if sc.rate, ok = s.placeholderRate(key); !ok {
					usable = false
				}
			}
			out = append(out, sc)
			return nil
		})
	if err != nil {
		return nil, 0, false, fmt.Errorf("store.storedReady: %w", err)
	}
	if !usable || len(out)+blocked == 0 {
		return nil, 0, false, nil
	}
	return out, blocked, true, nil
}
