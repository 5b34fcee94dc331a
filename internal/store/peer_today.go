package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// DefaultNoContactDays is when Today starts naming a participant not seen:
// two weeks without a documented service.
const DefaultNoContactDays = 14

// PeerToday gathers what a peer's Today counts, on the agency's calendar:
// the actor's services dated today (signed or still drafts), their next
// planned visits (from an hour ago, with participants still in reach), and
// the participants on their own active caseload whose last documented
// service (a signed note or a draft, by anyone) is noContactDays or more
// days old, or who have none. Peers and supervisors (for their own
// caseload); others EFORBIDDEN. One audit event records the read with the
// counts, never names.
func (db *DB) PeerToday(ctx context.Context, actor goldthread.Actor, noContactDays int) (goldthread.PeerToday, error) {
	if !goldthread.CanPlanVisits(actor) {
		return goldthread.PeerToday{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only peer specialists and supervisors have a caseload day.")
	}
	if noContactDays <= 0 {
		noContactDays = DefaultNoContactDays
	}
	out := goldthread.PeerToday{NoContactDays: noContactDays}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		if out.Today, err = agencyToday(ctx, tx, actor.AgencyID); err != nil {
			return err
		}
		if out.Services, err = servicesToday(ctx, tx, actor, out.Today); err != nil {
			return err
		}
		scope, args := participantScope(actor)
		if out.Visits, err = visitsWhere(ctx, tx, "v.agency_id = ? AND v.peer_id = ? AND v.cancelled_at IS NULL AND v.starts_at >= ? AND "+scope,
			append([]any{actor.AgencyID, actor.UserID, tx.now.Add(-time.Hour)}, args...)...); err != nil {
			return err
		}
		if out.NoContact, err = noContact(ctx, tx, actor, out.Today, noContactDays); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionList, "peer_today", 0, 0)
		ev.Detail = fmt.Sprintf("services=%d visits=%d no_contact=%d", len(out.Services), len(out.Visits), len(out.NoContact))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

func servicesToday(ctx context.Context, tx *Tx, actor goldthread.Actor, today goldthread.Date) ([]goldthread.ServiceToday, error) {
	rows, err := tx.Query(ctx, `SELECT n.id, p.first_name, p.preferred_name, p.last_name, n.start_at, n.end_at, n.status
		FROM service_note n JOIN participant p ON p.id = n.participant_id AND p.agency_id = n.agency_id
		WHERE n.agency_id = ? AND n.author_id = ? AND n.service_date = ? ORDER BY n.start_at, n.id LIMIT 100`,
		actor.AgencyID, actor.UserID, today)
	if err != nil {
		return nil, fmt.Errorf("store.PeerToday: %w", err)
	}
	defer rows.Close()
	var out []goldthread.ServiceToday
	for rows.Next() {
		var s goldthread.ServiceToday
		var first, preferred, last, status string
		var start, end sql.NullTime
		if err := rows.Scan(&s.NoteID, &first, &preferred, &last, &start, &end, &status); err != nil {
			return nil, fmt.Errorf("store.PeerToday: %w", err)
		}
		s.ParticipantName = goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()
		s.Start, s.Signed = start.Time.UTC(), status == goldthread.NoteSigned
		if start.Valid && end.Valid {
			s.Minutes = int(end.Time.Sub(start.Time).Minutes())
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// noContact lists the actor's own active caseload members whose newest
// documented service is days or more before today, longest first (never
// seen first of all).
func noContact(ctx context.Context, tx *Tx, actor goldthread.Actor, today goldthread.Date, days int) ([]goldthread.NoContact, error) {
	rows, err := tx.Query(ctx, `SELECT p.id, p.first_name, p.preferred_name, p.last_name,
		(SELECT MAX(n.service_date) FROM service_note n WHERE n.participant_id = p.id AND n.agency_id = p.agency_id AND n.service_date <= ?)
		FROM caseload c JOIN participant p ON p.id = c.participant_id
		WHERE c.peer_id = ? AND c.end_date IS NULL AND p.agency_id = ?`, today, actor.UserID, actor.AgencyID)
	if err != nil {
		return nil, fmt.Errorf("store.PeerToday: %w", err)
	}
	defer rows.Close()
	var out []goldthread.NoContact
	for rows.Next() {
		var c goldthread.NoContact
		var first, preferred, last string
		var lastSeen goldthread.Date
		if err := rows.Scan(&c.ParticipantID, &first, &preferred, &last, &lastSeen); err != nil {
			return nil, fmt.Errorf("store.PeerToday: %w", err)
		}
		c.Name = goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()
		c.Days = -1
		if !lastSeen.IsZero() {
			c.Last = lastSeen
			c.Days = int(today.Sub(c.Last.Time).Hours() / 24)
			if c.Days < days {
				continue
			}
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sortNoContact(out)
	return out, nil
}

func sortNoContact(list []goldthread.NoContact) {
	key := func(c goldthread.NoContact) int {
		if c.Days < 0 {
			return math.MaxInt
		}
		return c.Days
	}
	slices.SortFunc(list, func(a, b goldthread.NoContact) int {
		if c := cmp.Compare(key(b), key(a)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
}
