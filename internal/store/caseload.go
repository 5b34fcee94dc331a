package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// agencySettings reads the agency's workforce settings by name.
func agencySettings(ctx context.Context, tx *Tx, agencyID int64) (map[string]goldthread.SettingChange, error) {
	rows, err := tx.Query(ctx, `SELECT s.name, s.value, s.reason, COALESCE(u.name, ''), s.set_at FROM agency_setting s
		LEFT JOIN app_user u ON u.id = s.set_by WHERE s.agency_id = ?`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("store.agencySettings: %w", err)
	}
	defer rows.Close()
	out := map[string]goldthread.SettingChange{}
	for rows.Next() {
		var s goldthread.SettingChange
		if err := rows.Scan(&s.Name, &s.Value, &s.Reason, &s.SetBy, &s.SetAt); err != nil {
			return nil, fmt.Errorf("store.agencySettings: %w", err)
		}
		out[s.Name] = s
	}
	return out, rows.Err()
}

// WorkforceSettings returns the agency's workforce settings by name, for
// administrators (who change them) and supervisors and auditors (who read
// the limits they produce).
func (db *DB) WorkforceSettings(ctx context.Context, actor goldthread.Actor) (map[string]goldthread.SettingChange, error) {
	if !actor.Has(goldthread.RoleAdministrator) && !actor.Has(goldthread.RoleSupervisor) && !actor.Has(goldthread.RoleAuditor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only administrators, supervisors and auditors read workforce settings.")
	}
	var out map[string]goldthread.SettingChange
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		if out, err = agencySettings(ctx, tx, actor.AgencyID); err != nil {
			return err
		}
		return caseloadOverrides(ctx, tx, actor.AgencyID, out)
	})
	return out, err
}

// caseloadPath is the rule pack value a caseload ratio setting overrides:
// the ratio has one override store, the agency's rule overrides.
const caseloadPath = "caseload.max_participants_per_peer"

// caseloadOverrides adds to settings, under SettingCaseloadPrefix + pack,
// the agency's current rule override of each pack's caseload ratio, so the
// Team page shows and changes the one value the checks use.
func caseloadOverrides(ctx context.Context, tx *Tx, agencyID int64, settings map[string]goldthread.SettingChange) error {
	var packs []string
	if err := scanAll(ctx, tx, "SELECT DISTINCT pack_id FROM agency_rule_override WHERE agency_id = ? AND path = ?",
		[]any{agencyID, caseloadPath}, func(r scanner) error {
			var id string
			packs = append(packs, id)
			return r.Scan(&packs[len(packs)-1])
		}); err != nil {
		return fmt.Errorf("store.caseloadOverrides: %w", err)
	}
	for _, id := range packs {
		all, err := overrideRows(ctx, tx, agencyID, id)
		if err != nil {
			return err
		}
		for _, r := range currentOverrides(all) {
			if normPath(r.path) == caseloadPath {
				name := goldthread.SettingCaseloadPrefix + id
				settings[name] = goldthread.SettingChange{Name: name, Value: r.value, Reason: r.reason, SetBy: r.byAs, SetAt: r.at}
			}
		}
	}
	return nil
}

