package store

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// GroupProblem is a reason signing a group session would be refused: for
// one member (ParticipantID, Name) or, when ParticipantID is 0, for the
// whole session (it would refuse every member's note).
type GroupProblem struct {
	ParticipantID int64
	Name          string
	goldthread.SignProblem
}

// errDryRun rolls back a transaction that only tried something.
var errDryRun = errors.New("store: dry run")

// GroupSignProblems lists everything that would stop the facilitator from
// signing draft session id as saved now, before they attest: nobody
// present, no shared description, and every check each member's note
// would get at signing (their response, their goals, the payer's rules,
// the facilitator's own overlapping services). It writes the members'
// notes as signing would, checks them, and rolls them back; nothing is
// kept but one audited read. Only the facilitator (EFORBIDDEN); ECONFLICT
// once signed.
func (db *DB) GroupSignProblems(ctx context.Context, actor goldthread.Actor, id int64) ([]GroupProblem, error) {
	var out []GroupProblem
	err := db.WriteTx(ctx, func(tx *Tx) error {
		g, err := loadGroup(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		if g.PresentCount() == 0 {
			out = append(out, GroupProblem{SignProblem: sessionProblem("attendees", goldthread.Textf("Nobody is marked present."))})
		}
		if strings.TrimSpace(g.SharedDescription) == "" {
			out = append(out, GroupProblem{SignProblem: sessionProblem("shared_description", goldthread.Textf("Describe what the group did."))})
		}
		member := serving(actor, g)
		for _, a := range g.Attendees {
			if !a.Present {
				continue
			}
			noteID, err := attendeeDraftTx(ctx, tx, member, g, a)
			if goldthread.ErrorKind(err) == goldthread.EINVALID {
				out = append(out, GroupProblem{ParticipantID: a.ParticipantID, Name: a.Name, SignProblem: goldthread.SignProblem{
					Field: goldthread.ErrorField(err), Message: goldthread.ErrorMessage(err), Cause: goldthread.Reason(err)}})
				continue
			}
			if err != nil {
				return err
			}
			n, err := loadNote(ctx, tx, member, noteID)
			if err != nil {
				return err
			}
			ps, _, err := signingProblems(ctx, tx, member, n, nil, nil)
			if err != nil {
				return err
			}
			for _, p := range ps {
				out = append(out, GroupProblem{ParticipantID: a.ParticipantID, Name: a.Name, SignProblem: p})
			}
		}
		return errDryRun
	})
	if !errors.Is(err, errDryRun) {
		return nil, err
	}
	out = sessionWide(out)
	err = db.WriteTx(ctx, func(tx *Tx) error {
		ev := auditFor(actor, goldthread.ActionRead, "group_session", id, 0)
		ev.Detail = "sign_check problems=" + strconv.Itoa(len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// sessionProblem is a problem of the session itself, its message kept as
// a Text for the reader's printer beside its English.
func sessionProblem(field string, msg goldthread.Text) goldthread.SignProblem {
	return goldthread.SignProblem{Field: field, Message: msg.String(), MessageText: msg}
}

// sessionFields are the note fields a group's notes take from the session,
// so a problem with one is the session's to fix, not a member's line.
var sessionFields = map[string]bool{"start": true, "end": true, "service_date": true, "category": true, "location": true,
	"modality": true, "peer_action": true, "next_steps": true}

// sessionWide says once, for the session, a problem of the session's own
// fields that every member's note would have (the times overlap the
// facilitator's own service, the category is wrong); a member's missing
// response stays on their line.
func sessionWide(ps []GroupProblem) []GroupProblem {
	var out []GroupProblem
	told := map[string]bool{}
	for _, p := range ps {
		if p.ParticipantID != 0 && sessionFields[p.Field] {
			k := p.RuleID + "\x00" + p.Message
			if told[k] {
				continue
			}
			told[k] = true
			p.ParticipantID, p.Name = 0, ""
		}
		out = append(out, p)
	}
	return out
}
