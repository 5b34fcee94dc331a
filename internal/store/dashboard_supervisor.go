package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// QueueAgeBands are the review queue's age bands in days: under a day, 1–2,
// 3–6, a week or more.
var QueueAgeBands = []goldthread.AgeBucket{{From: 0, To: 0}, {From: 1, To: 2}, {From: 3, To: 6}, {From: 7, To: -1}}

// SupervisorReport is the supervisor's dashboard for the period and filter
// of f: notes with a deadline counted on time, late or pending by the week
// of their service date and by peer; the review queue by age since
// signing; how often each coach rule fired per peer (CoachingReport since
// f.From); and each peer's caseload against the effective limit, credential
// and supervision (TeamOverview). A supervisor sees the peers they
// supervise, an administrator every author of the agency; others
// EFORBIDDEN. f.StaffID and f.ProgramID narrow; a staff member outside the
// team yields empty figures. EINVALID names from or to for a bad period.
//
// The deadline is the note's own due_at, computed when the draft was
// saved from the program's effective rule pack (the pack with the
// agency's overrides, business days on the agency's clock), so a later
// override does not rewrite history. Counts only leave the store: no
// participant is named, and the read is audited as a list.
func (db *DB) SupervisorReport(ctx context.Context, actor goldthread.Actor, f goldthread.ReportFilter) (goldthread.SupervisorReport, error) {
	rep := goldthread.SupervisorReport{Filter: f}
	admin := actor.Has(goldthread.RoleAdministrator)
	if !goldthread.CanReadTeamDashboard(actor) {
		return rep, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors and administrators see the team's dashboard.")
	}
	if err := f.Validate(); err != nil {
		return rep, err
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		if rep.Weeks, rep.Peers, err = timeliness(ctx, tx, actor, admin, f); err != nil {
			return err
		}
		rep.Queue = slices.Clone(QueueAgeBands)
		if actor.Has(goldthread.RoleSupervisor) {
			if err := queueAges(ctx, tx, actor, f, rep.Queue); err != nil {
				return err
			}
		}
		ev := auditFor(actor, goldthread.ActionList, "supervisor_dashboard", 0, 0)
		ev.Detail = fmt.Sprintf("from=%s to=%s program=%d staff=%d", f.From, f.To, f.ProgramID, f.StaffID)
		return tx.Audit(ctx, ev)
	})
	if err != nil {
		return rep, err
	}
	if rep.Coaching, err = db.CoachingReport(ctx, actor, f.From.Time); err != nil {
		return rep, err
	}
	if f.StaffID != 0 {
		rep.Coaching.Peers = slices.DeleteFunc(rep.Coaching.Peers, func(p goldthread.CoachingPeer) bool { return p.PeerID != f.StaffID })
	}
	if rep.Team, err = db.TeamOverview(ctx, actor); err != nil {
		return rep, err
	}
	if f.StaffID != 0 {
		rep.Team = slices.DeleteFunc(rep.Team, func(m goldthread.TeamMember) bool { return m.Staff.ID != f.StaffID })
	}
	return rep, nil
}

// teamAgency follows "n.agency_id" in a dashboard read of a supervisor's
// team: " + 0", so that SQLite, which keeps no statistics, reads the
// team's notes through the author indexes (migration 0160) instead of
// walking the agency's index of every note (2.6 s for the team dashboard
// at 100k notes); an administrator's read of the whole agency keeps the
// agency's index.
func teamAgency(admin bool) string {
	if admin {
		return ""
	}
	return " + 0"
}

// countAge adds one item of age days (and cents) to its band.
func countAge(bands []goldthread.AgeBucket, days int, cents int64) {
	for i := range bands {
		if days >= bands[i].From && (bands[i].To < 0 || days <= bands[i].To) {
			bands[i].Count++
			bands[i].Cents += cents
			return
		}
	}
}