// SetWorkforceSetting sets (or, with an empty value, clears) an agency
// workforce setting: SettingSupervisionDays (1–365 days) or
// SettingCaseloadPrefix + a rule pack id (1–100 participants per peer). A
// reason is required, because a setting departs from the rule pack or the
// default. Administrators only; audited as a setting change with the old
// and new values.
func (db *DB) SetWorkforceSetting(ctx context.Context, actor goldthread.Actor, name, value, reason string) error {
	if !goldthread.CanAdminister(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only an administrator changes agency settings.")
	}
	name, value, reason = strings.TrimSpace(name), strings.TrimSpace(value), strings.TrimSpace(reason)
	lo, hi := 1, 365
	switch {
	case name == goldthread.SettingSupervisionDays:
	case strings.HasPrefix(name, goldthread.SettingCaseloadPrefix):
		cat, err := rulePacks()
		if err != nil {
			return err
		}
		if _, err := cat.Pack(strings.TrimPrefix(name, goldthread.SettingCaseloadPrefix)); err != nil {
			return goldthread.FieldError("name", "No rule pack %q; choose one of the agency's programs.", strings.TrimPrefix(name, goldthread.SettingCaseloadPrefix))
		}
		hi = 100
	default:
		return goldthread.FieldError("name", "Unknown setting %q.", name)
	}
	if value != "" {
		n, err := strconv.Atoi(value)
		if err != nil || n < lo || n > hi {
			return goldthread.FieldError("value", "Enter a whole number from %d to %d, or leave it empty to use the rule pack's value.", lo, hi)
		}
		value = strconv.Itoa(n)
	}
	if reason == "" {
		return goldthread.FieldError("reason", "Say why, for example \"our MCO contract sets 1:15\".")
	}
	if pack, ok := strings.CutPrefix(name, goldthread.SettingCaseloadPrefix); ok {
		// The ratio is a value of the rule pack: the agency's rule override
		// of it is what signing, assignment and the Team page all read.
		_, err := db.SetRuleOverride(ctx, actor, pack, caseloadPath, value, reason)
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		var old string
		err := tx.QueryRow(ctx, "SELECT value FROM agency_setting WHERE agency_id = ? AND name = ?", actor.AgencyID, name).Scan(&old)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("store.SetWorkforceSetting: %w", err)
		}
		if value == "" {
			_, err = tx.Exec(ctx, "DELETE FROM agency_setting WHERE agency_id = ? AND name = ?", actor.AgencyID, name)
		} else {
			_, err = tx.Exec(ctx, `INSERT INTO agency_setting (agency_id, name, value, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (agency_id, name) DO UPDATE SET value = excluded.value, reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at`,
				actor.AgencyID, name, value, reason, nullID(actor.UserID), tx.now)
		}
		if err != nil {
			return fmt.Errorf("store.SetWorkforceSetting: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "agency_setting", 0, 0)
		ev.Detail = fmt.Sprintf("%s: %q -> %q", name, old, value)
		return tx.Audit(ctx, ev)
	})
}

// ruleFromFact turns a pack value into a WorkforceRule, applying the
// agency's setting (named setting) when there is one.
func ruleFromFact(f rules.Fact[int], pack string, setting *goldthread.SettingChange) goldthread.WorkforceRule {
	r := goldthread.WorkforceRule{Value: f.Value, Status: string(f.Status), Source: f.Source, Note: f.Note, Pack: pack}
	if o := f.Override; o != nil {
		// A rule override of the agency's: say so, and why, where the
		// limit is shown or refuses an assignment.
		r.Note = "agency rule override: " + o.Reason
	}
	for _, a := range f.Alternatives {
		r.Alternatives = append(r.Alternatives, goldthread.WorkforceRuleAlt{Value: a.Value, Status: string(a.Status), Source: a.Source})
	}
	return applySetting(r, setting)
}

func applySetting(r goldthread.WorkforceRule, setting *goldthread.SettingChange) goldthread.WorkforceRule {
	if setting == nil {
		return r
	}
	n, err := strconv.Atoi(setting.Value)
	if err != nil {
		return r
	}
	r.PackValue, r.Value, r.Status, r.Override = r.Value, n, string(rules.StatusAgencyOverride), setting
	return r
}

// strictest returns the rule with the smallest positive value (the one
// that binds when a peer serves several programs), or the first rule when
// none sets a value.
func strictest(rs []goldthread.WorkforceRule, fallback goldthread.WorkforceRule) goldthread.WorkforceRule {
	best := -1
	for i, r := range rs {
		if r.Value > 0 && (best < 0 || r.Value < rs[best].Value) {
			best = i
		}
	}
	if best >= 0 {
		return rs[best]
	}
	if len(rs) > 0 {
		return rs[0]
	}
	return fallback
}

