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
	// Pack and Lexicon, when set, are the program's effective pack and
	// coach lexicon, read once for a whole page (reviewSetting).
	Pack    *rules.Pack
	Lexicon *coach.Lexicon
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
		return ReviewQueue{}, goldthread.ErrorAbout(goldthread.EBADREQUEST, "limit", "A page holds from 1 to %d %{note|notes}.", ReviewPageMax)
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

// reviewQueueTx fills q from note_review (migration 0160): the count of
// the notes awaiting review and one page of them are indexed reads; only
// the page's notes, the returned notes and the held drafts are built whole
// (findings, links, comments, approvals), with the agency's policy, packs
// and lexicons read once. Open notes whose only possible reason is their
// findings and whose stored answer is stale are judged again first
// (refreshStaleFindings).
func reviewQueueTx(ctx context.Context, tx *Tx, actor goldthread.Actor, limit int, after reviewKey, q *ReviewQueue) error {
	a, err := awaitingReview(ctx, tx, actor)
	if err != nil {
		return err
	}
	s, team, teamArgs, cond, args := a.setting, a.team, a.teamArgs, a.cond, a.args
	if err := tx.QueryRow(ctx, "SELECT COUNT(*)"+reviewStateFrom+"WHERE "+cond, args...).Scan(&q.Total); err != nil {
		return fmt.Errorf("store.reviewQueue: %w", err)
	}
	if after != (reviewKey{}) {
		if after.start.Valid {
			cond += " AND (r.service_date > ? OR (r.service_date = ? AND (r.start_at > ? OR (r.start_at = ? AND r.note_id > ?))))"
			args = append(args, after.date, after.date, after.start.Time, after.start.Time, after.id)
		} else { // a note without a start comes first on its date; every signed note has one
			cond += " AND r.service_date >= ?"
			args = append(args, after.date)
		}
	}
	page, err := reviewStateRows(ctx, tx, cond+reviewStateOrder+" LIMIT "+strconv.Itoa(limit+1), args)
	if err != nil {
		return err
	}
	if len(page) > limit {
		page = page[:limit]
		q.Next = page[limit-1].key.String()
	}
	if q.Awaiting, err = s.items(ctx, tx, actor, page); err != nil {
		return err
	}
	returned, err := reviewStateRows(ctx, tx, team+" AND r.state = ?"+reviewStateOrder, append(append([]any{}, teamArgs...), reviewStateReturned))
	if err != nil {
		return err
	}
	if q.Returned, err = s.items(ctx, tx, actor, returned); err != nil {
		return err
	}
	return heldDrafts(ctx, tx, actor, s, q)
}

// reviewStateFrom and reviewStateOrder read note_review r with the
// participant p the reach is decided on, in the queue's order.
const (
	reviewStateFrom  = " FROM note_review r JOIN participant p ON p.id = r.participant_id "
	reviewStateOrder = " ORDER BY r.service_date, r.start_at, r.note_id"
)

// awaitingReview is the condition, on note_review r and participant p, of
// the notes awaiting actor's review (the queue's count, its pages and the
// team dashboard's ages all read it), with the team's condition alone and
// the agency's review setting. Open notes whose stored answer to "do the
// findings ask for review" is stale are judged again first, so the
// condition reads true answers.
func awaitingReview(ctx context.Context, tx *Tx, actor goldthread.Actor) (awaitingScope, error) {
	s, err := readReviewSetting(ctx, tx, actor.AgencyID)
	if err != nil {
		return awaitingScope{}, err
	}
	team, teamArgs := reviewTeam(actor)
	if err := refreshStaleFindings(ctx, tx, actor, s, reviewStateFrom, team, teamArgs); err != nil {
		return awaitingScope{}, err
	}
	awaiting, awaitingArgs := s.awaitingSQL()
	return awaitingScope{s, team, teamArgs, team + " AND " + awaiting, append(append([]any{}, teamArgs...), awaitingArgs...)}, nil
}

// awaitingScope is what awaitingReview decides: the review setting, the
// team's condition and the awaiting notes' condition, each with its
// arguments.
type awaitingScope struct {
	setting  *reviewSetting
	team     string
	teamArgs []any
	cond     string
	args     []any
}