// timeliness counts, in SQL by author and service date, the notes with a
// deadline in the period, then sums them by week and by peer. A note
// still unsigned past its deadline is late; unsigned before it, pending.
func timeliness(ctx context.Context, tx *Tx, actor goldthread.Actor, admin bool, f goldthread.ReportFilter) ([]goldthread.Timeliness, []goldthread.Timeliness, error) {
	q := `SELECT n.author_id, u.name, n.service_date,
		SUM(CASE WHEN n.status = 'signed' AND n.signed_at <= n.due_at THEN 1 ELSE 0 END),
		SUM(CASE WHEN (n.status = 'signed' AND n.signed_at > n.due_at) OR (n.status <> 'signed' AND n.due_at < ?) THEN 1 ELSE 0 END),
		SUM(CASE WHEN n.status <> 'signed' AND n.due_at >= ? THEN 1 ELSE 0 END)
		FROM service_note n JOIN app_user u ON u.id = n.author_id
		WHERE n.agency_id` + teamAgency(admin) + ` = ? AND n.due_at IS NOT NULL AND n.service_date >= ? AND n.service_date <= ?`
	args := []any{tx.now, tx.now, actor.AgencyID, f.From, f.To}
	if !admin {
		q += " AND n.author_id IN (SELECT l.peer_id FROM supervision_link l WHERE l.supervisor_id = ? AND l.agency_id = ?)"
		args = append(args, actor.UserID, actor.AgencyID)
	}
	if f.ProgramID != 0 {
		q += " AND n.program_id = ?"
		args = append(args, f.ProgramID)
	}
	if f.StaffID != 0 {
		q += " AND n.author_id = ?"
		args = append(args, f.StaffID)
	}
	rows, err := tx.Query(ctx, q+" GROUP BY n.author_id, u.name, n.service_date", args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store.SupervisorReport: %w", err)
	}
	defer rows.Close()
	weeks := map[goldthread.Date]*goldthread.Timeliness{}
	for _, w := range f.Weeks() {
		weeks[w] = &goldthread.Timeliness{Week: w}
	}
	peers := map[int64]*goldthread.Timeliness{}
	for rows.Next() {
		var id int64
		var name string
		var day goldthread.Date
		var on, late, pending int
		if err := rows.Scan(&id, &name, &day, &on, &late, &pending); err != nil {
			return nil, nil, fmt.Errorf("store.SupervisorReport: %w", err)
		}
		w := weeks[goldthread.WeekOf(day)]
		if w == nil { // cannot happen: the period bounds both
			continue
		}
		w.OnTime, w.Late, w.Pending = w.OnTime+on, w.Late+late, w.Pending+pending
		p := peers[id]
		if p == nil {
			p = &goldthread.Timeliness{PeerID: id, Name: name}
			peers[id] = p
		}
		p.OnTime, p.Late, p.Pending = p.OnTime+on, p.Late+late, p.Pending+pending
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	var byWeek, byPeer []goldthread.Timeliness
	for _, w := range f.Weeks() {
		byWeek = append(byWeek, *weeks[w])
	}
	for _, p := range peers {
		byPeer = append(byPeer, *p)
	}
	slices.SortFunc(byPeer, func(a, b goldthread.Timeliness) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return int(a.PeerID - b.PeerID)
	})
	return byWeek, byPeer, nil
}

// queueAges counts into bands, by days since signing, the notes awaiting
// the supervisor's review (ReviewQueue's Awaiting, narrowed by f's peer
// and program), in SQL over note_review (migration 0160), every such note
// of the team: the queue's own count and condition, grouped by age.
func queueAges(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, bands []goldthread.AgeBucket) error {
	a, err := awaitingReview(ctx, tx, actor)
	if err != nil {
		return err
	}
	cond, args := a.cond, a.args
	if f.StaffID != 0 {
		cond += " AND r.author_id = ?"
		args = append(args, f.StaffID)
	}
	if f.ProgramID != 0 {
		cond += " AND r.program_id = ?"
		args = append(args, f.ProgramID)
	}
	// A note is d whole days old when signed at or before now - d days; one
	// signed more than a day ahead of this clock (days < 0) is in no band.
	var band strings.Builder
	var bandArgs []any
	band.WriteString("CASE")
	for i := len(bands) - 1; i >= 0; i-- {
		band.WriteString(" WHEN r.signed_at <= ? THEN " + strconv.Itoa(i))
		bandArgs = append(bandArgs, tx.now.UTC().Add(-time.Duration(bands[i].From)*24*time.Hour))
	}
	band.WriteString(" ELSE -1 END")
	cond += " AND r.signed_at < ?"
	args = append(args, tx.now.UTC().Add(24*time.Hour))
	return scanAll(ctx, tx, "SELECT "+band.String()+", COUNT(*)"+reviewStateFrom+"WHERE "+cond+" GROUP BY 1", append(bandArgs, args...),
		func(r scanner) error {
			var i, n int
			if err := r.Scan(&i, &n); err != nil {
				return err
			}
			if i < 0 { // less than a day ahead of the clock: day 0, as the bands' first
				i = 0
			}
			bands[i].Count += n
			return nil
		})
}