// packReader returns AgencyPack of the agency's packs for one read in tx,
// each pack read once: a team overview asks for the same pack for every
// peer, twice (a query each, a round trip each on PostgreSQL).
func packReader(ctx context.Context, tx *Tx, agencyID int64) func(string) (*rules.Pack, error) {
	type read struct {
		pack *rules.Pack
		err  error
	}
	done := map[string]read{}
	return func(id string) (*rules.Pack, error) {
		r, ok := done[id]
		if !ok {
			r.pack, r.err = AgencyPack(ctx, tx, agencyID, id)
			done[id] = r
		}
		return r.pack, r.err
	}
}

// caseloadLimit is the caseload ratio that binds a peer serving programs
// under packs: the strictest configured, each read from the agency's
// effective pack (rule overrides applied: the agency's one store for a
// different ratio).
func caseloadLimit(packOf func(string) (*rules.Pack, error), packs []string, settings map[string]goldthread.SettingChange) (goldthread.WorkforceRule, error) {
	var rs []goldthread.WorkforceRule
	for _, id := range packs {
		p, err := packOf(id)
		if err != nil {
			continue // a pack this release no longer has binds nobody
		}
		f := p.Caseload.MaxParticipantsPerPeer
		r := ruleFromFact(f, id, nil)
		if o := f.Override; o != nil {
			r.Status = string(rules.StatusAgencyOverride)
			r.PackValue, _ = strconv.Atoi(o.OriginalValue)
			r.Override = &goldthread.SettingChange{Name: goldthread.SettingCaseloadPrefix + id, Value: strconv.Itoa(f.Value),
				Reason: o.Reason, SetBy: o.By, SetAt: o.At}
		}
		rs = append(rs, r)
	}
	return strictest(rs, goldthread.WorkforceRule{Status: "default", Source: "no program, so no rule pack sets a ratio"}), nil
}

// supervisionFrequency is the most days allowed between supervision
// sessions: the strictest the agency's effective packs of packs set (a
// rule override of supervision.frequency_days included); else the agency
// setting; else monthly by default.
func supervisionFrequency(packOf func(string) (*rules.Pack, error), packs []string, settings map[string]goldthread.SettingChange) goldthread.WorkforceRule {
	var rs []goldthread.WorkforceRule
	for _, id := range packs {
		if p, err := packOf(id); err == nil && p.Supervision.FrequencyDays != nil {
			rs = append(rs, ruleFromFact(*p.Supervision.FrequencyDays, id, nil))
		}
	}
	if r := strictest(rs, goldthread.WorkforceRule{}); r.Value > 0 {
		return r
	}
	def := goldthread.WorkforceRule{Value: goldthread.DefaultSupervisionDays, Status: "default",
		Source: "Goldthread default (monthly); no rule pack of the agency sets a supervision frequency"}
	if s, ok := settings[goldthread.SettingSupervisionDays]; ok {
		return applySetting(def, &s)
	}
	return def
}

