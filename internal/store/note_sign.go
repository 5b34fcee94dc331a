package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/rules"
)

// SignNoteInput is the root type under its old name.
type SignNoteInput = goldthread.SignNoteInput

// checkPassword re-authenticates the actor against app_user outside any
// write transaction (argon2id is slow on purpose). A wrong password is
// counted against the account and audited as a failed signature in a
// transaction of its own, so the audit survives the refusal, and returns
// EUNAUTHORIZED on field "password"; past the account's allowance
// (reauthenticate) the answer is *TooManyAttempts and nothing is checked.
//
// In place of the password, pw may be ReauthPrefix and a proof from
// IssueReauthProof (the person just used their passkey): it works once,
// for them, within two minutes.
func (db *DB) checkPassword(ctx context.Context, actor goldthread.Actor, pw string, recordID, participantID int64, what string) error {
	var hash string
	err := db.readRow(ctx, "SELECT password_hash FROM app_user WHERE id = ? AND agency_id = ? AND active = ?",
		[]any{actor.UserID, actor.AgencyID, true}, &hash)
	if err != nil {
		return notFound(err, "Your account is not active.")
	}
	ev := auditFor(actor, goldthread.ActionSign, what, recordID, participantID)
	if proof, isProof := reauthProof(pw); isProof {
		ok, err := db.takeReauthProof(ctx, actor, proof)
		if err != nil || ok {
			return err
		}
		err = db.WriteTx(ctx, func(tx *Tx) error {
			ev.Outcome, ev.Detail = goldthread.OutcomeFailure, "passkey_proof_refused"
			return tx.Audit(ctx, ev)
		})
		if err != nil {
			return err
		}
		return goldthread.ErrorAbout(goldthread.EUNAUTHORIZED, "password", "Your passkey check has run out. Use your passkey again, or type your password.")
	}
	return db.reauthenticate(ctx, actor, pw, hash, ev, "wrong_password",
		goldthread.ErrorAbout(goldthread.EUNAUTHORIZED, "password", "That password is not right. Enter the password you sign in with to sign."))
}

// SignNote signs a draft as its author and locks it. It re-authenticates
// the author (wrong password: EUNAUTHORIZED, audited), requires the
// attestation text, and refuses (EINVALID naming the field) when: end is
// not after start; the service date is in the future or not the start's
// date; the service is longer than 8 hours; a goal link is not in the
// plan in force on the service date; a block-level coach finding was not
// dismissed by a supervisor; the note is late without a reason; or the
// compliance engine returns a block_signing finding. Findings that do not
// block signing (overlaps, billing blocks, warnings) are stored with the
// signature and returned. Only the author signs (EFORBIDDEN); a signed
// note answers ECONFLICT; a stale version ECONFLICT.
//
// The draft's history (the past notes it is compared with) is read before
// the write transaction, with the draft, and used in it unless a note of
// the same author or participant was signed in between (then it is read
// again), so the one writer is held for less.
func (db *DB) SignNote(ctx context.Context, actor goldthread.Actor, id int64, in SignNoteInput) (goldthread.Note, []rules.Finding, error) {
	return db.signNote(ctx, actor, id, in, nil)
}

// signNote is SignNote; between, when not nil, runs after the history is
// read and before the write transaction (tests: a race in that gap).
func (db *DB) signNote(ctx context.Context, actor goldthread.Actor, id int64, in SignNoteInput, between func()) (goldthread.Note, []rules.Finding, error) {
	in.Attestation, in.LateEntryReason = strings.TrimSpace(in.Attestation), strings.TrimSpace(in.LateEntryReason)
	var pre goldthread.Note
	var read *signedHistory
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		if pre, err = loadNote(ctx, tx, actor, id); err != nil {
			return err
		}
		if err := editableBy(actor, pre); err != nil {
			return err
		}
		if in.Attestation == "" {
			return nil // refused below, nothing to check
		}
		read, err = readSignedHistory(ctx, tx, pre)
		return err
	})
	if err != nil {
		return goldthread.Note{}, nil, err
	}
	if in.Attestation == "" {
		return goldthread.Note{}, nil, goldthread.FieldError("attest", "Confirm the attestation to sign.")
	}
	switch {
	case in.Grant != "":
		if err := db.checkGrant(ctx, actor, in.Grant, id, pre.ParticipantID, "note"); err != nil {
			return goldthread.Note{}, nil, err
		}
	case in.Password == "":
		return goldthread.Note{}, nil, goldthread.FieldError("password", "Enter your password to sign.")
	default:
		if err := db.checkPassword(ctx, actor, in.Password, id, pre.ParticipantID, "note"); err != nil {
			return goldthread.Note{}, nil, err
		}
	}
	if between != nil {
		between()
	}
	var out goldthread.Note
	var kept []rules.Finding
	err = db.WriteTx(ctx, func(tx *Tx) error {
		var err error
		out, kept, err = signNoteTx(ctx, tx, actor, id, in, read, nil)
		return err
	})
	if err != nil {
		return goldthread.Note{}, nil, err
	}
	return out, kept, nil
}

