package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/rules"
)

// NoteFindings runs the compliance engine and the language coach on note
// noteID as it stands, draft or signed: the same pack (with the agency's
// overrides), lexicon (with the agency's changes) and Input builder as
// signing, so what a screen shows is what signing and billing decide. A
// signed note is checked as of its signature time. Rule findings come most
// blocking first. Coach findings leave out those dismissed on the note
// (a block-level one only when a supervisor dismissed it), and are empty
// for a reader who does not see the narrative (billing), though the
// engine still reads it. Anyone who may read the note may ask (ENOTFOUND
// otherwise); the read is audited.
func (db *DB) NoteFindings(ctx context.Context, actor goldthread.Actor, noteID int64) ([]rules.Finding, []coach.Finding, error) {
	var ruleOut []rules.Finding
	var coachOut []coach.Finding
	err := db.WriteTx(ctx, func(tx *Tx) error {
		n, err := loadNote(ctx, tx, actor, noteID)
		if err != nil {
			return err
		}
		visible := n.Narrative
		if !visible {
			if err := tx.QueryRow(ctx, `SELECT single_event_reason, peer_action, participant_response, next_steps, others_present
				FROM service_note WHERE id = ? AND agency_id = ?`, noteID, actor.AgencyID).Scan(&n.SingleEventReason, &n.PeerAction,
				&n.ParticipantResponse, &n.NextSteps, &n.OthersPresent); err != nil {
				return fmt.Errorf("store.NoteFindings: %w", err)
			}
		}
		var packID string
		if err := tx.QueryRow(ctx, "SELECT rule_pack FROM program WHERE id = ? AND agency_id = ?", n.ProgramID, actor.AgencyID).Scan(&packID); err != nil {
			return notFound(err, "The note's program is not in your agency.")
		}
		pack, err := AgencyPack(ctx, tx, actor.AgencyID, packID)
		if err != nil {
			return err
		}
		lex, err := agencyLexiconTx(ctx, tx, actor.AgencyID, n.ProgramID)
		if err != nil {
			return err
		}
		for _, field := range NoteCoachFields {
			for _, f := range coach.CoachText(NoteField(n, field), coach.Context{Program: pack.ID, Lexicon: lex}) {
				if visible && !dismissed(n, field, f, f.Severity == coach.SeverityBlock) {
					coachOut = append(coachOut, f)
				}
			}
		}
		input, _, err := noteCheckInput(ctx, tx, n, checkContext{pack: pack, lexicon: lex})
		if err != nil {
			return err
		}
		ruleOut = rules.Check(input)
		ev := auditFor(actor, goldthread.ActionRead, "note", noteID, n.ParticipantID)
		ev.Detail = "compliance_check findings=" + strconv.Itoa(len(ruleOut))
		return tx.Audit(ctx, ev)
	})
	if err != nil {
		return nil, nil, err
	}
	return ruleOut, coachOut, nil
}

// SignatureFindings returns the findings stored with the signature of
// note noteID when it was signed (those that did not block signing) and
// whether it is signed at all (a draft has none). The note must be in the
// actor's reach (ENOTFOUND); it is part of the note the caller read (and
// audited) through Note.
func (db *DB) SignatureFindings(ctx context.Context, actor goldthread.Actor, noteID int64) ([]rules.Finding, bool, error) {
	var out []rules.Finding
	var signed bool
	err := db.ReadTx(ctx, func(tx *Tx) error {
		n, err := loadNote(ctx, tx, actor, noteID)
		if err != nil {
			return err
		}
		signed = n.Status == goldthread.NoteSigned
		var raw string
		err = tx.QueryRow(ctx, `SELECT s.findings FROM note_signature s JOIN service_note n ON n.id = s.note_id
			WHERE s.note_id = ? AND n.agency_id = ?`, noteID, actor.AgencyID).Scan(&raw)
		if goldthread.ErrorKind(notFound(err, "")) == goldthread.ENOTFOUND {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store.SignatureFindings: %w", err)
		}
		if raw == "" {
			return nil
		}
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			return fmt.Errorf("store.SignatureFindings: stored findings of note %d: %w", noteID, err)
		}
		return nil
	})
	return out, signed, err
}