// peerPacks returns, per peer of the agency (of peers only, unless nil:
// staffIn), the rule packs of the programs their active caseload is
// enrolled in, and the agency's own packs (for a peer with no caseload
// yet).
func peerPacks(ctx context.Context, tx *Tx, agencyID int64, peers []int64) (map[int64][]string, []string, error) {
	only, onlyArgs := staffIn("c.peer_id", peers)
	enrolled := "JOIN enrollment e ON e.participant_id = c.participant_id AND e.end_date IS NULL JOIN program g ON g.id = e.program_id"
	if peers != nil {
		// Some peers' caseloads: their enrolments one seek each. As a join,
		// PostgreSQL hashes every enrolment of the agency (20,000 rows at
		// 1 M notes) for a team's 200; a correlated IN is not made a join.
		enrolled = `JOIN program g ON g.id IN (SELECT e.program_id FROM enrollment e WHERE e.participant_id = c.participant_id AND e.end_date IS NULL)`
	}
	rows, err := tx.Query(ctx, `SELECT DISTINCT c.peer_id, g.rule_pack FROM caseload c `+enrolled+`
		WHERE c.agency_id = ? AND c.end_date IS NULL`+only+` ORDER BY c.peer_id, g.rule_pack`, append([]any{agencyID}, onlyArgs...)...)
	if err != nil {
		return nil, nil, fmt.Errorf("store.peerPacks: %w", err)
	}
	byPeer := map[int64][]string{}
	for rows.Next() {
		var id int64
		var pack string
		if err := rows.Scan(&id, &pack); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("store.peerPacks: %w", err)
		}
		byPeer[id] = append(byPeer[id], pack)
	}
	rows.Close()
	rows, err = tx.Query(ctx, "SELECT DISTINCT rule_pack FROM program WHERE agency_id = ? AND active = ? ORDER BY rule_pack", agencyID, true)
	if err != nil {
		return nil, nil, fmt.Errorf("store.peerPacks: %w", err)
	}
	defer rows.Close()
	var agency []string
	for rows.Next() {
		var pack string
		if err := rows.Scan(&pack); err != nil {
			return nil, nil, fmt.Errorf("store.peerPacks: %w", err)
		}
		agency = append(agency, pack)
	}
	return byPeer, agency, rows.Err()
}