// signNoteTx signs draft id inside tx once the author is re-authenticated:
// the checks of SignNote, the signature row, the lock and the audit event.
// Group sessions call it once per attendee's note under one password.
// read is the draft's history read before tx (SignNote), or nil; carried
// is the history a bulk load keeps in memory (NoteLoad), or nil. It
// returns the draft as it was read and checked in tx, with what signing
// wrote (status, content hash, late reason, updated time, signature): the
// note as loadNote would read it back, without the five reads
// (TestSignedNoteIsTheStoredNote).
func signNoteTx(ctx context.Context, tx *Tx, actor goldthread.Actor, id int64, in SignNoteInput, read *signedHistory, carried *historyBatch) (goldthread.Note, []rules.Finding, error) {
	var kept []rules.Finding
	n, err := loadNote(ctx, tx, actor, id)
	if err != nil {
		return goldthread.Note{}, nil, err
	}
	if err := editableBy(actor, n); err != nil {
		return goldthread.Note{}, nil, err
	}
	if in.Version != 0 && in.Version != n.Version {
		return goldthread.Note{}, nil, goldthread.Errorf(goldthread.ECONFLICT, "This draft changed since you opened it. Review the latest version and sign again.")
	}
	if in.LateEntryReason != "" {
		n.LateEntryReason = in.LateEntryReason
	}
	problems, kept, err := signingProblems(ctx, tx, actor, n, read, carried)
	if err != nil {
		return goldthread.Note{}, nil, err
	}
	if len(problems) > 0 {
		return goldthread.Note{}, nil, signRefusal(problems)
	}
	var name, credential string
	if err := tx.QueryRow(ctx, "SELECT name, credential FROM app_user WHERE id = ?", actor.UserID).Scan(&name, &credential); err != nil {
		return goldthread.Note{}, nil, fmt.Errorf("store.SignNote: %w", err)
	}
	n.Status = goldthread.NoteSigned
	n.ContentHash = noteHash(n)
	findings, _ := json.Marshal(kept)
	if _, err := tx.Exec(ctx, `INSERT INTO note_signature (note_id, user_id, name, credential, attestation, signed_at, content_hash, findings)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, actor.UserID, name, credential, in.Attestation, tx.now, n.ContentHash, string(findings)); err != nil {
		return goldthread.Note{}, nil, fmt.Errorf("store.SignNote: %w", err)
	}
	// The text signature, once: later signings compare against it.
	if _, err := tx.Exec(ctx, "INSERT INTO note_text_signature (note_id, signature) VALUES (?, ?)", id, noteTextSignature(n).Encode()); err != nil {
		return goldthread.Note{}, nil, fmt.Errorf("store.SignNote: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE service_note SET status = ?, signed_at = ?, content_hash = ?, late_entry_reason = ?, updated_at = ?
		WHERE id = ? AND status = ?`, goldthread.NoteSigned, tx.now, n.ContentHash, n.LateEntryReason, tx.now, id, goldthread.NoteDraft); err != nil {
		return goldthread.Note{}, nil, fmt.Errorf("store.SignNote: %w", err)
	}
	n.Updated = tx.now
	n.Signature = &goldthread.NoteSignature{UserID: actor.UserID, Name: name, Credential: credential, Attestation: in.Attestation, Signed: tx.now}
	if err := refreshNoteReview(ctx, tx, id); err != nil { // it enters the review queue's table
		return goldthread.Note{}, nil, err
	}
	if err := countSignedNote(ctx, tx, id); err != nil { // and the program dashboard's counts
		return goldthread.Note{}, nil, err
	}
	ev := auditFor(actor, goldthread.ActionSign, "note", id, n.ParticipantID)
	ev.Detail = "findings=" + strconv.Itoa(len(kept))
	if in.Grant != "" {
		ev.Detail += " reauth=grant" // the signature rests on an earlier re-authentication
	}
	if err := tx.Audit(ctx, ev); err != nil {
		return goldthread.Note{}, nil, err
	}
	return n, kept, nil
}

