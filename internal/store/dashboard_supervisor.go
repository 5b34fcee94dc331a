package store

import (
	"context"
	"database/sql"
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
		WHERE n.agency_id = ? AND n.due_at IS NOT NULL AND n.service_date >= ? AND n.service_date <= ?`
	args := []any{tx.now, tx.now, actor.AgencyID, f.From, f.To}
	if !admin {
		q += " AND n.author_id IN (SELECT l.peer_id FROM supervision_link l WHERE l.supervisor_id = ? AND l.agency_id = n.agency_id)"
		args = append(args, actor.UserID)
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
// and program) without building the whole queue with its findings, which
// took seconds at 100k notes. Most notes need only their return and
// addendum times: no approval ever touched them, so their state is
// awaiting unless returned since the last addendum, and their program or
// agency asks for every review, so they need no finding to qualify. The
// few others (an approval overtaken by an addendum, a reason only the
// findings can give) are built as the queue builds them.
func queueAges(ctx context.Context, tx *Tx, actor goldthread.Actor, f goldthread.ReportFilter, bands []goldthread.AgeBucket) error {
	cond, condArgs := teamQueue(actor)
	scope, args := noteScope(actor)
	type row struct {
		id, author, program int64
		status, rulePack    string
		billable, approved  bool
		signed              sql.NullTime
	}
	var list []row
	err := scanAll(ctx, tx, `SELECT n.id, n.author_id, n.program_id, n.status, g.rule_pack, n.billable, sg.signed_at,
		CASE WHEN EXISTS (SELECT 1 FROM note_approval a WHERE a.note_id = n.id) THEN 1 ELSE 0 END`+reviewFrom+
		`LEFT JOIN note_signature sg ON sg.note_id = n.id WHERE `+scope+` AND `+cond+
		` ORDER BY n.service_date, n.start_at, n.id LIMIT `+strconv.Itoa(reviewItemsCap), append(args, condArgs...), func(r scanner) error {
		var x row
		var approved int
		err := r.Scan(&x.id, &x.author, &x.program, &x.status, &x.rulePack, &x.billable, &x.signed, &approved)
		x.approved = approved == 1
		list = append(list, x)
		return err
	})
	if err != nil {
		return fmt.Errorf("store.queueAges: %w", err)
	}
	all, err := reviewAllNotes(ctx, tx, actor.AgencyID)
	if err != nil {
		return err
	}
	packs := map[string]bool{} // rule pack → approval before billing
	for _, x := range list {
		if x.status != goldthread.NoteSigned || (f.StaffID != 0 && x.author != f.StaffID) || (f.ProgramID != 0 && x.program != f.ProgramID) {
			continue
		}
		asks, ok := packs[x.rulePack]
		if !ok {
			pack, err := AgencyPack(ctx, tx, actor.AgencyID, x.rulePack)
			if err != nil {
				return err
			}
			asks = pack.Supervision.ApprovalBeforeBilling.Value
			packs[x.rulePack] = asks
		}
		signed := x.signed
		if x.approved || !(all || (asks && x.billable)) {
			n, err := loadNote(ctx, tx, actor, x.id)
			if err != nil {
				return err
			}
			it, err := reviewItem(ctx, tx, actor, n, reviewContext{})
			if err != nil {
				return err
			}
			if it.State != goldthread.ReviewAwaiting || len(it.Reasons) == 0 || n.Signature == nil {
				continue
			}
			signed = sql.NullTime{Time: n.Signature.Signed, Valid: true}
		} else {
			ret, add, err := lastTimes(ctx, tx, x.id)
			if err != nil {
				return err
			}
			if ret.Valid && (!add.Valid || ret.Time.After(add.Time)) {
				continue // returned: the author's move
			}
		}
		if signed.Valid {
			countAge(bands, int(tx.now.Sub(signed.Time)/(24*time.Hour)), 0)
		}
	}
	return nil
}
