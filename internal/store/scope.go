package store

import (
	"strings"

	"github.com/goldthread/goldthread"
)

// participantScope returns a SQL condition on alias p (participant) that is
// true only for participants the actor may reach, with its arguments. Deny
// by default: an actor with no reaching role gets a condition that is never
// true. The roles combine with OR.
//
//   - clinician, billing, auditor: every participant of the agency (billing
//     sees headers and codes, never narratives; that is decided per field);
//   - supervisor: their own caseload and their team's;
//   - peer: their own active caseload;
//   - participant: themselves;
//   - administrator: nobody (minimum necessary);
//   - anyone with a live emergency grant: that participant too (the grants
//     come from the session, see loadActor);
//   - a facilitator working on their own draft group session: its members
//     (Actor.Serving, set by the group functions of the store only).
func participantScope(actor goldthread.Actor) (string, []any) {
	return scopeOn(actor, false)
}

// participantInReach is participantScope for a query that has already
// picked its participant, such as a note or a plan read by id: the same
// reach, with a caseload checked by EXISTS on the one participant
// (caseload_participant) instead of listing every participant in reach. A
// list query keeps participantScope, whose list drives it from the
// caseload; a single row would otherwise build a supervisor's list of two
// hundred participants on every read (a supervisor's loadNote: 0.24 ms of
// CPU, 0.10 ms with this; a tenth of a seed's CPU went there).
// TestReachIsOneRuleInBothForms holds the two forms to the same answer.
func participantInReach(actor goldthread.Actor) (string, []any) {
	return scopeOn(actor, true)
}

// scopeOn builds participantScope (one false) or participantInReach.
func scopeOn(actor goldthread.Actor, one bool) (string, []any) {
	caseload := func(peers string) string {
		if one {
			return "EXISTS (SELECT 1 FROM caseload c WHERE c.participant_id = p.id AND c.end_date IS NULL AND " + peers + ")"
		}
		return "p.id IN (SELECT c.participant_id FROM caseload c WHERE c.end_date IS NULL AND " + peers + ")"
	}
	var conds []string
	var args []any
	switch {
	case reachesWholeAgency(actor):
		conds = append(conds, "1 = 1")
	default:
		if actor.Has(goldthread.RoleSupervisor) {
			conds = append(conds, caseload(`(c.peer_id = ?
				OR c.peer_id IN (SELECT l.peer_id FROM supervision_link l WHERE l.supervisor_id = ?))`))
			args = append(args, actor.UserID, actor.UserID)
		} else if actor.Has(goldthread.RolePeer) {
			conds = append(conds, caseload("c.peer_id = ?"))
			args = append(args, actor.UserID)
		}
		if actor.Has(goldthread.RoleParticipant) && actor.ParticipantID != 0 {
			conds = append(conds, "p.id = ?")
			args = append(args, actor.ParticipantID)
		}
		for _, ids := range [][]int64{actor.Emergency, actor.Serving} {
			if len(ids) == 0 {
				continue
			}
			conds = append(conds, "p.id IN "+inList(len(ids)))
			args = appendIDs(args, ids)
		}
	}
	if len(conds) == 0 || actor.Anonymous() {
		return "1 = 0", nil
	}
	return "p.agency_id = ? AND (" + strings.Join(conds, " OR ") + ")", append([]any{actor.AgencyID}, args...)
}

// reachesWholeAgency tells whether participantScope gives the actor every
// participant of their agency (clinicians, billing, auditors).
func reachesWholeAgency(actor goldthread.Actor) bool {
	return actor.Has(goldthread.RoleClinician) || actor.Has(goldthread.RoleBilling) || actor.Has(goldthread.RoleAuditor)
}