// checkNoteTimes: the service has a start and an end on its service date,
// the end after the start, not in the future, at most maxNoteMinutes. Dates
// are read on the agency's clocks (zone): a service at 9:30 PM in New York
// is on that day, not on the next day in UTC, and a service date after the
// agency's today is in the future even where UTC has already reached it.
func checkNoteTimes(n goldthread.Note, now time.Time, zone *time.Location) error {
	today := goldthread.DateIn(now, zone)
	switch {
	case n.Start.IsZero():
		return goldthread.FieldError("start", "Enter the time the service started.")
	case n.End.IsZero():
		return goldthread.FieldError("end", "Enter the time the service ended.")
	case !n.End.After(n.Start):
		return goldthread.FieldError("end", "The end time must be after the start time.")
	case n.ServiceDate.After(today.Time) || n.End.After(now):
		return goldthread.FieldError("service_date", "The service is in the future; write the note after the service happened.")
	case goldthread.DateIn(n.Start, zone) != n.ServiceDate:
		return goldthread.FieldError("start", "The start time must fall on the service date.")
	case n.Minutes() > maxNoteMinutes:
		return goldthread.FieldError("end", "A service of %d %{minute|minutes} is longer than the %d-hour limit; check the times or split the note.", n.Minutes(), maxNoteMinutes/60)
	}
	return nil
}

