package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/rules"
)

func ignoreNoRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

// reviewContext is what a review item needs beyond the note; reviewItem
// reads it when ParticipantName is empty.
type reviewContext struct {
	ParticipantName, ProgramName, RulePack string
	ReviewAll                              bool
}

// ReviewQueue is a supervisor's review work: a page of the signed notes
// awaiting their review (oldest service first), the notes they returned
// that wait for their author, and the drafts of their peers held by a
// block-level coach finding only a supervisor may dismiss.
type ReviewQueue struct {
	Awaiting []goldthread.ReviewItem
	Returned []goldthread.ReviewItem
	Held     []goldthread.ReviewItem
	// Total counts every note awaiting review in reach, on all pages.
	Total int
	// Next is the cursor of the page after Awaiting, empty on the last.
	Next string
}

// ReviewPage asks for one page of a review queue: Limit items
// (ReviewPageDefault when 0, at most ReviewPageMax) after Cursor, a
// ReviewQueue.Next of an earlier page (empty for the first).
type ReviewPage struct {
	Limit  int
	Cursor string
}

// The size of a review queue page unless asked, and the most one page
// holds: each item carries its findings, so a page stays small.
const (
	ReviewPageDefault = 25
	ReviewPageMax     = 100
)

// reviewRowColumns follow noteColumns in review listings.
const reviewRowColumns = ", p.first_name, p.preferred_name, p.last_name, g.name, g.rule_pack"

const reviewFrom = noteFrom + "JOIN program g ON g.id = n.program_id "

// ReviewQueue lists the review work of the actor with the notes awaiting
// review up to reviewItemsCap, for callers that want them all at once (the
// demo); pages use ReviewQueuePage.
func (db *DB) ReviewQueue(ctx context.Context, actor goldthread.Actor) (ReviewQueue, error) {
	return db.reviewQueue(ctx, actor, reviewItemsCap, reviewKey{})
}

// ReviewQueuePage lists the review work of the actor, a supervisor
// (EFORBIDDEN otherwise): notes of the peers they supervise, directly or
// as designated alternate, never their own, in their reach. A signed note
// awaits review when it is not approved as it now reads and its program
// requires approval before billing a billable note (rule pack), or the
// agency reviews every note (SettingReviewAllNotes), or a warn- or
// block-level finding of the rules engine or the coach asks for it; it is
// Returned instead while its latest return is newer than its latest
// addendum. Awaiting holds one page, in a stable order (service date,
// start, id: oldest first) continued by a keyset cursor, so a note
// approved between pages moves no other note to another page; findings
// are built for the page's notes only (and for the few whose reason only a
// finding can give). A limit outside 1..ReviewPageMax or a cursor this
// read did not write is EBADREQUEST on "limit" or "cursor". Audited once.
func (db *DB) ReviewQueuePage(ctx context.Context, actor goldthread.Actor, p ReviewPage) (ReviewQueue, error) {
	if p.Limit == 0 {
		p.Limit = ReviewPageDefault
	}
	if p.Limit < 1 || p.Limit > ReviewPageMax {
		return ReviewQueue{}, goldthread.ErrorAbout(goldthread.EBADREQUEST, "limit", "A page holds from 1 to %d notes.", ReviewPageMax)
	}
	after, err := parseReviewCursor(p.Cursor)
	if err != nil {
		return ReviewQueue{}, err
	}
	return db.reviewQueue(ctx, actor, p.Limit, after)
}

func (db *DB) reviewQueue(ctx context.Context, actor goldthread.Actor, limit int, after reviewKey) (ReviewQueue, error) {
	var q ReviewQueue
	if !goldthread.CanReviewNotes(actor) {
		return q, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors have a review queue.")
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		q = ReviewQueue{}
		if err := reviewQueueTx(ctx, tx, actor, limit, after, &q); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionList, "note_review", 0, 0)
		ev.Detail = "awaiting=" + strconv.Itoa(q.Total) + " returned=" + strconv.Itoa(len(q.Returned))
		return tx.Audit(ctx, ev)
	})
	return q, err
}

// reviewKey is a note's place in the queue's order: service date, start
// (a note without one first), id. The zero key is before every note.
type reviewKey struct {
	date  goldthread.Date
	start sql.NullTime
	id    int64
}

