package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// RulePackChoices lists the payer rule packs a program may bill under, by
// id: what an administrator chooses from when adding a program.
func RulePackChoices() ([]goldthread.RulePackChoice, error) {
	cat, err := rulePacks()
	if err != nil {
		return nil, fmt.Errorf("store: rule packs: %w", err)
	}
	var out []goldthread.RulePackChoice
	for _, p := range cat.Packs() {
		out = append(out, packChoice(p))
	}
	return out, nil
}

// packChoice is what a program form shows of pack p.
func packChoice(p *rules.Pack) goldthread.RulePackChoice {
	return goldthread.RulePackChoice{ID: p.ID, Title: p.Title, Payer: p.Payer, State: p.State()}
}

// rulePackChoice finds the rule pack id for goldthread.Program.Validate.
func rulePackChoice(id string) (goldthread.RulePackChoice, bool) {
	p, err := RulePack(id)
	if err != nil {
		return goldthread.RulePackChoice{}, false
	}
	return packChoice(p), true
}

// AddProgram adds a program to the administrator's agency, active, bound
// to a rule pack, filling p's ID. Audited as a setting change. Returns
// EFORBIDDEN for anyone but an administrator, EINVALID naming the field,
// ECONFLICT on name when the agency has a program of that name.
func (db *DB) AddProgram(ctx context.Context, actor goldthread.Actor, p *goldthread.Program) error {
	if !goldthread.CanAdminister(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only an administrator adds programs.")
	}
	p.AgencyID, p.Active, p.Part2 = actor.AgencyID, true, false
	if err := p.Validate(rulePackChoice); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		id, err := tx.insert(ctx, `INSERT INTO program (agency_id, name, rule_pack, payer, state, active, part2, time_zone, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.AgencyID, p.Name, p.RulePack, p.Payer, p.State, true, false, p.TimeZone, tx.now)
		if isUniqueViolation(err) {
			return goldthread.FieldConflict("name", "The agency already has a program named %q.", p.Name)
		}
		if err != nil {
			return fmt.Errorf("store.AddProgram: %w", err)
		}
		p.ID = id
		ev := auditFor(actor, goldthread.ActionSettingChange, "program", id, 0)
		ev.Detail = fmt.Sprintf("created rule_pack=%s time_zone=%q", p.RulePack, p.TimeZone)
		return tx.Audit(ctx, ev)
	})
}

// UpdateProgram replaces the name, payer, time zone, active flag and rule
// pack of program id with those of c. The rule pack changes only while
// the program has no note: the pack decides how every note of the program
// was checked and billed, and those stay as they were. A program is
// deactivated rather than deleted (no new intake or note). Audited with
// the names of what changed. Returns EFORBIDDEN for anyone but an
// administrator, ENOTFOUND for another agency's program, EINVALID naming
// the field, ECONFLICT on name.
func (db *DB) UpdateProgram(ctx context.Context, actor goldthread.Actor, id int64, c goldthread.Program) (goldthread.Program, error) {
	if !goldthread.CanAdminister(actor) {
		return goldthread.Program{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only an administrator changes programs.")
	}
	var out goldthread.Program
	err := db.WriteTx(ctx, func(tx *Tx) error {
		old, err := programInAgency(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		c.State = ""
		if c.RulePack == "" {
			c.RulePack = old.RulePack
		}
		if c.RulePack == old.RulePack {
			c.State = old.State
		}
		if err := c.Validate(rulePackChoice); err != nil {
			return err
		}
		if c.RulePack != old.RulePack {
			var notes int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM service_note WHERE program_id = ?", id).Scan(&notes); err != nil {
				return fmt.Errorf("store.UpdateProgram: %w", err)
			}
			if notes > 0 {
				return goldthread.FieldError("rule_pack", "%s has %d %{note|notes} written under its rule pack; %[2]{it keeps|they keep} it. Add a new program for the other payer instead.", old.Name, notes)
			}
		}
		_, err = tx.Exec(ctx, `UPDATE program SET name = ?, rule_pack = ?, payer = ?, state = ?, active = ?, time_zone = ? WHERE id = ? AND agency_id = ?`,
			c.Name, c.RulePack, c.Payer, c.State, c.Active, c.TimeZone, id, actor.AgencyID)
		if isUniqueViolation(err) {
			return goldthread.FieldConflict("name", "The agency already has a program named %q.", c.Name)
		}
		if err != nil {
			return fmt.Errorf("store.UpdateProgram: %w", err)
		}
		var changed []string
		for _, f := range []struct {
			name string
			a, b any
		}{{"name", old.Name, c.Name}, {"rule_pack", old.RulePack, c.RulePack}, {"payer", old.Payer, c.Payer},
			{"active", old.Active, c.Active}, {"time_zone", old.TimeZone, c.TimeZone}} {
			if f.a != f.b {
				changed = append(changed, fmt.Sprintf("%s=%v", f.name, f.b))
			}
		}
		if len(changed) > 0 {
			ev := auditFor(actor, goldthread.ActionSettingChange, "program", id, 0)
			ev.Detail = strings.Join(changed, " ")
			if err := tx.Audit(ctx, ev); err != nil {
				return err
			}
		}
		out, err = programInAgency(ctx, tx, actor, id)
		return err
	})
	return out, err
}
