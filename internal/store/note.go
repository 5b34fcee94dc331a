package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// loadedPacks holds the embedded payer rule packs, loaded on first use.
var loadedPacks struct {
	once sync.Once
	cat  *rules.Catalog
	err  error
}

// rulePacks returns the embedded payer rule packs, loading them once;
// notes take their deadlines, categories and compliance checks from them.
func rulePacks() (*rules.Catalog, error) {
	loadedPacks.once.Do(func() { loadedPacks.cat, loadedPacks.err = rules.Load() })
	return loadedPacks.cat, loadedPacks.err
}

// RulePack returns the payer rule pack with id, or EINTERNAL-kind error
// when the packs fail to load or the id is unknown (a configuration fault).
func RulePack(id string) (*rules.Pack, error) {
	cat, err := rulePacks()
	if err != nil {
		return nil, fmt.Errorf("store: rule packs: %w", err)
	}
	return cat.Pack(id)
}

// maxNoteMinutes is the longest service one note may record: longer is a
// typo (8 hours), whatever the pack's softer warning says.
const maxNoteMinutes = 8 * 60

// NoteInput is the root type under its old name, so callers of the store
// moved over without a flag day.
type NoteInput = goldthread.NoteInput

// packCategories is the question NoteInput.Validate asks of a program's
// list of service categories; nil (no check) without a pack.
func packCategories(p *rules.Pack) func(id string) bool {
	if p == nil {
		return nil
	}
	return func(id string) bool {
		_, ok := p.Category(id)
		return ok
	}
}

// noteProgram returns the rule pack of a program the participant is
// enrolled in, inside the actor's agency and reach; ENOTFOUND otherwise.
func noteProgram(ctx context.Context, tx *Tx, actor goldthread.Actor, participantID, programID int64) (*rules.Pack, error) {
	scope, args := participantInReach(actor)
	var packID string
	err := tx.QueryRow(ctx, `SELECT g.rule_pack FROM participant p JOIN enrollment e ON e.participant_id = p.id
		JOIN program g ON g.id = e.program_id AND g.agency_id = p.agency_id
		WHERE p.id = ? AND g.id = ? AND `+scope+` LIMIT 1`, append([]any{participantID, programID}, args...)...).Scan(&packID)
	if err != nil {
		return nil, notFound(err, "No participant %d enrolled in program %d in your reach.", participantID, programID)
	}
	return AgencyPack(ctx, tx, actor.AgencyID, packID)
}

// dueFor is the documentation deadline from the pack, or zero without an
// end time. Business days are the agency's (zone): a Medi-Cal note is due
// at the end of its third business day on the agency's clocks, the payer's
// holidays (pack data) not counted.
func dueFor(pack *rules.Pack, in *NoteInput, zone *time.Location) any {
	if in.End.IsZero() || pack == nil {
		return nil
	}
	return rules.DeadlineWith(pack, in.End.In(zone), in.Crisis, payerHolidays(pack)).UTC()
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// CreateDraftNote saves a new draft written by the actor (a peer, or a
// supervisor giving a service) for a participant in reach, enrolled in the
// program, and returns it. Returns EINVALID naming the field, ENOTFOUND
// when the participant or program is out of reach, EFORBIDDEN for roles
// that do not give services.
func (db *DB) CreateDraftNote(ctx context.Context, actor goldthread.Actor, in NoteInput) (goldthread.Note, error) {
	if !goldthread.CanWriteNotes(actor) {
		return goldthread.Note{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only peer specialists and supervisors write service notes.")
	}
	var out goldthread.Note
	err := db.WriteTx(ctx, func(tx *Tx) error {
		pack, err := noteProgram(ctx, tx, actor, in.ParticipantID, in.ProgramID)
		if err != nil {
			return err
		}
		if err := in.ValidateDraft(packCategories(pack)); err != nil {
			return err
		}
		id, err := insertDraftTx(ctx, tx, actor, in, pack, 0)
		if err != nil {
			return err
		}
		if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "note", id, in.ParticipantID)); err != nil {
			return err
		}
		out, err = loadNote(ctx, tx, actor, id)
		return err
	})
	return out, err
}

