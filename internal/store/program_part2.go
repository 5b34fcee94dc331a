package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// A program's 42 CFR Part 2 flag: an administrator marks the programs that
// are federally assisted substance use disorder programs, and the records
// of everyone enrolled in them then leave the agency only under a Part 2
// consent (part2Column, releaseConsent).

// Part2Change is one change of a program's Part 2 flag, kept for good in
// program_part2_change.
type Part2Change struct {
	ProgramID int64
	Part2     bool   // the value set
	Reason    string // why, as the administrator wrote it
	SetBy     string // the administrator's name
	SetAt     time.Time
}

// SetProgramPart2 marks program programID of the administrator's agency as
// a 42 CFR Part 2 program (on) or not, and returns the program as it now
// is. Turning the flag off needs a reason (EINVALID on "reason"), because
// it lets the records of everyone ever enrolled in the program go out
// under a general release; turning it on takes an optional one. Setting
// the value the program already has changes and records nothing. A change
// writes the flag, a row of its history with the reason, and a setting
// change audit event naming the program and the new value (never the
// reason, which is free text), in one transaction. EFORBIDDEN for anyone
// but an administrator; ENOTFOUND for a program of another agency or none.
func (db *DB) SetProgramPart2(ctx context.Context, actor goldthread.Actor, programID int64, on bool, reason string) (goldthread.Program, error) {
	if !goldthread.CanAdminister(actor) {
		return goldthread.Program{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only an administrator marks a program as a 42 CFR Part 2 program.")
	}
	reason = strings.TrimSpace(reason)
	if len(reason) > 2000 {
		return goldthread.Program{}, goldthread.FieldError("reason", "Keep the reason under 2,000 characters.")
	}
	var out goldthread.Program
	err := db.WriteTx(ctx, func(tx *Tx) error {
		p, err := programInAgency(ctx, tx, actor, programID)
		if err != nil {
			return err
		}
		out = p
		if p.Part2 == on {
			return nil
		}
		if !on && reason == "" {
			return goldthread.FieldError("reason", "Turning off 42 CFR Part 2 for %s lets the records of everyone ever enrolled in it be shared under a general release. Say why, for example \"marked by mistake: the program offers no substance use services\".", p.Name)
		}
		if _, err := tx.Exec(ctx, "UPDATE program SET part2 = ? WHERE id = ? AND agency_id = ?", on, p.ID, actor.AgencyID); err != nil {
			return fmt.Errorf("store.SetProgramPart2: %w", err)
		}
		if _, err := tx.insert(ctx, `INSERT INTO program_part2_change (agency_id, program_id, part2, reason, set_by, set_at)
			VALUES (?, ?, ?, ?, ?, ?)`, actor.AgencyID, p.ID, on, reason, actor.UserID, tx.now); err != nil {
			return fmt.Errorf("store.SetProgramPart2: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "program", p.ID, 0)
		ev.Detail = fmt.Sprintf("program %d %q part2=%t", p.ID, p.Name, on)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		out.Part2 = on
		return nil
	})
	return out, err
}

// LastPart2Changes returns, by program id, the newest change of the Part 2
// flag of each program of the administrator's agency that has one (a
// program created with its flag has none). EFORBIDDEN for anyone but an
// administrator.
func (db *DB) LastPart2Changes(ctx context.Context, actor goldthread.Actor) (map[int64]Part2Change, error) {
	if !goldthread.CanAdminister(actor) {
		return nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only an administrator reads the history of the Part 2 flag.")
	}
	out := map[int64]Part2Change{}
	err := db.ReadTx(ctx, func(tx *Tx) error {
		return scanAll(ctx, tx, `SELECT c.program_id, c.part2, c.reason, COALESCE(u.name, ''), c.set_at
			FROM program_part2_change c LEFT JOIN app_user u ON u.id = c.set_by
			WHERE c.agency_id = ? ORDER BY c.id`, []any{actor.AgencyID}, func(r scanner) error {
			var c Part2Change
			if err := r.Scan(&c.ProgramID, &c.Part2, &c.Reason, &c.SetBy, &c.SetAt); err != nil {
				return err
			}
			c.SetAt = c.SetAt.UTC()
			out[c.ProgramID] = c // rows come oldest first: the last one wins
			return nil
		})
	})
	return out, err
}