// checkNoteGoalLinks proves every goal link (and its intervention) belongs
// to the plan in force on the service date, and returns that plan (nil
// when none). The plan engineer's CheckGoalLinks was not available when
// this was written; this reads PlanInForceTx directly.
func checkNoteGoalLinks(ctx context.Context, tx *Tx, actor goldthread.Actor, n goldthread.Note) (*goldthread.Plan, error) {
	plan, err := PlanInForceTx(ctx, tx, actor, n.ParticipantID, n.ProgramID, n.ServiceDate)
	if goldthread.ErrorKind(err) == goldthread.ENOTFOUND {
		if len(n.Goals) > 0 {
			return nil, goldthread.FieldError("goals", "No signed plan is in force on %s, so the note cannot link to a goal. Give the single-event reason instead.", n.ServiceDate)
		}
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	for _, link := range n.Goals {
		if !planHas(plan, link) {
			return nil, goldthread.FieldError("goals", "A linked goal or intervention is not in the plan in force on %s. Choose from the current plan.", n.ServiceDate)
		}
	}
	return &plan, nil
}

func planHas(p goldthread.Plan, link goldthread.NoteGoal) bool {
	for _, g := range p.Goals {
		if g.ID != link.GoalID {
			continue
		}
		if link.InterventionID == 0 {
			return true
		}
		for _, iv := range g.Interventions {
			if iv.ID == link.InterventionID {
				return true
			}
		}
	}
	return false
}

// NoteCoachFields names the narrative fields the coach reads, as form
// fields.
var NoteCoachFields = []string{"peer_action", "participant_response", "next_steps", "single_event_reason", "others_present"}

// NoteField returns the text of a coached field of n.
func NoteField(n goldthread.Note, field string) string {
	switch field {
	case "peer_action":
		return n.PeerAction
	case "participant_response":
		return n.ParticipantResponse
	case "next_steps":
		return n.NextSteps
	case "single_event_reason":
		return n.SingleEventReason
	case "others_present":
		return n.OthersPresent
	}
	return ""
}

// coachBlocks lists the block-level coach findings no supervisor
// dismissed, as problems to fix before signing, and returns the
// non-covered phrases for the compliance engine.
func coachBlocks(n goldthread.Note, pack *rules.Pack, lex *coach.Lexicon) ([]string, []goldthread.SignProblem) {
	var noncovered []string
	var problems []goldthread.SignProblem
	for _, field := range NoteCoachFields {
		for _, f := range coach.CoachText(NoteField(n, field), coach.Context{Program: pack.ID, Lexicon: lex}) {
			if f.Category == coach.CategoryNoncovered {
				noncovered = append(noncovered, f.Words)
			}
			if f.Severity != coach.SeverityBlock || dismissed(n, field, f, true) {
				continue
			}
			why, suggestion := locale.CoachTexts(f)
			msg := goldthread.Textf("%q: %s %s A supervisor can dismiss this if it does not apply.", f.Words, why, suggestion)
			problems = append(problems, goldthread.SignProblem{Field: field, RuleID: f.RuleID, Source: f.Source,
				Message: msg.String(), MessageText: msg})
		}
	}
	return noncovered, problems
}

func dismissed(n goldthread.Note, field string, f coach.Finding, needSupervisor bool) bool {
	for _, d := range n.Dismissals {
		if d.Field == field && d.RuleID == f.RuleID && strings.EqualFold(d.Words, f.Words) && (d.BySupervisor || !needSupervisor) {
			return true
		}
	}
	return false
}

// noteHash is the SHA-256 of the signed content, so anyone can prove later
// that what is shown is what was signed.
func noteHash(n goldthread.Note) string {
	content := struct {
		ID, ParticipantID, ProgramID, AuthorID       int64
		Kind, ServiceDate, Start, End                string
		Location, Modality, Category, SingleEvent    string
		Goals                                        []goldthread.NoteGoal
		PeerAction, Response, NextSteps, Others      string
		Billable, Crisis                             bool
		NonBillable, Words, AckName, AckAt, LateNote string
	}{n.ID, n.ParticipantID, n.ProgramID, n.AuthorID, n.Kind, n.ServiceDate.String(), n.Start.UTC().String(), n.End.UTC().String(),
		n.Location, n.Modality, n.Category, n.SingleEventReason, n.Goals, n.PeerAction, n.ParticipantResponse, n.NextSteps,
		n.OthersPresent, n.Billable, n.Crisis, n.NonBillableReason, n.ParticipantWords, n.ParticipantAckName,
		n.ParticipantAckAt.UTC().String(), n.LateEntryReason}
	b, _ := json.Marshal(content)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// DismissCoachFinding records, on a draft, that a coach finding in field
// does not apply. The author may dismiss info and warn findings; a
// block-level finding counts only when a supervisor dismisses it (a peer's
// attempt is EFORBIDDEN). The finding must currently be in the text
// (EINVALID otherwise).
func (db *DB) DismissCoachFinding(ctx context.Context, actor goldthread.Actor, noteID int64, field, ruleID, words, reason string) error {
	return db.WriteTx(ctx, func(tx *Tx) error {
		n, err := loadNote(ctx, tx, actor, noteID)
		if err != nil {
			return err
		}
		if n.Status != goldthread.NoteDraft {
			return goldthread.Errorf(goldthread.ECONFLICT, "This note is signed; coach findings can no longer be dismissed.")
		}
		supervisor := actor.Has(goldthread.RoleSupervisor) && n.AuthorID != actor.UserID
		if n.AuthorID != actor.UserID && !supervisor {
			return goldthread.Errorf(goldthread.EFORBIDDEN, "Only the author or a supervisor dismisses coach findings.")
		}
		pack, err := noteProgram(ctx, tx, actor, n.ParticipantID, n.ProgramID)
		if err != nil {
			return err
		}
		lex, err := agencyLexiconTx(ctx, tx, actor.AgencyID, n.ProgramID)
		if err != nil {
			return err
		}
		var found *coach.Finding
		for _, f := range coach.CoachText(NoteField(n, field), coach.Context{Program: pack.ID, Lexicon: lex}) {
			if f.RuleID == ruleID && strings.EqualFold(f.Words, words) {
				found = &f
				break
			}
		}
		if found == nil {
			return goldthread.FieldError(field, "That coach finding is no longer in the text; save the note and look again.")
		}
		if found.Severity == coach.SeverityBlock && !supervisor {
			return goldthread.Errorf(goldthread.EFORBIDDEN, "This finding is outside the peer role; rewrite the words, or ask your supervisor to dismiss it.")
		}
		if _, err := tx.Exec(ctx, `INSERT INTO note_coach_dismissal (note_id, field, rule_id, words, severity, dismissed_by, by_supervisor, reason, dismissed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, noteID, field, found.RuleID, found.Words, string(found.Severity), actor.UserID,
			supervisor, strings.TrimSpace(reason), tx.now); err != nil {
			return fmt.Errorf("store.DismissCoachFinding: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "note", noteID, n.ParticipantID)
		ev.Detail = "coach_dismissed=" + found.RuleID
		return tx.Audit(ctx, ev)
	})
}
