package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// packCache keeps each agency's overridden pack, because applying
// overrides re-reads the pack file (milliseconds) and notes ask for their
// pack on every save. An entry is used only while the signature of the
// agency's current override rows still matches, so a change (on any
// server sharing the database) takes effect at the next read.
var packCache = struct {
	sync.Mutex
	m map[string]cachedPack
}{m: map[string]cachedPack{}}

type cachedPack struct {
	sig  [32]byte
	pack *rules.Pack
}

// overrideRow is one agency_rule_override row.
type overrideRow struct {
	id                        int64
	path, value, reason, byAs string
	at                        time.Time
}

// normPath is the canonical form of an override path: trimmed, without
// the optional trailing ".value".
func normPath(p string) string {
	return strings.TrimSuffix(strings.TrimSpace(p), ".value")
}

// overrideRows returns every override row of the agency's pack, oldest
// first.
func overrideRows(ctx context.Context, tx *Tx, agencyID int64, packID string) ([]overrideRow, error) {
	rows, err := tx.Query(ctx, `SELECT o.id, o.path, o.value, o.reason, COALESCE(u.name, ''), o.set_at
		FROM agency_rule_override o LEFT JOIN app_user u ON u.id = o.set_by
		WHERE o.agency_id = ? AND o.pack_id = ? ORDER BY o.id`, agencyID, packID)
	if err != nil {
		return nil, fmt.Errorf("store.overrideRows: %w", err)
	}
	defer rows.Close()
	var out []overrideRow
	for rows.Next() {
		var r overrideRow
		if err := rows.Scan(&r.id, &r.path, &r.value, &r.reason, &r.byAs, &r.at); err != nil {
			return nil, fmt.Errorf("store.overrideRows: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// currentOverrides keeps the newest row of each path and drops the paths
// returned to the pack's value, in the order the rows were written.
func currentOverrides(all []overrideRow) []overrideRow {
	newest := map[string]int64{}
	for _, r := range all {
		newest[normPath(r.path)] = r.id
	}
	var out []overrideRow
	for _, r := range all {
		if newest[normPath(r.path)] == r.id && r.value != "" {
			out = append(out, r)
		}
	}
	return out
}

func toOverrides(rows []overrideRow) []rules.Override {
	out := make([]rules.Override, len(rows))
	for i, r := range rows {
		out[i] = rules.Override{Path: r.path, Value: r.value, By: orDefault(r.byAs, "administrator"), Reason: r.reason, At: r.at}
	}
	return out
}

// AgencyPack returns the rule pack packID with the agency's current
// overrides applied (values marked agency_override, source kept), or the
// embedded pack when the agency has none. An override the pack no longer
// accepts (a new release renamed the value) is skipped rather than
// stopping every note; the Payer rules page still lists it. Note signing,
// drafts and billing read their pack through it.
func AgencyPack(ctx context.Context, tx *Tx, agencyID int64, packID string) (*rules.Pack, error) {
	base, err := RulePack(packID)
	if err != nil {
		return nil, err
	}
	all, err := overrideRows(ctx, tx, agencyID, packID)
	if err != nil {
		return nil, err
	}
	cur := currentOverrides(all)
	if len(cur) == 0 {
		return base, nil
	}
	h := sha256.New()
	for _, r := range cur {
		fmt.Fprintf(h, "%d\x00%s\x00%s\x00%s\x00%s\x00%s\x00", r.id, r.path, r.value, r.reason, r.byAs, r.at.UTC().Format(time.RFC3339Nano))
	}
	var sig [32]byte
	copy(sig[:], h.Sum(nil))
	key := fmt.Sprintf("%d/%s", agencyID, packID)
	packCache.Lock()
	c, ok := packCache.m[key]
	packCache.Unlock()
	if ok && c.sig == sig {
		return c.pack, nil
	}
	p, err := base.WithOverrides(toOverrides(cur))
	if err != nil {
		// Apply one at a time, keeping those the pack still accepts.
		p = base
		for _, o := range toOverrides(cur) {
			if q, err := p.WithOverrides([]rules.Override{o}); err == nil {
				p = q
			}
		}
	}
	packCache.Lock()
	packCache.m[key] = cachedPack{sig: sig, pack: p}
	packCache.Unlock()
	return p, nil
}

// ProgramRules returns pack packID as agency agencyID applies it (its rule
// overrides included): what forms offer (categories, required fields,
// group size) must be what signing and billing then check. It is the
// screens' way to a pack; the base file is never shown as the rule.
func (db *DB) ProgramRules(ctx context.Context, agencyID int64, packID string) (*rules.Pack, error) {
	var p *rules.Pack
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		p, err = AgencyPack(ctx, tx, agencyID, packID)
		return err
	})
	return p, err
}

// canReadRules: the Payer rules page is for administrators, supervisors,
// billing and auditors.
func canReadRules(actor goldthread.Actor) error {
	for _, r := range []goldthread.Role{goldthread.RoleAdministrator, goldthread.RoleSupervisor, goldthread.RoleBilling, goldthread.RoleAuditor} {
		if actor.Has(r) {
			return nil
		}
	}
	return goldthread.Errorf(goldthread.EFORBIDDEN, "Only administrators, supervisors, billing staff and auditors read the payer rules.")
}

// agencyUsesPack refuses a pack no program of the agency bills under.
func agencyUsesPack(ctx context.Context, tx *Tx, agencyID int64, packID string) error {
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM program WHERE agency_id = ? AND rule_pack = ?", agencyID, packID).Scan(&n); err != nil {
		return fmt.Errorf("store.agencyUsesPack: %w", err)
	}
	if n == 0 {
		return goldthread.FieldError("pack_id", "No program of your agency bills under rule pack %q; choose one of your programs.", packID)
	}
	return nil
}

// EffectivePack returns the agency's pack packID with its overrides, for
// the Payer rules page and API (administrators, supervisors, billing,
// auditors). The pack must be one of the agency's programs' (EINVALID on
// pack_id otherwise).
func (db *DB) EffectivePack(ctx context.Context, actor goldthread.Actor, packID string) (*rules.Pack, error) {
	if err := canReadRules(actor); err != nil {
		return nil, err
	}
	var p *rules.Pack
	err := db.ReadTx(ctx, func(tx *Tx) error {
		if err := agencyUsesPack(ctx, tx, actor.AgencyID, packID); err != nil {
			return err
		}
		var err error
		p, err = AgencyPack(ctx, tx, actor.AgencyID, packID)
		return err
	})
	return p, err
}

// RuleOverrides returns the history of the agency's overrides of pack
// packID, newest first, each marked Current when it is the newest of its
// path. Same readers as EffectivePack.
func (db *DB) RuleOverrides(ctx context.Context, actor goldthread.Actor, packID string) ([]goldthread.RuleOverride, error) {
	if err := canReadRules(actor); err != nil {
		return nil, err
	}
	var out []goldthread.RuleOverride
	err := db.ReadTx(ctx, func(tx *Tx) error {
		all, err := overrideRows(ctx, tx, actor.AgencyID, packID)
		if err != nil {
			return err
		}
		newest := map[string]int64{}
		for _, r := range all {
			newest[normPath(r.path)] = r.id
		}
		for i := len(all) - 1; i >= 0; i-- {
			r := all[i]
			out = append(out, goldthread.RuleOverride{ID: r.id, PackID: packID, Path: r.path, Value: r.value, Reason: r.reason,
				SetBy: r.byAs, SetAt: r.at, Current: newest[normPath(r.path)] == r.id})
		}
		return nil
	})
	return out, err
}

// SetRuleOverride replaces one value of pack packID for the agency, or,
// with an empty value, returns it to the pack's value. Administrators
// only (EFORBIDDEN). The path is one of Pack.Facts (EINVALID on "path"
// otherwise), the value YAML text the value's type accepts and that keeps
// the pack valid (EINVALID on "value"), and a reason is required (EINVALID
// on "reason"). The row never changes afterwards; the change is audited
// as a setting change with the old and new values in the same
// transaction, and the next AgencyPack read uses it.
func (db *DB) SetRuleOverride(ctx context.Context, actor goldthread.Actor, packID, path, value, reason string) (goldthread.RuleOverride, error) {
	if !goldthread.CanAdminister(actor) {
		return goldthread.RuleOverride{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only an administrator overrides payer rule values.")
	}
	packID, path, value, reason = strings.TrimSpace(packID), normPath(path), strings.TrimSpace(value), strings.TrimSpace(reason)
	switch {
	case path == "":
		return goldthread.RuleOverride{}, goldthread.FieldError("path", "Choose the rule pack value to override.")
	case reason == "":
		return goldthread.RuleOverride{}, goldthread.FieldError("reason", "Say why, for example \"our LME-MCO contract sets 48 hours\".")
	case len(value) > 2000 || len(reason) > 2000:
		return goldthread.RuleOverride{}, goldthread.FieldError("value", "Keep the value and the reason under 2,000 characters each.")
	}
	var out goldthread.RuleOverride
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := agencyUsesPack(ctx, tx, actor.AgencyID, packID); err != nil {
			return err
		}
		eff, err := AgencyPack(ctx, tx, actor.AgencyID, packID)
		if err != nil {
			return err
		}
		old, found := factValue(eff, path)
		if !found {
			return goldthread.FieldError("path", "Rule pack %s has no value %q; choose one from the Payer rules list.", packID, path)
		}
		if value == "" {
			all, err := overrideRows(ctx, tx, actor.AgencyID, packID)
			if err != nil {
				return err
			}
			if !overridden(currentOverrides(all), path) {
				return goldthread.FieldError("value", "The agency has not overridden %s; enter the value to use instead.", path)
			}
		} else {
			_, err := eff.WithOverrides([]rules.Override{{Path: path, Value: value, By: orDefault(actor.Name, "administrator"), Reason: reason, At: tx.now}})
			if err != nil {
				return overrideFieldError(err, path, value)
			}
		}
		id, err := tx.insert(ctx, `INSERT INTO agency_rule_override (agency_id, pack_id, path, value, reason, set_by, set_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, packID, path, value, reason, actor.UserID, tx.now)
		if err != nil {
			return fmt.Errorf("store.SetRuleOverride: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "rule_override", id, 0)
		ev.Detail = fmt.Sprintf("%s %s: %q -> %q", packID, path, old, value)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		out = goldthread.RuleOverride{ID: id, PackID: packID, Path: path, Value: value, Reason: reason, SetBy: actor.Name, SetAt: tx.now, Current: true}
		return nil
	})
	return out, err
}

// factValue finds the value at path among the pack's facts.
func factValue(p *rules.Pack, path string) (string, bool) {
	for _, f := range p.Facts() {
		if normPath(f.Path) == path {
			return f.Value, true
		}
	}
	return "", false
}

func overridden(cur []overrideRow, path string) bool {
	for _, r := range cur {
		if normPath(r.path) == path {
			return true
		}
	}
	return false
}

// overrideFieldError turns the rules package's refusal into a field error
// that says what would fix it.
func overrideFieldError(err error, path, value string) error {
	var oe *rules.OverrideError
	if !errors.As(err, &oe) {
		return goldthread.FieldError("value", "The value %q cannot be used for %s: %v", value, path, err)
	}
	if strings.HasPrefix(oe.Msg, "no such value") || strings.HasPrefix(oe.Msg, "empty path") {
		return goldthread.FieldError("path", "There is no value %q in this rule pack; choose one from the Payer rules list.", path)
	}
	msg := oe.Msg
	if _, after, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, "value ") {
		msg = after
	}
	return goldthread.FieldError("value", "The value %q does not fit %s (%s). Write it the way the current value is written, e.g. 48, true, midpoint or [GT, KX].", value, path, msg)
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
