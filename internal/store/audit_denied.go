package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/goldthread/goldthread"
)

// Kinds of participant resources a refused request may have aimed at,
// each with the table that says whose record it is.
const (
	DeniedParticipant = "participant"
	DeniedNote        = "note"
	DeniedPlan        = "plan"
	DeniedConsent     = "consent"
	DeniedAmendment   = "amendment_request"
	DeniedClaim       = "claim"
	DeniedGroup       = "group_session"
)

// deniedOwner finds the participant a resource of kind belongs to, within
// the agency: the query returns it for (id, agency).
var deniedOwner = map[string]string{
	DeniedParticipant: "SELECT id FROM participant WHERE id = ? AND agency_id = ?",
	DeniedNote:        "SELECT participant_id FROM service_note WHERE id = ? AND agency_id = ?",
	DeniedPlan:        "SELECT participant_id FROM plan WHERE id = ? AND agency_id = ?",
	DeniedConsent:     "SELECT participant_id FROM consent WHERE id = ? AND agency_id = ?",
	DeniedAmendment:   "SELECT participant_id FROM amendment_request WHERE id = ? AND agency_id = ?",
	DeniedClaim:       "SELECT participant_id FROM claim WHERE id = ? AND agency_id = ?",
	DeniedGroup:       "", // a session has many participants: the record alone
}

// AuditDenied records a refused attempt on a participant resource (a read
// or a change answered "not found" or "forbidden"): who, from where, which
// record of kind, and detail (the route and the answer, never PHI). The
// participant is named when the record is in the actor's agency, so the
// attempt shows in that participant's trail; an id of another agency, or
// of nothing, is kept as the record id alone. Returns an error for an
// unknown kind.
func (db *DB) AuditDenied(ctx context.Context, actor goldthread.Actor, kind string, id int64, action, detail string) error {
	q, ok := deniedOwner[kind]
	if !ok {
		return fmt.Errorf("store.AuditDenied: unknown kind %q", kind)
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		var participantID int64
		if q != "" && id > 0 {
			err := tx.QueryRow(ctx, q, id, actor.AgencyID).Scan(&participantID)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("store.AuditDenied: %w", err)
			}
		}
		ev := auditFor(actor, action, kind, id, participantID)
		ev.Outcome, ev.Detail = goldthread.OutcomeDenied, detail
		return tx.Audit(ctx, ev)
	})
}