// after reports whether k comes after o in the queue's order.
func (k reviewKey) after(o reviewKey) bool {
	if c := k.date.Compare(o.date.Time); c != 0 {
		return c > 0
	}
	if k.start.Valid != o.start.Valid {
		return k.start.Valid
	}
	if k.start.Valid && !k.start.Time.Equal(o.start.Time) {
		return k.start.Time.After(o.start.Time)
	}
	return k.id > o.id
}

// String is the key as a cursor: opaque to clients, it names no
// participant, only a date, a start instant and a note id.
func (k reviewKey) String() string {
	start := "-"
	if k.start.Valid {
		start = strconv.FormatInt(k.start.Time.UnixNano(), 10)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(k.date.String() + "." + start + "." + strconv.FormatInt(k.id, 10)))
}

// parseReviewCursor reads a cursor written by reviewKey.String; empty is
// the start of the queue.
func parseReviewCursor(s string) (reviewKey, error) {
	var k reviewKey
	if s == "" {
		return k, nil
	}
	bad := goldthread.ErrorAbout(goldthread.EBADREQUEST, "cursor", "The cursor is not one this queue gave; start again from the first page.")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return k, bad
	}
	parts := strings.Split(string(raw), ".")
	if len(parts) != 3 {
		return k, bad
	}
	if k.date, err = goldthread.ParseDate(parts[0]); err != nil {
		return k, bad
	}
	if parts[1] != "-" {
		ns, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil {
			return k, bad
		}
		k.start = sql.NullTime{Time: time.Unix(0, ns).UTC(), Valid: true}
	}
	if k.id, err = strconv.ParseInt(parts[2], 10, 64); err != nil || k.id < 1 {
		return k, bad
	}
	return k, nil
}

// reviewQueueTx sorts the team's unsettled notes into q: one light row
// per note decides most of them (never approved, not returned since the
// last addendum, and a program or agency that asks for every review:
// awaiting); only the notes on the page, the returned notes, the drafts
// and the notes whose state or reason needs their approvals or findings
// are built whole, as queueAges does for the team dashboard.
func reviewQueueTx(ctx context.Context, tx *Tx, actor goldthread.Actor, limit int, after reviewKey, q *ReviewQueue) error {
	cond, condArgs := teamQueue(actor)
	scope, scopeArgs := noteScope(actor)
	type row struct {
		key                reviewKey
		status             string
		billable, approved bool
		returned           bool
		rc                 reviewContext
	}
	var list []row
	args := append([]any{goldthread.ReviewKindReturn}, scopeArgs...)
	err := scanAll(ctx, tx, `SELECT n.id, n.service_date, n.start_at, n.status, n.billable,
		CASE WHEN EXISTS (SELECT 1 FROM note_approval a WHERE a.note_id = n.id) THEN 1 ELSE 0 END,
		CASE WHEN EXISTS (SELECT 1 FROM note_review_comment c WHERE c.note_id = n.id AND c.kind = ?
			AND NOT EXISTS (SELECT 1 FROM note_addendum d WHERE d.note_id = n.id AND d.signed_at >= c.created_at)) THEN 1 ELSE 0 END`+
		reviewRowColumns+reviewFrom+`WHERE `+scope+` AND `+cond+
		` ORDER BY n.service_date, n.start_at IS NOT NULL, n.start_at, n.id`, append(args, condArgs...), func(r scanner) error {
		var x row
		var approved, returned int
		var first, preferred, last string
		err := r.Scan(&x.key.id, &x.key.date, &x.key.start, &x.status, &x.billable, &approved, &returned,
			&first, &preferred, &last, &x.rc.ProgramName, &x.rc.RulePack)
		x.approved, x.returned = approved == 1, returned == 1
		x.key.start.Time = x.key.start.Time.UTC()
		x.rc.ParticipantName = goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()
		list = append(list, x)
		return err
	})
	if err != nil {
		return fmt.Errorf("store.reviewQueue: %w", err)
	}
	all, err := reviewAllNotes(ctx, tx, actor.AgencyID)
	if err != nil {
		return err
	}
	packs := map[string]bool{} // rule pack → approval before billing
	build := func(x row) (goldthread.ReviewItem, error) {
		n, err := loadNote(ctx, tx, actor, x.key.id)
		if err != nil {
			return goldthread.ReviewItem{}, err
		}
		x.rc.ReviewAll = all
		return reviewItem(ctx, tx, actor, n, x.rc)
	}
	var last reviewKey
	more := false
	for _, x := range list {
		onPage := x.status == goldthread.NoteSigned && x.key.after(after)
		counted := false
		if x.status == goldthread.NoteSigned && !x.approved && !x.returned {
			asks, ok := packs[x.rc.RulePack]
			if !ok {
				pack, err := AgencyPack(ctx, tx, actor.AgencyID, x.rc.RulePack)
				if err != nil {
					return err
				}
				asks = pack.Supervision.ApprovalBeforeBilling.Value
				packs[x.rc.RulePack] = asks
			}
			if all || (asks && x.billable) { // awaiting, whatever its findings say
				q.Total++
				counted = true
				if !onPage {
					continue
				}
				if len(q.Awaiting) == limit {
					more = true
					continue
				}
			}
		}
		it, err := build(x)
		if err != nil {
			return err
		}
		switch {
		case it.Note.Status == goldthread.NoteDraft:
			if heldDraft(it) {
				q.Held = append(q.Held, it)
			}
		case it.State == goldthread.ReviewReturned:
			q.Returned = append(q.Returned, it)
		case it.State == goldthread.ReviewAwaiting && len(it.Reasons) > 0:
			if !counted {
				q.Total++
			}
			switch {
			case !onPage:
			case len(q.Awaiting) == limit:
				more = true
			default:
				q.Awaiting = append(q.Awaiting, it)
				last = x.key
			}
		}
	}
	if more {
		q.Next = last.String()
	}
	return nil
}

