package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/goldthread/goldthread"
)

// Supervisor review: Luis has approved his team's older signed notes in
// Monday batches and leaves the newest reviewQueueSize waiting in his
// queue (journey 3). One of Dana's notes is returned with a comment and
// Dana's reply, so her Today page shows "Returned by your supervisor".

// reviewQueueSize is how many signed notes stay in Luis's queue.
const reviewQueueSize = 23

func (l *loader) loadReview(ctx context.Context) error {
	saved := l.db.Now
	defer func() { l.db.Now = saved }()
	morning := l.clock(l.today, 8, 0)
	l.db.Now = func() time.Time { return morning }
	luis := goldthread.Actor{UserID: l.staff["luis"], AgencyID: l.sys.AgencyID, Name: "Luis Moreno", Roles: []goldthread.Role{goldthread.RoleSupervisor}}
	q, err := l.db.ReviewQueue(ctx, luis)
	if err != nil {
		return fmt.Errorf("review: %w", err)
	}
	waiting := q.Awaiting
	if len(waiting) > reviewQueueSize {
		if err := l.approveInBatches(ctx, luis, waiting[:len(waiting)-reviewQueueSize], morning); err != nil {
			return err
		}
		waiting = waiting[len(waiting)-reviewQueueSize:]
	}
	dana := l.staff["dana"]
	i := slices.IndexFunc(waiting, func(it goldthread.ReviewItem) bool { return it.Note.AuthorID == dana })
	if i < 0 {
		return nil
	}
	n := waiting[i].Note
	at := n.Signature.Signed.Add(20 * time.Hour)
	if at.After(morning) {
		at = morning
	}
	l.db.Now = func() time.Time { return at }
	if _, err := l.db.ReturnNote(ctx, luis, n.ID, "Which goal did this visit serve? Please add an addendum naming the goal and what the participant said about it."); err != nil {
		return fmt.Errorf("review: return note %d: %w", n.ID, err)
	}
	l.db.Now = func() time.Time { return at.Add(90 * time.Minute) }
	peer := goldthread.Actor{UserID: dana, AgencyID: l.sys.AgencyID, Name: "Dana Whitfield", Roles: []goldthread.Role{goldthread.RolePeer}}
	if _, err := l.db.CommentOnNote(ctx, peer, n.ID, "Thanks, I will add it after my visits today."); err != nil {
		return fmt.Errorf("review: reply on note %d: %w", n.ID, err)
	}
	return nil
}

// approveInBatches approves notes the Monday after each was signed (or
// last amended), one batch (one re-authentication) per Monday, never after
// latest.
func (l *loader) approveInBatches(ctx context.Context, luis goldthread.Actor, items []goldthread.ReviewItem, latest time.Time) error {
	batches := map[time.Time][]int64{}
	for _, it := range items {
		last := it.Note.Signature.Signed
		for _, a := range it.Note.Addenda {
			if a.Signed.After(last) {
				last = a.Signed
			}
		}
		day := goldthread.DateIn(last, l.zone)
		ahead := (8 - int(day.Weekday())) % 7
		if ahead == 0 {
			ahead = 7
		}
		monday := l.clock(goldthread.DateOf(day.AddDate(0, 0, ahead)), 9, 0)
		if monday.After(latest) {
			monday = latest
		}
		batches[monday] = append(batches[monday], it.Note.ID)
	}
	keys := make([]time.Time, 0, len(batches))
	for k := range batches {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b time.Time) int { return a.Compare(b) })
	for _, k := range keys {
		l.db.Now = func() time.Time { return k }
		if _, err := l.db.ApproveNotes(ctx, luis, batches[k], Password); err != nil {
			return fmt.Errorf("review: approve batch of %s: %w", k.Format(time.DateOnly), err)
		}
	}
	return nil
}