// insertDraftTx writes a validated draft and its goal links; groupID links
// a group attendee's note to its session (0 for other notes).
func insertDraftTx(ctx context.Context, tx *Tx, actor goldthread.Actor, in NoteInput, pack *rules.Pack, groupID int64) (int64, error) {
	zone, err := programZone(ctx, tx, actor.AgencyID, in.ProgramID)
	if err != nil {
		return 0, err
	}
	id, err := tx.insert(ctx, `INSERT INTO service_note (agency_id, participant_id, program_id, author_id, kind, status, service_date,
		start_at, end_at, location, modality, category, single_event_reason, peer_action, participant_response, next_steps,
		others_present, billable, non_billable_reason, crisis, late_entry_reason, due_at, version, created_at, updated_at, group_session_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
		actor.AgencyID, in.ParticipantID, in.ProgramID, actor.UserID, in.Kind, goldthread.NoteDraft, in.ServiceDate,
		nullTime(in.Start), nullTime(in.End), in.Location, in.Modality, in.Category, in.SingleEventReason, in.PeerAction,
		in.ParticipantResponse, in.NextSteps, in.OthersPresent, in.Billable, in.NonBillableReason, in.Crisis,
		in.LateEntryReason, dueFor(pack, &in, zone), tx.now, tx.now, nullID(groupID))
	if err != nil {
		return 0, fmt.Errorf("store.insertDraftTx: %w", err)
	}
	return id, insertNoteGoals(ctx, tx, id, in.ParticipantID, in.Goals)
}

func insertNoteGoals(ctx context.Context, tx *Tx, noteID, participantID int64, goals []goldthread.NoteGoal) error {
	if err := goalsOfParticipant(ctx, tx, participantID, goals); err != nil {
		return err
	}
	for i, g := range goals {
		if _, err := tx.Exec(ctx, "INSERT INTO note_goal (note_id, position, goal_id, intervention_id) VALUES (?, ?, ?, ?)",
			noteID, i+1, g.GoalID, nullID(g.InterventionID)); err != nil {
			return fmt.Errorf("store.insertNoteGoals: %w", err)
		}
	}
	return nil
}

// UpdateDraftNote replaces the content of a draft with in. Only the author
// edits a draft. in.Version must be the version the edit started from;
// otherwise ECONFLICT (another device saved in between). When the
// narrative changes after the participant acknowledged the note, the
// acknowledgement is cleared (their words stay): they acknowledged other
// text. Returns ECONFLICT for a signed note, ENOTFOUND out of reach.
func (db *DB) UpdateDraftNote(ctx context.Context, actor goldthread.Actor, id int64, in NoteInput) (goldthread.Note, error) {
	var out goldthread.Note
	err := db.WriteTx(ctx, func(tx *Tx) error {
		cur, err := loadNote(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := editableBy(actor, cur); err != nil {
			return err
		}
		in.ParticipantID = cur.ParticipantID
		if in.ProgramID == 0 {
			in.ProgramID = cur.ProgramID
		}
		pack, err := noteProgram(ctx, tx, actor, in.ParticipantID, in.ProgramID)
		if err != nil {
			return err
		}
		if err := in.ValidateDraft(packCategories(pack)); err != nil {
			return err
		}
		zone, err := programZone(ctx, tx, actor.AgencyID, in.ProgramID)
		if err != nil {
			return err
		}
		ackName, ackAt := cur.ParticipantAckName, nullTime(cur.ParticipantAckAt)
		if cur.PeerAction != in.PeerAction || cur.ParticipantResponse != in.ParticipantResponse || cur.NextSteps != in.NextSteps {
			ackName, ackAt = "", nil
		}
		res, err := tx.Exec(ctx, `UPDATE service_note SET program_id = ?, kind = ?, service_date = ?, start_at = ?, end_at = ?,
			location = ?, modality = ?, category = ?, single_event_reason = ?, peer_action = ?, participant_response = ?, next_steps = ?,
			others_present = ?, billable = ?, non_billable_reason = ?, crisis = ?, late_entry_reason = ?, due_at = ?,
			participant_ack_name = ?, participant_ack_at = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ? AND status = ?`,
			in.ProgramID, in.Kind, in.ServiceDate, nullTime(in.Start), nullTime(in.End), in.Location, in.Modality, in.Category,
			in.SingleEventReason, in.PeerAction, in.ParticipantResponse, in.NextSteps, in.OthersPresent, in.Billable,
			in.NonBillableReason, in.Crisis, in.LateEntryReason, dueFor(pack, &in, zone), ackName, ackAt, tx.now,
			id, in.Version, goldthread.NoteDraft)
		if err != nil {
			return fmt.Errorf("store.UpdateDraftNote: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return goldthread.Errorf(goldthread.ECONFLICT, "This draft was saved elsewhere since you opened it (version %d is current). Reload it and make your change again.", cur.Version)
		}
		if _, err := tx.Exec(ctx, "DELETE FROM note_goal WHERE note_id = ?", id); err != nil {
			return fmt.Errorf("store.UpdateDraftNote: %w", err)
		}
		if err := insertNoteGoals(ctx, tx, id, in.ParticipantID, in.Goals); err != nil {
			return err
		}
		if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionUpdate, "note", id, cur.ParticipantID)); err != nil {
			return err
		}
		out, err = loadNote(ctx, tx, actor, id)
		return err
	})
	return out, err
}

// editableBy refuses anyone but the author, and any note not a draft.
func editableBy(actor goldthread.Actor, n goldthread.Note) error {
	if n.AuthorID != actor.UserID {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only the author changes or signs a note.")
	}
	if n.Status != goldthread.NoteDraft {
		return goldthread.Errorf(goldthread.ECONFLICT, "This note is signed and can no longer change. Add an addendum instead.")
	}
	return nil
}

// AddParticipantWords records, on a draft, what the participant wrote in
// their own words and their typed name as acknowledgement, on the peer's
// device (collaborative documentation). Only the author's session may
// record it, before signing; after signing only an addendum can add to the
// note (ECONFLICT). version as in UpdateDraftNote.
func (db *DB) AddParticipantWords(ctx context.Context, actor goldthread.Actor, id int64, version int, words, typedName string) (goldthread.Note, error) {
	words, typedName = strings.TrimSpace(words), strings.TrimSpace(typedName)
	if typedName == "" {
		return goldthread.Note{}, goldthread.FieldError("participant_ack_name", "The participant types their name to acknowledge the note.")
	}
	var out goldthread.Note
	err := db.WriteTx(ctx, func(tx *Tx) error {
		cur, err := loadNote(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := editableBy(actor, cur); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE service_note SET participant_words = ?, participant_ack_name = ?, participant_ack_at = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND status = ?`,
			words, typedName, tx.now, tx.now, id, version, goldthread.NoteDraft)
		if err != nil {
			return fmt.Errorf("store.AddParticipantWords: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return goldthread.Errorf(goldthread.ECONFLICT, "This draft was saved elsewhere since you opened it. Reload it and try again.")
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "note", id, cur.ParticipantID)
		ev.Detail = "participant_acknowledged"
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		out, err = loadNote(ctx, tx, actor, id)
		return err
	})
	return out, err
}