// reviewTeam is the condition, on note_review r and participant p, of the
// notes a supervisor's queue looks at: written by the peers they
// supervise, directly or as designated alternate, never by themselves,
// about participants in their reach.
func reviewTeam(actor goldthread.Actor) (string, []any) {
	scope, scopeArgs := participantScope(actor)
	return `r.agency_id = ? AND r.author_id IN (SELECT l.peer_id FROM supervision_link l WHERE l.supervisor_id = ? AND l.agency_id = ?)
		AND r.author_id <> ? AND ` + scope, append([]any{actor.AgencyID, actor.UserID, actor.AgencyID, actor.UserID}, scopeArgs...)
}

// reviewStateRow is a note of the queue before it is built.
type reviewStateRow struct {
	key     reviewKey
	program int64
	name    string
}

func reviewStateRows(ctx context.Context, tx *Tx, cond string, args []any) ([]reviewStateRow, error) {
	var out []reviewStateRow
	err := scanAll(ctx, tx, "SELECT r.note_id, r.service_date, r.start_at, r.program_id, p.first_name, p.preferred_name, p.last_name"+
		reviewStateFrom+"WHERE "+cond, args, func(r scanner) error {
		var x reviewStateRow
		var first, preferred, last string
		err := r.Scan(&x.key.id, &x.key.date, &x.key.start, &x.program, &first, &preferred, &last)
		x.key.start.Time = x.key.start.Time.UTC()
		x.name = goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()
		out = append(out, x)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store.reviewQueue: %w", err)
	}
	return out, nil
}

// heldDrafts adds the drafts of the team held by a block-level coach
// finding no supervisor dismissed, oldest service first.
func heldDrafts(ctx context.Context, tx *Tx, actor goldthread.Actor, s *reviewSetting, q *ReviewQueue) error {
	scope, args := noteScope(actor)
	var rows []reviewStateRow
	err := scanAll(ctx, tx, `SELECT n.id, p.first_name, p.preferred_name, p.last_name`+noteFrom+`WHERE `+scope+`
		AND n.author_id IN (SELECT l.peer_id FROM supervision_link l WHERE l.supervisor_id = ? AND l.agency_id = n.agency_id)
		AND n.author_id <> ? AND n.status = ? ORDER BY n.service_date, n.start_at IS NOT NULL, n.start_at, n.id`,
		append(args, actor.UserID, actor.UserID, goldthread.NoteDraft), func(r scanner) error {
			var x reviewStateRow
			var first, preferred, last string
			err := r.Scan(&x.key.id, &first, &preferred, &last)
			x.name = goldthread.Participant{FirstName: first, PreferredName: preferred, LastName: last}.DisplayName()
			rows = append(rows, x)
			return err
		})
	if err != nil {
		return fmt.Errorf("store.reviewQueue: %w", err)
	}
	drafts, err := s.items(ctx, tx, actor, rows)
	if err != nil {
		return err
	}
	for _, it := range drafts {
		if heldDraft(it) {
			q.Held = append(q.Held, it)
		}
	}
	return nil
}

// reviewItemsCap bounds the notes one review listing builds.
const reviewItemsCap = 500

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
// golden-thread links, thread, overrides, approvals, and its state. It
// reads the rows under the note one query each; a page of notes reads them
// together (reviewSetting.items) and assembles each item the same way.
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
	var err error
	if rc.Pack == nil {
		if rc.Pack, err = AgencyPack(ctx, tx, n.AgencyID, rc.RulePack); err != nil {
			return goldthread.ReviewItem{}, err
		}
	}
	if rc.Lexicon == nil && n.Narrative {
		if rc.Lexicon, err = agencyLexiconTx(ctx, tx, n.AgencyID, n.ProgramID); err != nil {
			return goldthread.ReviewItem{}, err
		}
	}
	var parts reviewParts
	if n.Status == goldthread.NoteSigned {
		if err := tx.QueryRow(ctx, "SELECT findings FROM note_signature WHERE note_id = ?", n.ID).Scan(&parts.kept); err != nil {
			return goldthread.ReviewItem{}, fmt.Errorf("store.reviewItem: %w", ignoreNoRows(err))
		}
	}
	if parts.overrides, err = findingOverrides(ctx, tx, n.ID); err != nil {
		return goldthread.ReviewItem{}, err
	}
	if parts.links, err = threadLinks(ctx, tx, n.Goals); err != nil {
		return goldthread.ReviewItem{}, err
	}
	if parts.comments, err = reviewComments(ctx, tx, n.ID, seesNarrative(actor)); err != nil {
		return goldthread.ReviewItem{}, err
	}
	if parts.approvals, err = approvalsAgainst(ctx, tx, n.ID, ""); err != nil {
		return goldthread.ReviewItem{}, err
	}
	return assembleReviewItem(n, rc, parts)
}