// teamQueue is the condition of the notes a supervisor's review queue
// looks at: those of the peers they supervise, directly or as designated
// alternate, never their own, not settled. The team dashboard counts the
// same notes.
func teamQueue(actor goldthread.Actor) (string, []any) {
	return `n.author_id IN (SELECT l.peer_id FROM supervision_link l
		WHERE l.supervisor_id = ? AND l.agency_id = n.agency_id) AND n.author_id <> ? AND ` + notSettled, []any{actor.UserID, actor.UserID}
}

// reviewItemsCap bounds the notes one review listing builds.
const reviewItemsCap = 500

// notSettled leaves out, in SQL, the notes approved with no addendum
// since, so the queue never reads a team's whole history; reviewItem still
// decides each remaining note's state from its hash.
const notSettled = `NOT EXISTS (SELECT 1 FROM note_approval a WHERE a.note_id = n.id
	AND NOT EXISTS (SELECT 1 FROM note_addendum d WHERE d.note_id = n.id AND d.signed_at >= a.approved_at))`

// heldDraft: a draft with a block-level coach finding no supervisor
// dismissed.
func heldDraft(it goldthread.ReviewItem) bool {
	for _, f := range it.Findings {
		if f.Source == "coach" && f.Severity == string(coach.SeverityBlock) && !f.Dismissed {
			return true
		}
	}
	return false
}

// ReturnedNotes lists the actor's own signed notes their supervisor
// returned and they have not answered with an addendum yet, oldest first,
// for Today. Audited once.
func (db *DB) ReturnedNotes(ctx context.Context, actor goldthread.Actor) ([]goldthread.ReviewItem, error) {
	var out []goldthread.ReviewItem
	err := db.WriteTx(ctx, func(tx *Tx) error {
		items, err := reviewItems(ctx, tx, actor, `n.author_id = ? AND n.status = ? AND EXISTS (SELECT 1 FROM note_review_comment c
			WHERE c.note_id = n.id AND c.kind = ?)`, actor.UserID, goldthread.NoteSigned, goldthread.ReviewKindReturn)
		if err != nil {
			return err
		}
		for _, it := range items {
			if it.State == goldthread.ReviewReturned {
				out = append(out, it)
			}
		}
		ev := auditFor(actor, goldthread.ActionList, "note_review", 0, 0)
		ev.Detail = "returned=" + strconv.Itoa(len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// ReviewNote returns one note as its review shows it (findings, thread
// links, comments, overrides, approvals) to anyone who may read the note;
// CanReview-style decisions stay with the actions, which check again.
// Billing gets no comment bodies. Audited as a read of the note.
func (db *DB) ReviewNote(ctx context.Context, actor goldthread.Actor, noteID int64) (goldthread.ReviewItem, error) {
	var it goldthread.ReviewItem
	err := db.WriteTx(ctx, func(tx *Tx) error {
		items, err := reviewItems(ctx, tx, actor, "n.id = ?", noteID)
		if err != nil {
			return err
		}
		if len(items) == 0 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "No note %d in your reach.", noteID)
		}
		it = items[0]
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "note", noteID, it.Note.ParticipantID))
	})
	return it, err
}