// Note returns one note with its goal links, signature, addenda and coach
// dismissals, and audits the read. A draft is readable by its author and by
// supervisors who reach the participant; a signed note by anyone who
// reaches the participant. A billing-only reader gets the narrative fields
// empty (Narrative false). Returns ENOTFOUND otherwise.
func (db *DB) Note(ctx context.Context, actor goldthread.Actor, id int64) (goldthread.Note, error) {
	var n goldthread.Note
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		if n, err = loadNote(ctx, tx, actor, id); err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "note", id, n.ParticipantID))
	})
	return n, err
}

// noteScope is the condition on n (service_note) and p (participant) for
// the notes the actor may read: the participant in reach, and a draft only
// for its author or a supervisor.
func noteScope(actor goldthread.Actor) (string, []any) {
	return noteScopeOf(actor, participantScope)
}

// noteInReach is noteScope for a query that has already picked its note
// (by id): the participant's reach checked on that one row
// (participantInReach).
func noteInReach(actor goldthread.Actor) (string, []any) {
	return noteScopeOf(actor, participantInReach)
}

func noteScopeOf(actor goldthread.Actor, participants func(goldthread.Actor) (string, []any)) (string, []any) {
	scope, args := participants(actor)
	cond := "(" + scope + ") AND n.agency_id = ? AND (n.status <> ? OR n.author_id = ?"
	args = append(args, actor.AgencyID, goldthread.NoteDraft, actor.UserID)
	if actor.Has(goldthread.RoleSupervisor) {
		cond += " OR 1 = 1"
	}
	return cond + ")", args
}

// seesNarrative: billing works from codes and times, never the story
// (minimum necessary); someone holding another reading role as well does.
func seesNarrative(actor goldthread.Actor) bool {
	for _, r := range actor.Roles {
		if r != goldthread.RoleBilling && r != goldthread.RoleAdministrator {
			return true
		}
	}
	return false
}

const noteColumns = `n.id, n.agency_id, n.participant_id, n.program_id, n.author_id, u.name, n.kind, n.status, n.version, n.service_date,
	n.start_at, n.end_at, n.location, n.modality, n.category, n.single_event_reason, n.peer_action, n.participant_response,
	n.next_steps, n.others_present, n.billable, n.non_billable_reason, n.crisis, n.participant_words, n.participant_ack_name,
	n.participant_ack_at, n.late_entry_reason, n.due_at, n.created_at, n.updated_at, n.content_hash, n.signed_at`

const noteFrom = ` FROM service_note n JOIN participant p ON p.id = n.participant_id JOIN app_user u ON u.id = n.author_id `