// reviewParts are the rows under a note its review item is made of.
type reviewParts struct {
	kept      string // the findings stored with the signature (JSON); "" for a draft
	overrides []goldthread.FindingOverride
	links     []goldthread.ThreadLink
	comments  []goldthread.ReviewComment
	approvals []goldthread.NoteApproval // oldest first, Current not yet decided
}

// assembleReviewItem makes a loaded note's review item from its parts,
// with rc's pack and lexicon (the lexicon may be nil when the reader has no
// narrative, which has no coach findings then).
func assembleReviewItem(n goldthread.Note, rc reviewContext, parts reviewParts) (goldthread.ReviewItem, error) {
	it := goldthread.ReviewItem{Note: n, ParticipantName: rc.ParticipantName, ProgramName: rc.ProgramName,
		Late: n.Late() || n.LateEntryReason != "", Overrides: parts.overrides, Links: parts.links, Comments: parts.comments}
	var err error
	if it.Findings, err = reviewFindingsFrom(n, rc.Pack.ID, rc.Lexicon, parts.kept, parts.overrides); err != nil {
		return it, err
	}
	if rc.Pack.Supervision.ApprovalBeforeBilling.Value && n.Billable {
		it.Reasons = append(it.Reasons, goldthread.ReviewBecauseProgram)
	}
	if rc.ReviewAll {
		it.Reasons = append(it.Reasons, goldthread.ReviewBecauseAgency)
	}
	if findingsAsk(it.Findings) {
		it.Reasons = append(it.Reasons, goldthread.ReviewBecauseFindings)
	}
	// The review hash (as reviewHash computes it), the latest return and
	// the latest addendum (as lastTimes reads them) come from what is
	// already read: the note with its addenda, and its comments.
	hash := ""
	var ret, add sql.NullTime
	if n.Status == goldthread.NoteSigned {
		addenda := make([]string, len(n.Addenda))
		for i, a := range n.Addenda {
			addenda[i] = a.ContentHash
		}
		hash = reviewHashOf(n.ContentHash, addenda)
		if k := len(n.Addenda); k > 0 {
			add = sql.NullTime{Time: n.Addenda[k-1].Signed, Valid: true}
		}
	}
	for _, c := range it.Comments {
		if c.Kind == goldthread.ReviewKindReturn {
			ret = sql.NullTime{Time: c.Created, Valid: true}
		}
	}
	it.State = goldthread.ReviewAwaiting
	for _, a := range parts.approvals {
		a.Current = hash != "" && a.NoteHash == hash
		if a.Current {
			it.State = goldthread.ReviewApproved
		}
		it.Approvals = append(it.Approvals, a)
	}
	if it.State == goldthread.ReviewAwaiting && ret.Valid && (!add.Valid || ret.Time.After(add.Time)) {
		it.State = goldthread.ReviewReturned
	}
	return it, nil
}

// reviewFindings: the rules engine's findings kept with the signature
// (less the missing-approval finding, which approval itself answers), then
// the coach's on the narrative (a block finding a supervisor dismissed, or
// any finding the author dismissed below block, marked Dismissed). lex is
// the program's coach lexicon, read here when nil.
func reviewFindings(ctx context.Context, tx *Tx, n goldthread.Note, packID string, lex *coach.Lexicon, overrides []goldthread.FindingOverride) ([]goldthread.ReviewFinding, error) {
	var kept string
	if n.Status == goldthread.NoteSigned {
		if err := tx.QueryRow(ctx, "SELECT findings FROM note_signature WHERE note_id = ?", n.ID).Scan(&kept); err != nil {
			return nil, fmt.Errorf("store.reviewFindings: %w", ignoreNoRows(err))
		}
	}
	if lex == nil && n.Narrative {
		var err error
		if lex, err = agencyLexiconTx(ctx, tx, n.AgencyID, n.ProgramID); err != nil {
			return nil, err
		}
	}
	return reviewFindingsFrom(n, packID, lex, kept, overrides)
}

// reviewFindingsFrom is reviewFindings on what is read: kept, the
// signature's stored findings, and lex, the lexicon (nil without the
// narrative).
func reviewFindingsFrom(n goldthread.Note, packID string, lex *coach.Lexicon, raw string, overrides []goldthread.FindingOverride) ([]goldthread.ReviewFinding, error) {
	overridden := map[string]bool{}
	for _, o := range overrides {
		overridden[o.RuleID] = true
	}
	var out []goldthread.ReviewFinding
	if n.Status == goldthread.NoteSigned {
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