// MayReview reports whether the actor may approve, return and comment on
// the note as its author's supervisor or designated alternate.
func (db *DB) MayReview(ctx context.Context, actor goldthread.Actor, n goldthread.Note) bool {
	ok := false
	db.ReadTx(ctx, func(tx *Tx) error {
		ok = mayReview(ctx, tx, actor, n) == nil
		return nil
	})
	return ok
}

// reviewItems builds the review items of the notes in the actor's reach
// matching cond, oldest service first (at most reviewItemsCap).
func reviewItems(ctx context.Context, tx *Tx, actor goldthread.Actor, cond string, condArgs ...any) ([]goldthread.ReviewItem, error) {
	scope, args := noteScope(actor)
	q := "SELECT n.id" + reviewRowColumns + reviewFrom + "WHERE " + scope + " AND " + cond +
		" ORDER BY n.service_date, n.start_at, n.id LIMIT " + strconv.Itoa(reviewItemsCap)
	rows, err := tx.Query(ctx, q, append(args, condArgs...)...)
	if err != nil {
		return nil, fmt.Errorf("store.reviewItems: %w", err)
	}
	type row struct {
		id int64
		rc reviewContext
	}
	var list []row
	for rows.Next() {
		var r row
		var first, preferred, last string
		if err := rows.Scan(&r.id, &first, &preferred, &last, &r.rc.ProgramName, &r.rc.RulePack); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store.reviewItems: %w", err)
		}
		r.rc.ParticipantName = goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	all, err := reviewAllNotes(ctx, tx, actor.AgencyID)
	if err != nil {
		return nil, err
	}
	out := make([]goldthread.ReviewItem, 0, len(list))
	for _, r := range list {
		n, err := loadNote(ctx, tx, actor, r.id)
		if err != nil {
			return nil, err
		}
		r.rc.ReviewAll = all
		it, err := reviewItem(ctx, tx, actor, n, r.rc)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// reviewItem gathers a loaded note's review: why it needs review, its
// findings (rules engine, kept with the signature; coach, from the text),
// golden-thread links, thread, overrides, approvals, and its state.
func reviewItem(ctx context.Context, tx *Tx, actor goldthread.Actor, n goldthread.Note, rc reviewContext) (goldthread.ReviewItem, error) {
	if rc.ParticipantName == "" {
		var first, preferred, last string
		err := tx.QueryRow(ctx, `SELECT p.first_name, p.preferred_name, p.last_name, g.name, g.rule_pack FROM participant p, program g
			WHERE p.id = ? AND g.id = ?`, n.ParticipantID, n.ProgramID).Scan(&first, &preferred, &last, &rc.ProgramName, &rc.RulePack)
		if err != nil {
			return goldthread.ReviewItem{}, fmt.Errorf("store.reviewItem: %w", err)
		}
		rc.ParticipantName = goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()
		if rc.ReviewAll, err = reviewAllNotes(ctx, tx, n.AgencyID); err != nil {
			return goldthread.ReviewItem{}, err
		}
	}
	it := goldthread.ReviewItem{Note: n, ParticipantName: rc.ParticipantName, ProgramName: rc.ProgramName,
		Late: n.Late() || n.LateEntryReason != ""}
	pack, err := AgencyPack(ctx, tx, n.AgencyID, rc.RulePack)
	if err != nil {
		return it, err
	}
	if it.Overrides, err = findingOverrides(ctx, tx, n.ID); err != nil {
		return it, err
	}
	if it.Findings, err = reviewFindings(ctx, tx, n, pack.ID, it.Overrides); err != nil {
		return it, err
	}
	if pack.Supervision.ApprovalBeforeBilling.Value && n.Billable {
		it.Reasons = append(it.Reasons, goldthread.ReviewBecauseProgram)
	}
	if rc.ReviewAll {
		it.Reasons = append(it.Reasons, goldthread.ReviewBecauseAgency)
	}
	for _, f := range it.Findings {
		if (f.Severity == "warn" || f.Blocks()) && !f.Overridden && !f.Dismissed {
			it.Reasons = append(it.Reasons, goldthread.ReviewBecauseFindings)
			break
		}
	}
	if it.Links, err = threadLinks(ctx, tx, n.Goals); err != nil {
		return it, err
	}
	if it.Comments, err = reviewComments(ctx, tx, n.ID, seesNarrative(actor)); err != nil {
		return it, err
	}
	if it.Approvals, err = noteApprovals(ctx, tx, n.ID); err != nil {
		return it, err
	}
	it.State = goldthread.ReviewAwaiting
	ret, add, err := lastTimes(ctx, tx, n.ID)
	if err != nil {
		return it, err
	}
	for _, a := range it.Approvals {
		if a.Current {
			it.State = goldthread.ReviewApproved
		}
	}
	if it.State == goldthread.ReviewAwaiting && ret.Valid && (!add.Valid || ret.Time.After(add.Time)) {
		it.State = goldthread.ReviewReturned
	}
	return it, nil
}

// reviewFindings: the rules engine's findings kept with the signature
// (less the missing-approval finding, which approval itself answers), then
// the coach's on the narrative (a block finding a supervisor dismissed, or
// any finding the author dismissed below block, marked Dismissed).
func reviewFindings(ctx context.Context, tx *Tx, n goldthread.Note, packID string, overrides []goldthread.FindingOverride) ([]goldthread.ReviewFinding, error) {
	overridden := map[string]bool{}
	for _, o := range overrides {
		overridden[o.RuleID] = true
	}
	var out []goldthread.ReviewFinding
	if n.Status == goldthread.NoteSigned {
		var raw string
		if err := tx.QueryRow(ctx, "SELECT findings FROM note_signature WHERE note_id = ?", n.ID).Scan(&raw); err != nil {
			return nil, fmt.Errorf("store.reviewFindings: %w", ignoreNoRows(err))
		}
		var kept []rules.Finding
		if raw != "" && raw != "null" {
			if err := json.Unmarshal([]byte(raw), &kept); err != nil {
				return nil, fmt.Errorf("store.reviewFindings: note %d: %w", n.ID, err)
			}
		}
		for _, f := range kept {
			if f.RuleID == rules.RuleSupervisorApproval {
				continue // the approval itself answers it; it is never overridden
			}
			out = append(out, goldthread.ReviewFinding{Source: "rules", RuleID: f.RuleID, Severity: string(f.Severity),
				Message: f.Message, Fix: f.Fix, MessageText: f.MessageText, FixText: f.FixText, Overridden: overridden[f.RuleID]})
		}
	}
	if !n.Narrative {
		return out, nil
	}
	lex, err := agencyLexiconTx(ctx, tx, n.AgencyID, n.ProgramID)
	if err != nil {
		return nil, err
	}
	for _, field := range NoteCoachFields {
		for _, f := range coach.CoachText(NoteField(n, field), coach.Context{Program: packID, Lexicon: lex}) {
			why, suggestion := locale.CoachTexts(f)
			out = append(out, goldthread.ReviewFinding{Source: "coach", RuleID: f.RuleID, Severity: string(f.Severity), Field: field,
				Words: f.Words, Message: f.Why, Fix: f.Suggestion, MessageText: why, FixText: suggestion, Overridden: overridden[f.RuleID],
				Dismissed: dismissed(n, field, f, f.Severity == coach.SeverityBlock)})
		}
	}
	return out, nil
}

// threadLinks names each goal link's goal summary and intervention.
func threadLinks(ctx context.Context, tx *Tx, goals []goldthread.NoteGoal) ([]goldthread.ThreadLink, error) {
	var out []goldthread.ThreadLink
	for _, g := range goals {
		l := goldthread.ThreadLink{GoalID: g.GoalID}
		if err := tx.QueryRow(ctx, "SELECT summary FROM plan_goal WHERE id = ?", g.GoalID).Scan(&l.Goal); err != nil {
			return nil, fmt.Errorf("store.threadLinks: %w", err)
		}
		if g.InterventionID != 0 {
			if err := tx.QueryRow(ctx, "SELECT description FROM plan_intervention WHERE id = ?", g.InterventionID).Scan(&l.Intervention); err != nil {
				return nil, fmt.Errorf("store.threadLinks: %w", err)
			}
		}
		out = append(out, l)
	}
	return out, nil
}
