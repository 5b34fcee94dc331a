package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// SignProblems lists everything that would stop the author from signing
// draft id as it stands, each with its fix, before they attest or enter a
// password: the same checks SignNote makes (times, late reason, goal
// links, unresolved block-level coach findings, the payer rules that block
// signing), all of them rather than the first. An empty list means signing
// would succeed. Only the author asks (EFORBIDDEN); a signed note is
// ECONFLICT. The read is audited.
func (db *DB) SignProblems(ctx context.Context, actor goldthread.Actor, id int64) ([]goldthread.SignProblem, error) {
	var out []goldthread.SignProblem
	err := db.WriteTx(ctx, func(tx *Tx) error {
		n, err := loadNote(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := editableBy(actor, n); err != nil {
			return err
		}
		if out, _, err = signingProblems(ctx, tx, actor, n, nil, nil); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionRead, "note", id, n.ParticipantID)
		ev.Detail = "sign_check problems=" + strconv.Itoa(len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// signingProblems runs every check signing makes on draft n and returns
// what blocks it, and the rule findings that do not block (stored with the
// signature). Only an error of the database, or a note out of reach, is an
// error. read is n's history read before this transaction, or nil: used
// only when it still fits n (signedHistory.fits), so the answer is the
// same either way. carried is the history a bulk load keeps in memory
// across its notes (NoteLoad), handed to noteCheckInput as a billing run
// hands its own; nil reads the history for this note.
func signingProblems(ctx context.Context, tx *Tx, actor goldthread.Actor, n goldthread.Note, read *signedHistory, carried *historyBatch) ([]goldthread.SignProblem, []rules.Finding, error) {
	var problems []goldthread.SignProblem
	field := func(err error, remedy string) {
		problems = append(problems, goldthread.SignProblem{Field: goldthread.ErrorField(err), Message: goldthread.ErrorMessage(err), Remedy: remedy,
			Cause: goldthread.Reason(err)})
	}
	pack, err := noteProgram(ctx, tx, actor, n.ParticipantID, n.ProgramID)
	if err != nil {
		return nil, nil, err
	}
	zone, err := programZone(ctx, tx, n.AgencyID, n.ProgramID)
	if err != nil {
		return nil, nil, err
	}
	timesWrong := false
	if err := checkNoteTimes(n, tx.now, zone); err != nil {
		timesWrong = true
		remedy := goldthread.RemedyTimes
		if goldthread.ErrorField(err) == "service_date" {
			remedy = ""
		}
		field(err, remedy)
	}
	if !timesWrong {
		if err := enrolmentCovers(ctx, tx, n.ParticipantID, n.ProgramID, n.ServiceDate); err != nil {
			if goldthread.ErrorKind(err) != goldthread.EINVALID {
				return nil, nil, err
			}
			field(err, goldthread.RemedyTimes)
		}
	}
	if !n.Due.IsZero() && tx.now.After(n.Due) && n.LateEntryReason == "" {
		field(goldthread.FieldError("late_entry_reason", "This note is past its deadline; say why it is late. It will be labelled a late entry."), "")
	}
	plan, err := checkNoteGoalLinks(ctx, tx, actor, n)
	if goldthread.ErrorKind(err) == goldthread.EINVALID {
		field(err, "")
	} else if err != nil {
		return nil, nil, err
	}
	lex, err := agencyLexiconTx(ctx, tx, actor.AgencyID, n.ProgramID)
	if err != nil {
		return nil, nil, err
	}
	_, blocks := coachBlocks(n, pack, lex)
	problems = append(problems, blocks...)
	input, _, err := noteCheckInput(ctx, tx, n, checkContext{pack: pack, lexicon: lex, read: read, history: carried, plan: plan})
	if err != nil {
		return nil, nil, err
	}
	var kept []rules.Finding
	for _, f := range rules.Check(input) {
		if f.Severity != rules.BlockSigning {
			kept = append(kept, f)
			continue
		}
		if timesWrong && (f.RuleID == rules.RuleTimes || f.RuleID == rules.RuleFutureDate) {
			continue // said once, above
		}
		p := goldthread.SignProblem{RuleID: f.RuleID, Message: f.Message, Fix: f.Fix, Source: f.Source, MessageText: f.MessageText, FixText: f.FixText}
		switch f.RuleID {
		case rules.RuleRequiredElements:
			switch f.Field {
			case "category":
				p.Field, p.Remedy = "category", goldthread.RemedyCategory
			case "goal", "intervention":
				p.Field = "goals"
			case "start_end_time":
				p.Field, p.Remedy = "start", goldthread.RemedyTimes
			default:
				p.Field = f.Field
			}
		case rules.RuleCategory:
			p.Field, p.Remedy = "category", goldthread.RemedyCategory
		case rules.RuleCollateral:
			p.Field, p.Remedy = "billable", goldthread.RemedyNonBillable
		case rules.RuleOverlapAuthor:
			p.Field, p.Remedy = "start", goldthread.RemedyTimes
			if p.Other, err = otherService(ctx, tx, f.Related); err != nil {
				return nil, nil, err
			}
		case rules.RuleTimes, rules.RuleFutureDate:
			p.Field = "start"
		}
		problems = append(problems, p)
	}
	return problems, kept, nil
}

// signRefusal is SignNote's answer to a draft with problems: EINVALID on
// the first problem's field, saying every problem and its fix.
func signRefusal(ps []goldthread.SignProblem) error {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = strings.TrimSpace(p.Message + " " + p.Fix)
	}
	return goldthread.FieldError(ps[0].Field, "%s", strings.Join(msgs, " "))
}

// otherService describes the author's signed service noteID (an overlap's
// other side): the group's topic, or the participant of an individual note.
func otherService(ctx context.Context, tx *Tx, noteID string) (*goldthread.OtherService, error) {
	id, err := strconv.ParseInt(noteID, 10, 64)
	if err != nil {
		return nil, nil
	}
	o := goldthread.OtherService{NoteID: id}
	var group sql.NullInt64
	var topic sql.NullString
	var p goldthread.Participant
	err = tx.QueryRow(ctx, `SELECT n.group_session_id, g.topic, p.first_name, p.last_name, p.preferred_name, n.start_at, n.end_at
		FROM service_note n JOIN participant p ON p.id = n.participant_id LEFT JOIN group_session g ON g.id = n.group_session_id
		WHERE n.id = ?`, id).Scan(&group, &topic, &p.FirstName, &p.LastName, &p.PreferredName, &o.Start, &o.End)
	if err != nil {
		return nil, fmt.Errorf("store.otherService: %w", err)
	}
	o.Start, o.End = o.Start.UTC(), o.End.UTC()
	if group.Valid {
		o.GroupSessionID, o.Topic = group.Int64, topic.String
	} else {
		o.Participant = p.DisplayName()
	}
	return &o, nil
}

// NoteInputOf is a draft's content as an input to UpdateDraftNote, at its
// current version: a fix changes one field of it and saves the rest as is.
func NoteInputOf(n goldthread.Note) NoteInput {
	return NoteInput{ParticipantID: n.ParticipantID, ProgramID: n.ProgramID, Kind: n.Kind, Version: n.Version, ServiceDate: n.ServiceDate,
		Start: n.Start, End: n.End, Location: n.Location, Modality: n.Modality, Category: n.Category, Goals: n.Goals,
		SingleEventReason: n.SingleEventReason, PeerAction: n.PeerAction, ParticipantResponse: n.ParticipantResponse, NextSteps: n.NextSteps,
		OthersPresent: n.OthersPresent, Billable: n.Billable, NonBillableReason: n.NonBillableReason, Crisis: n.Crisis,
		LateEntryReason: n.LateEntryReason}
}

// SignFix is the root type under its old name.
type SignFix = goldthread.SignFix

// FixDraft applies fix to draft id and saves it as UpdateDraftNote does
// (the author only, ECONFLICT when the version is stale or the note is
// signed). Marking a note non-billable needs the reason a reviewer will
// ask for; EINVALID names the field that is missing or wrong.
func (db *DB) FixDraft(ctx context.Context, actor goldthread.Actor, id int64, fix SignFix) (goldthread.Note, error) {
	var n goldthread.Note
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		if n, err = loadNote(ctx, tx, actor, id); err != nil {
			return err
		}
		return editableBy(actor, n)
	})
	if err != nil {
		return goldthread.Note{}, err
	}
	if err := fix.Validate(); err != nil {
		return goldthread.Note{}, err
	}
	in := NoteInputOf(n)
	in.Version = fix.Version
	switch fix.Remedy {
	case goldthread.RemedyCategory:
		in.Category = fix.Category
	case goldthread.RemedyNonBillable:
		in.Billable, in.NonBillableReason = false, fix.NonBillableReason
	case goldthread.RemedyTimes:
		in.Start, in.End = fix.Start, fix.End
	}
	return db.UpdateDraftNote(ctx, actor, id, in)
}
