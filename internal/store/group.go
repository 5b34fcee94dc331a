package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// GroupSessionInput is the root type under its old name.
type GroupSessionInput = goldthread.GroupSessionInput

// billsAsGroup is the question GroupSessionInput.Validate asks of the
// session's program: does its pack bill category as a group service.
func billsAsGroup(pack *rules.Pack) func(category string) bool {
	return func(category string) bool {
		_, ok := rules.ServiceFor(pack, category, true)
		return ok
	}
}

// groupProgram returns the pack of a program of the actor's agency, as the
// agency applies it (its overrides of the group size included).
func groupProgram(ctx context.Context, tx *Tx, actor goldthread.Actor, programID int64) (*rules.Pack, error) {
	var pack string
	if err := tx.QueryRow(ctx, "SELECT rule_pack FROM program WHERE id = ? AND agency_id = ?", programID, actor.AgencyID).Scan(&pack); err != nil {
		return nil, notFound(err, "Choose a program of your agency.")
	}
	return AgencyPack(ctx, tx, actor.AgencyID, pack)
}

// CreateGroupSession starts a group session facilitated by the actor (a
// peer specialist or supervisor), with its roster when in.Attendees is
// given (see UpdateGroupSession). Returns EINVALID naming the field.
func (db *DB) CreateGroupSession(ctx context.Context, actor goldthread.Actor, in GroupSessionInput) (goldthread.GroupSession, error) {
	if !goldthread.CanFacilitateGroups(actor) {
		return goldthread.GroupSession{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only peer specialists and supervisors facilitate groups.")
	}
	var out goldthread.GroupSession
	err := db.WriteTx(ctx, func(tx *Tx) error {
		pack, err := groupProgram(ctx, tx, actor, in.ProgramID)
		if err != nil {
			return goldthread.FieldError("program_id", "%s", goldthread.Reason(err))
		}
		if err := in.Validate(billsAsGroup(pack)); err != nil {
			return err
		}
		id, err := tx.insert(ctx, `INSERT INTO group_session (agency_id, program_id, facilitator_id, co_facilitators, topic, service_date,
			start_at, end_at, location, modality, category, shared_description, next_steps, status, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, in.ProgramID, actor.UserID, in.CoFacilitators, in.Topic,
			in.ServiceDate, in.Start.UTC(), in.End.UTC(), in.Location, in.Modality, in.Category, in.SharedDescription, in.NextSteps,
			goldthread.NoteDraft, tx.now, tx.now)
		if err != nil {
			return fmt.Errorf("store.CreateGroupSession: %w", err)
		}
		if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionCreate, "group_session", id, 0)); err != nil {
			return err
		}
		if in.Attendees != nil {
			g, err := loadGroup(ctx, tx, actor, id, true)
			if err != nil {
				return err
			}
			if err := saveRoster(ctx, tx, actor, g, in.Attendees); err != nil {
				return err
			}
		}
		out, err = loadGroup(ctx, tx, actor, id, true)
		return err
	})
	return out, err
}

// UpdateGroupSession saves a draft session as one form: its details and
// shared description and, when in.Attendees is not nil, every member's
// line (see saveRoster), all or nothing. in.Version must be the version the
// edit started from: ECONFLICT otherwise, as once signed. Only the
// facilitator (EFORBIDDEN); EINVALID names the field.
func (db *DB) UpdateGroupSession(ctx context.Context, actor goldthread.Actor, id int64, in GroupSessionInput) (goldthread.GroupSession, error) {
	if in.Version == 0 {
		return goldthread.GroupSession{}, goldthread.FieldError("version", "Send the version of the session you started from.")
	}
	var out goldthread.GroupSession
	err := db.WriteTx(ctx, func(tx *Tx) error {
		g, err := loadGroup(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		in.ProgramID = g.ProgramID // the roster was enrolled in this program
		pack, err := groupProgram(ctx, tx, actor, g.ProgramID)
		if err != nil {
			return err
		}
		if err := in.Validate(billsAsGroup(pack)); err != nil {
			return err
		}
		if err := bumpGroup(ctx, tx, id, in.Version); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE group_session SET co_facilitators = ?, topic = ?, service_date = ?, start_at = ?, end_at = ?,
			location = ?, modality = ?, category = ?, shared_description = ?, next_steps = ?, updated_at = ? WHERE id = ?`, in.CoFacilitators,
			in.Topic, in.ServiceDate, in.Start.UTC(), in.End.UTC(), in.Location, in.Modality, in.Category, in.SharedDescription, in.NextSteps, tx.now, id); err != nil {
			return fmt.Errorf("store.UpdateGroupSession: %w", err)
		}
		if err := tx.Audit(ctx, auditFor(actor, goldthread.ActionUpdate, "group_session", id, 0)); err != nil {
			return err
		}
		if in.Attendees != nil {
			if err := saveRoster(ctx, tx, actor, g, in.Attendees); err != nil {
				return err
			}
		}
		out, err = loadGroup(ctx, tx, actor, id, true)
		return err
	})
	return out, err
}

// SetAttendee adds a participant to a draft session's roster or changes
// their attendance, response and goals. The participant must be servable
// in the group's program (enrolled in it now, active, in the agency; see
// groupMemberPack). Marking someone present beyond the pack's group size
// limit is refused naming the limit and its source (NC 8G: 12).
func (db *DB) SetAttendee(ctx context.Context, actor goldthread.Actor, sessionID int64, a goldthread.GroupAttendee) (goldthread.GroupSession, error) {
	var out goldthread.GroupSession
	err := db.WriteTx(ctx, func(tx *Tx) error {
		g, err := loadGroup(ctx, tx, actor, sessionID, true)
		if err != nil {
			return err
		}
		pack, err := groupMemberPack(ctx, tx, actor, a.ParticipantID, g.ProgramID)
		if err != nil {
			return goldthread.FieldError("participant_id", "%s", goldthread.Reason(err))
		}
		present := 0
		for _, x := range g.Attendees {
			if x.Present && x.ParticipantID != a.ParticipantID {
				present++
			}
		}
		if max := pack.Group.MaxSize; a.Present && max.Value > 0 && present+1 > max.Value {
			return goldthread.FieldError("present", "This group already has %d %{participant|participants} present; %s allows at most %d per group (source: %s; %s).",
				present, pack.Label(), max.Value, max.Source, max.Status)
		}
		if err := bumpGroup(ctx, tx, sessionID, 0); err != nil {
			return err
		}
		if err := putAttendee(ctx, tx, actor, g, a); err != nil {
			return err
		}
		out, err = loadGroup(ctx, tx, actor, sessionID, true)
		return err
	})
	return out, err
}

// RemoveAttendee takes a participant off a draft session's roster.
func (db *DB) RemoveAttendee(ctx context.Context, actor goldthread.Actor, sessionID, participantID int64) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		if _, err := loadGroup(ctx, tx, actor, sessionID, true); err != nil {
			return err
		}
		if err := bumpGroup(ctx, tx, sessionID, 0); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM group_attendee WHERE session_id = ? AND participant_id = ?", sessionID, participantID); err != nil {
			return fmt.Errorf("store.RemoveAttendee: %w", err)
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionUpdate, "group_session", sessionID, participantID))
	})
}

