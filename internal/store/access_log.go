package store

import (
	"context"
	"strconv"
	"time"

	"github.com/goldthread/goldthread"
)

// Purposes of an access outside the care team, as "who looked at my
// record" shows them.
const (
	PurposeTreatment   = "treatment"
	PurposeSupervision = "supervision"
	PurposePayment     = "payment"
	PurposeAudit       = "audit"
	PurposeDisclosure  = "disclosure"
	PurposeEmergency   = "emergency"
	PurposeOperations  = "operations"
)

// accessLogLimit bounds how many audit events one access log reads.
const accessLogLimit = 5000

// careTeam is who works with the participant: peers by the days they were
// assigned, the supervisors of those peers, the staff named on the care
// team, and the participant's own accounts.
type careTeam struct {
	assignments []struct {
		peer       int64
		start, end goldthread.Date
	}
	supervisors map[int64][]int64 // peer -> supervisors
	members     map[int64]bool    // staff on the care team and the participant's accounts
}

func loadCareTeam(ctx context.Context, tx *Tx, agencyID, participantID int64) (*careTeam, error) {
	ct := &careTeam{supervisors: map[int64][]int64{}, members: map[int64]bool{}}
	if err := scanAll(ctx, tx, "SELECT peer_id, start_date, end_date FROM caseload WHERE participant_id = ?", []any{participantID}, func(r scanner) error {
		var a struct {
			peer       int64
			start, end goldthread.Date
		}
		err := r.Scan(&a.peer, &a.start, &a.end)
		ct.assignments = append(ct.assignments, a)
		return err
	}); err != nil {
		return nil, err
	}
	if err := scanAll(ctx, tx, "SELECT supervisor_id, peer_id FROM supervision_link WHERE agency_id = ?", []any{agencyID}, func(r scanner) error {
		var s, p int64
		err := r.Scan(&s, &p)
		ct.supervisors[p] = append(ct.supervisors[p], s)
		return err
	}); err != nil {
		return nil, err
	}
	return ct, scanAll(ctx, tx, `SELECT staff_id FROM care_team_member WHERE participant_id = ? AND staff_id IS NOT NULL
		UNION SELECT id FROM app_user WHERE participant_id = ?`, []any{participantID, participantID}, func(r scanner) error {
		var id int64
		err := r.Scan(&id)
		ct.members[id] = true
		return err
	})
}

// includes reports whether user was on the care team on day.
func (ct *careTeam) includes(user int64, day goldthread.Date) bool {
	if ct.members[user] {
		return true
	}
	for _, a := range ct.assignments {
		if day.Before(a.start.Time) || (!a.end.IsZero() && day.After(a.end.Time)) {
			continue
		}
		if a.peer == user {
			return true
		}
		for _, s := range ct.supervisors[a.peer] {
			if s == user {
				return true
			}
		}
	}
	return false
}

// AccessLog answers "who looked at my record": every access to the
// participant's record in the audit trail by someone outside their care
// team (the peers assigned on that day, those peers' supervisors, staff on
// the care team, the participant themselves), newest first, one entry per
// person, day and purpose, with their role; accesses under an emergency
// grant carry its reason. System work (the demo loader, jobs) is left out.
// The participant's own account, clinicians and auditors may read it
// (EFORBIDDEN for others); the read is audited. ENOTFOUND out of reach.
func (db *DB) AccessLog(ctx context.Context, actor goldthread.Actor, participantID int64) ([]goldthread.AccessEntry, error) {
	self := actor.Has(goldthread.RoleParticipant) && actor.ParticipantID == participantID
	if !self && !actor.Has(goldthread.RoleClinician) && !actor.Has(goldthread.RoleAuditor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Who looked at a record is shown to the participant, clinicians and auditors.")
	}
	var out []goldthread.AccessEntry
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := inReach(ctx, tx, actor, participantID); err != nil {
			return err
		}
		team, err := loadCareTeam(ctx, tx, actor.AgencyID, participantID)
		if err != nil {
			return err
		}
		// Days are the agency's: a look at 9 PM in New York is that day's.
		zone, err := agencyZone(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		type grant struct {
			user     int64
			reason   string
			from, to time.Time
		}
		var grants []grant
		if err := scanAll(ctx, tx, "SELECT user_id, reason, granted_at, expires_at FROM emergency_access WHERE participant_id = ?",
			[]any{participantID}, func(r scanner) error {
				var g grant
				err := r.Scan(&g.user, &g.reason, &g.from, &g.to)
				grants = append(grants, g)
				return err
			}); err != nil {
			return err
		}
		type key struct {
			day    string
			user   int64
			reason string
			purp   string
		}
		index := map[key]int{}
		err = scanAll(ctx, tx, `SELECT at, actor_id, actor_role, action FROM audit_event WHERE agency_id = ? AND participant_id = ?
			AND actor_id IS NOT NULL AND outcome = ? ORDER BY seq DESC LIMIT `+strconv.Itoa(accessLogLimit), []any{actor.AgencyID, participantID, goldthread.OutcomeSuccess},
			func(r scanner) error {
				var at time.Time
				var user int64
				var role, action string
				if err := r.Scan(&at, &user, &role, &action); err != nil {
					return err
				}
				day := goldthread.DateIn(at, zone)
				e := goldthread.AccessEntry{Day: day, Role: goldthread.Role(role), Purpose: purposeOf(goldthread.Role(role), action)}
				for _, g := range grants {
					if g.user == user && !at.Before(g.from) && !at.After(g.to) {
						e.Emergency, e.Reason, e.Purpose = true, g.reason, PurposeEmergency
					}
				}
				if !e.Emergency && team.includes(user, day) {
					return nil
				}
				k := key{day.String(), user, e.Reason, e.Purpose}
				if i, ok := index[k]; ok {
					out[i].Count++
					return nil
				}
				e.Count = 1
				index[k] = len(out)
				out = append(out, e)
				return nil
			})
		if err != nil {
			return err
		}
		return tx.Audit(ctx, auditFor(actor, goldthread.ActionRead, "access_log", 0, participantID))
	})
	return out, err
}

// purposeOf is the purpose an access by role implies.
func purposeOf(role goldthread.Role, action string) string {
	switch {
	case action == goldthread.ActionEmergencyAccess:
		return PurposeEmergency
	case action == goldthread.ActionExport || action == goldthread.ActionPrint:
		return PurposeDisclosure
	}
	switch role {
	case goldthread.RoleBilling:
		return PurposePayment
	case goldthread.RoleAuditor:
		return PurposeAudit
	case goldthread.RoleSupervisor:
		return PurposeSupervision
	case goldthread.RoleAdministrator:
		return PurposeOperations
	}
	return PurposeTreatment
}