func scanNote(r scanner, narrative bool) (goldthread.Note, error) {
	var n goldthread.Note
	var start, end, ack, due, signed sql.NullTime
	err := r.Scan(&n.ID, &n.AgencyID, &n.ParticipantID, &n.ProgramID, &n.AuthorID, &n.AuthorName, &n.Kind, &n.Status, &n.Version,
		&n.ServiceDate, &start, &end, &n.Location, &n.Modality, &n.Category, &n.SingleEventReason, &n.PeerAction,
		&n.ParticipantResponse, &n.NextSteps, &n.OthersPresent, &n.Billable, &n.NonBillableReason, &n.Crisis, &n.ParticipantWords,
		&n.ParticipantAckName, &ack, &n.LateEntryReason, &due, &n.Created, &n.Updated, &n.ContentHash, &signed)
	n.Start, n.End, n.ParticipantAckAt, n.Due = start.Time.UTC(), end.Time.UTC(), ack.Time.UTC(), due.Time.UTC()
	if !start.Valid {
		n.Start = time.Time{}
	}
	if !end.Valid {
		n.End = time.Time{}
	}
	if !ack.Valid {
		n.ParticipantAckAt = time.Time{}
	}
	if !due.Valid {
		n.Due = time.Time{}
	}
	if signed.Valid {
		n.Signature = &goldthread.NoteSignature{Signed: signed.Time.UTC()} // loadNote reads the whole signature
	}
	n.Created, n.Updated = n.Created.UTC(), n.Updated.UTC()
	n.Narrative = narrative
	if !narrative {
		n.SingleEventReason, n.PeerAction, n.ParticipantResponse, n.NextSteps = "", "", "", ""
		n.OthersPresent, n.ParticipantWords, n.LateEntryReason = "", "", ""
	}
	return n, err
}

// loadNote reads one note in the actor's reach with everything under it.
func loadNote(ctx context.Context, tx *Tx, actor goldthread.Actor, id int64) (goldthread.Note, error) {
	scope, args := noteInReach(actor)
	narrative := seesNarrative(actor)
	n, err := scanNote(tx.QueryRow(ctx, "SELECT "+noteColumns+noteFrom+"WHERE n.id = ? AND "+scope, append([]any{id}, args...)...), narrative)
	if err != nil {
		return n, notFound(err, "No note %d in your reach.", id)
	}
	if n.Goals, err = noteGoals(ctx, tx, id); err != nil {
		return n, err
	}
	var sig goldthread.NoteSignature
	err = tx.QueryRow(ctx, "SELECT user_id, name, credential, attestation, signed_at FROM note_signature WHERE note_id = ?", id).
		Scan(&sig.UserID, &sig.Name, &sig.Credential, &sig.Attestation, &sig.Signed)
	switch {
	case err == nil:
		sig.Signed = sig.Signed.UTC()
		n.Signature = &sig
	case err == sql.ErrNoRows:
		n.Signature = nil
	default:
		return n, fmt.Errorf("store.loadNote: %w", err)
	}
	if n.Addenda, err = noteAddenda(ctx, tx, id, narrative); err != nil {
		return n, err
	}
	n.Dismissals, err = noteDismissals(ctx, tx, id)
	return n, err
}

func noteGoals(ctx context.Context, tx *Tx, id int64) ([]goldthread.NoteGoal, error) {
	rows, err := tx.Query(ctx, "SELECT goal_id, COALESCE(intervention_id, 0) FROM note_goal WHERE note_id = ? ORDER BY position", id)
	if err != nil {
		return nil, fmt.Errorf("store.noteGoals: %w", err)
	}
	defer rows.Close()
	var out []goldthread.NoteGoal
	for rows.Next() {
		var g goldthread.NoteGoal
		if err := rows.Scan(&g.GoalID, &g.InterventionID); err != nil {
			return nil, fmt.Errorf("store.noteGoals: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

func noteDismissals(ctx context.Context, tx *Tx, id int64) ([]goldthread.CoachDismissal, error) {
	rows, err := tx.Query(ctx, `SELECT field, rule_id, words, severity, dismissed_by, by_supervisor, reason, dismissed_at
		FROM note_coach_dismissal WHERE note_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("store.noteDismissals: %w", err)
	}
	defer rows.Close()
	var out []goldthread.CoachDismissal
	for rows.Next() {
		var d goldthread.CoachDismissal
		if err := rows.Scan(&d.Field, &d.RuleID, &d.Words, &d.Severity, &d.DismissedBy, &d.BySupervisor, &d.Reason, &d.At); err != nil {
			return nil, fmt.Errorf("store.noteDismissals: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