// SignGroupSession signs a draft session once, with one re-authentication:
// each attendee present gets their own signed group note (the shared
// description as what the peer did, their response, their goals from their
// own plan in force), checked like any note; absentees get none. All notes
// and the session commit together or not at all. Only the facilitator.
func (db *DB) SignGroupSession(ctx context.Context, actor goldthread.Actor, sessionID int64, in SignNoteInput) ([]goldthread.Note, error) {
	in.Attestation = strings.TrimSpace(in.Attestation)
	if in.Attestation == "" {
		return nil, goldthread.FieldError("attest", "Confirm the attestation to sign.")
	}
	if in.Password == "" {
		return nil, goldthread.FieldError("password", "Enter your password to sign.")
	}
	if err := db.ReadTx(ctx, func(tx *Tx) error { _, err := loadGroup(ctx, tx, actor, sessionID, true); return err }); err != nil {
		return nil, err
	}
	if err := db.checkPassword(ctx, actor, in.Password, sessionID, 0, "group_session"); err != nil {
		return nil, err
	}
	var notes []goldthread.Note
	err := db.WriteTx(ctx, func(tx *Tx) error {
		g, err := loadGroup(ctx, tx, actor, sessionID, true)
		if err != nil {
			return err
		}
		if g.PresentCount() == 0 {
			return goldthread.FieldError("attendees", "Mark at least one participant present before signing.")
		}
		if strings.TrimSpace(g.SharedDescription) == "" {
			return goldthread.FieldError("shared_description", "Describe what the group did before signing.")
		}
		actor := serving(actor, g) // the members' notes are written in their records
		for _, a := range g.Attendees {
			if !a.Present {
				continue
			}
			id, err := attendeeDraftTx(ctx, tx, actor, g, a)
			if err != nil {
				return err
			}
			n, _, err := signNoteTx(ctx, tx, actor, id, SignNoteInput{Attestation: in.Attestation, LateEntryReason: in.LateEntryReason}, nil, nil)
			if err != nil {
				return attendeeError(a, err)
			}
			if _, err := tx.Exec(ctx, "UPDATE group_attendee SET note_id = ? WHERE session_id = ? AND participant_id = ?", id, sessionID, a.ParticipantID); err != nil {
				return fmt.Errorf("store.SignGroupSession: %w", err)
			}
			notes = append(notes, n)
		}
		if _, err := tx.Exec(ctx, "UPDATE group_session SET status = ?, signed_at = ?, updated_at = ? WHERE id = ?",
			goldthread.NoteSigned, tx.now, tx.now, sessionID); err != nil {
			return fmt.Errorf("store.SignGroupSession: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSign, "group_session", sessionID, 0)
		ev.Detail = "notes=" + strconv.Itoa(len(notes))
		return tx.Audit(ctx, ev)
	})
	if err != nil {
		return nil, err
	}
	return notes, nil
}

// attendeeDraftTx writes member a's group note of session g as a draft,
// to be checked and signed: the shared description as what the peer did,
// their response, their goals (or the session as a single event).
func attendeeDraftTx(ctx context.Context, tx *Tx, actor goldthread.Actor, g goldthread.GroupSession, a goldthread.GroupAttendee) (int64, error) {
	pack, err := noteProgram(ctx, tx, actor, a.ParticipantID, g.ProgramID)
	if err != nil {
		return 0, err
	}
	ni := NoteInput{ParticipantID: a.ParticipantID, ProgramID: g.ProgramID, Kind: goldthread.NoteGroup, ServiceDate: g.ServiceDate,
		Start: g.Start, End: g.End, Location: g.Location, Modality: g.Modality, Category: g.Category, Goals: a.Goals,
		PeerAction: g.SharedDescription, ParticipantResponse: a.Response, NextSteps: g.NextSteps, Billable: true,
		OthersPresent: strings.TrimSpace("group members " + g.CoFacilitators)}
	if len(a.Goals) == 0 {
		ni.SingleEventReason = "Group session: " + g.Topic
	}
	if err := ni.Validate(packCategories(pack)); err != nil {
		return 0, attendeeError(a, err)
	}
	return insertDraftTx(ctx, tx, actor, ni, pack, g.ID)
}

// attendeeError names the attendee a refusal is about, so the facilitator
// knows whose line to fix.
func attendeeError(a goldthread.GroupAttendee, err error) error {
	if goldthread.ErrorKind(err) != goldthread.EINVALID {
		return err
	}
	return goldthread.FieldError("attendees."+strconv.FormatInt(a.ParticipantID, 10)+"."+goldthread.ErrorField(err),
		"%s: %s", a.Name, goldthread.Reason(err))
}

// encodeGoalLinks keeps an attendee's picks while the session is a draft
// ("goal:intervention,…"); signing writes them as the note's goal links.
func encodeGoalLinks(gs []goldthread.NoteGoal) string {
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = strconv.FormatInt(g.GoalID, 10) + ":" + strconv.FormatInt(g.InterventionID, 10)
	}
	return strings.Join(parts, ",")
}

func decodeGoalLinks(s string) []goldthread.NoteGoal {
	var out []goldthread.NoteGoal
	for _, p := range strings.Split(s, ",") {
		g, i, ok := strings.Cut(p, ":")
		if !ok {
			continue
		}
		gid, _ := strconv.ParseInt(g, 10, 64)
		iid, _ := strconv.ParseInt(i, 10, 64)
		if gid != 0 {
			out = append(out, goldthread.NoteGoal{GoalID: gid, InterventionID: iid})
		}
	}
	return out
}