// caseloadSizes counts each peer's active participants (of peers only,
// unless nil: staffIn).
func caseloadSizes(ctx context.Context, tx *Tx, agencyID int64, peers []int64) (map[int64]int, error) {
	only, onlyArgs := staffIn("c.peer_id", peers)
	active := "JOIN participant p ON p.id = c.participant_id WHERE p.status = ?"
	if peers != nil {
		// Some peers' participants: one seek each (as a join, PostgreSQL
		// hashes the agency's 20,000 participants for a team's 200).
		active = "WHERE (SELECT p.status FROM participant p WHERE p.id = c.participant_id) = ?"
	}
	rows, err := tx.Query(ctx, `SELECT c.peer_id, COUNT(DISTINCT c.participant_id) FROM caseload c `+active+`
		AND c.agency_id = ? AND c.end_date IS NULL`+only+` GROUP BY c.peer_id`,
		append([]any{goldthread.ParticipantActive, agencyID}, onlyArgs...)...)
	if err != nil {
		return nil, fmt.Errorf("store.caseloadSizes: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store.caseloadSizes: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// ReassignCaseload puts participantID on peerID's caseload from start
// (today when zero), ending the current assignment to any other peer, as
// AssignCaseload does. An administrator may move anyone in the agency; a
// supervisor only between peers of their own team (or designated
// alternates): both the new peer and every peer losing the participant must
// be theirs. Audited with the participant in the same transaction.
func (db *DB) ReassignCaseload(ctx context.Context, actor goldthread.Actor, participantID, peerID int64, start goldthread.Date) error {
	switch {
	case participantID <= 0:
		return goldthread.FieldError("participant_id", "Choose the participant to assign.")
	case peerID <= 0:
		return goldthread.FieldError("peer_id", "Choose the peer specialist to assign them to.")
	}
	admin := actor.Has(goldthread.RoleAdministrator)
	if !goldthread.CanManageTeam(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only a supervisor of the peers or an administrator assigns caseloads.")
	}
	if start.IsZero() {
		today, err := db.agencyToday(ctx, actor.AgencyID)
		if err != nil {
			return err
		}
		start = today
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM user_role r JOIN app_user u ON u.id = r.user_id
			WHERE r.user_id = ? AND r.role = ? AND u.agency_id = ? AND u.active = ?`,
			peerID, string(goldthread.RolePeer), actor.AgencyID, true).Scan(&n); err != nil {
			return fmt.Errorf("store.ReassignCaseload: %w", err)
		}
		if n == 0 {
			return goldthread.FieldError("peer_id", "Choose an active peer specialist of this agency.")
		}
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM participant WHERE id = ? AND agency_id = ? AND status = ?",
			participantID, actor.AgencyID, goldthread.ParticipantActive).Scan(&n); err != nil {
			return fmt.Errorf("store.ReassignCaseload: %w", err)
		}
		if n == 0 {
			return goldthread.Errorf(goldthread.ENOTFOUND, "No active participant %d in your agency.", participantID)
		}
		var from []int64
		rows, err := tx.Query(ctx, "SELECT peer_id FROM caseload WHERE participant_id = ? AND agency_id = ? AND end_date IS NULL", participantID, actor.AgencyID)
		if err != nil {
			return fmt.Errorf("store.ReassignCaseload: %w", err)
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			from = append(from, id)
		}
		rows.Close()
		if slices.Contains(from, peerID) && len(from) == 1 {
			return nil // already there
		}
		if !slices.Contains(from, peerID) {
			if err := checkCaseloadRoom(ctx, tx, actor.AgencyID, peerID, participantID, ""); err != nil {
				return err
			}
		}
		if !admin {
			for _, id := range append([]int64{peerID}, from...) {
				ok, err := supervises(ctx, tx, actor.AgencyID, actor.UserID, id)
				if err != nil {
					return err
				}
				if !ok {
					return goldthread.Errorf(goldthread.EFORBIDDEN, "Only that peer's own supervisor or an administrator can move participants onto or off their caseload.")
				}
			}
		}
		if _, err := tx.Exec(ctx, "UPDATE caseload SET end_date = ? WHERE participant_id = ? AND agency_id = ? AND end_date IS NULL AND peer_id <> ?",
			start, participantID, actor.AgencyID, peerID); err != nil {
			return fmt.Errorf("store.ReassignCaseload: %w", err)
		}
		var id int64
		if !slices.Contains(from, peerID) {
			if id, err = tx.insert(ctx, "INSERT INTO caseload (agency_id, participant_id, peer_id, start_date) VALUES (?, ?, ?, ?)",
				actor.AgencyID, participantID, peerID, start); err != nil {
				return fmt.Errorf("store.ReassignCaseload: %w", err)
			}
		}
		ev := auditFor(actor, goldthread.ActionUpdate, "caseload", id, participantID)
		ev.Detail = fmt.Sprintf("peer=%d from=%v start=%s", peerID, from, start)
		return tx.Audit(ctx, ev)
	})
}

// TeamCaseloads lists the participants on the caseloads of the peers a
// supervisor supervises, by peer and name (nothing clinical), for the
// reassignment form. The listing is audited. Administrators, who read no
// participant record, get EFORBIDDEN.
func (db *DB) TeamCaseloads(ctx context.Context, actor goldthread.Actor) ([]goldthread.CaseloadEntry, error) {
	if !actor.Has(goldthread.RoleSupervisor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors see their team's caseloads by name.")
	}
	var out []goldthread.CaseloadEntry
	err := db.WriteTx(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, `SELECT p.id, p.first_name, p.last_name, p.preferred_name, c.peer_id, c.start_date
			FROM caseload c JOIN participant p ON p.id = c.participant_id
			WHERE c.agency_id = ? AND c.end_date IS NULL AND p.status = ?
			AND c.peer_id IN (SELECT l.peer_id FROM supervision_link l WHERE l.supervisor_id = ? AND l.agency_id = ?)
			ORDER BY p.last_name, p.first_name, p.id`, actor.AgencyID, goldthread.ParticipantActive, actor.UserID, actor.AgencyID)
		if err != nil {
			return fmt.Errorf("store.TeamCaseloads: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var p goldthread.Participant
			var e goldthread.CaseloadEntry
			if err := rows.Scan(&e.ParticipantID, &p.FirstName, &p.LastName, &p.PreferredName, &e.PeerID, &e.Since); err != nil {
				return fmt.Errorf("store.TeamCaseloads: %w", err)
			}
			e.Name = p.DisplayName()
			out = append(out, e)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		ev := auditFor(actor, goldthread.ActionList, "caseload", 0, 0)
		ev.Detail = fmt.Sprintf("results=%d", len(out))
		return tx.Audit(ctx, ev)
	})
	return out, err
}
