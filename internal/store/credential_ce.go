package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// CEInput is the root type under its old name; its rules are
// goldthread.CEInput.Validate.
type CEInput = goldthread.CEInput

// AddCEHours logs continuing education for staffID with its evidence. The
// person, their supervisor or an administrator may log it. Audited in the
// same transaction.
func (db *DB) AddCEHours(ctx context.Context, actor goldthread.Actor, staffID int64, in CEInput) (goldthread.CEEntry, error) {
	today, err := db.agencyToday(ctx, actor.AgencyID)
	if err != nil {
		return goldthread.CEEntry{}, err
	}
	if err := in.Validate(today); err != nil {
		return goldthread.CEEntry{}, err
	}
	e := goldthread.CEEntry{StaffID: staffID, Taken: in.Taken, Minutes: in.Minutes, EthicsMinutes: in.EthicsMinutes,
		Topic: in.Topic, Provider: in.Provider, Evidence: in.Evidence}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		acc, err := accessToStaff(ctx, tx, actor, staffID)
		if err != nil {
			return err
		}
		if !acc.Self && !acc.Manage {
			return goldthread.Errorf(goldthread.EFORBIDDEN, "Only the person, their supervisor or an administrator logs training hours.")
		}
		e.Created = tx.now
		e.ID, err = tx.insert(ctx, `INSERT INTO ce_hours (agency_id, staff_id, taken_on, minutes, ethics_minutes, topic, provider, evidence, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, staffID, in.Taken, in.Minutes, in.EthicsMinutes, in.Topic, in.Provider, in.Evidence, nullID(actor.UserID), tx.now)
		if err != nil {
			return fmt.Errorf("store.AddCEHours: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionCreate, "ce_hours", e.ID, 0)
		ev.Detail = fmt.Sprintf("staff=%d minutes=%d ethics_minutes=%d", staffID, in.Minutes, in.EthicsMinutes)
		return tx.Audit(ctx, ev)
	})
	return e, err
}

// CEHours lists the continuing education of staffID, newest first, for the
// person, their supervisors, administrators and auditors.
func (db *DB) CEHours(ctx context.Context, actor goldthread.Actor, staffID int64) ([]goldthread.CEEntry, error) {
	var out []goldthread.CEEntry
	err := db.ReadTx(ctx, func(tx *Tx) error {
		if _, err := accessToStaff(ctx, tx, actor, staffID); err != nil {
			return err
		}
		var err error
		out, err = ceEntries(ctx, tx, actor.AgencyID, staffID)
		return err
	})
	return out, err
}

func ceEntries(ctx context.Context, tx *Tx, agencyID, staffID int64) ([]goldthread.CEEntry, error) {
	rows, err := tx.Query(ctx, `SELECT id, staff_id, taken_on, minutes, ethics_minutes, topic, provider, evidence, created_at
		FROM ce_hours WHERE staff_id = ? AND agency_id = ? ORDER BY taken_on DESC, id DESC`, staffID, agencyID)
	if err != nil {
		return nil, fmt.Errorf("store.CEHours: %w", err)
	}
	defer rows.Close()
	var out []goldthread.CEEntry
	for rows.Next() {
		var e goldthread.CEEntry
		if err := rows.Scan(&e.ID, &e.StaffID, &e.Taken, &e.Minutes, &e.EthicsMinutes, &e.Topic, &e.Provider, &e.Evidence, &e.Created); err != nil {
			return nil, fmt.Errorf("store.CEHours: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// CETotals returns, for each credential of staffID in force, the
// continuing education dated in its renewal period (issue date to expiry
// date) against the hours and ethics hours its rule pack requires per
// renewal period, with the requirement's status and source.
func (db *DB) CETotals(ctx context.Context, actor goldthread.Actor, staffID int64) ([]goldthread.CETotal, error) {
	var creds []goldthread.Credential
	var entries []goldthread.CEEntry
	required := map[string]rules.Credential{} // by type, from the agency's effective pack
	err := db.ReadTx(ctx, func(tx *Tx) error {
		if _, err := accessToStaff(ctx, tx, actor, staffID); err != nil {
			return err
		}
		var err error
		if creds, err = credentialsWhere(ctx, tx, "c.staff_id = ? AND c.agency_id = ?", staffID, actor.AgencyID); err != nil {
			return err
		}
		if entries, err = ceEntries(ctx, tx, actor.AgencyID, staffID); err != nil {
			return err
		}
		for _, c := range creds {
			if pc, ok, err := agencyCredential(ctx, tx, actor.AgencyID, c.Type); err != nil {
				return err
			} else if ok {
				required[c.Type] = pc
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []goldthread.CETotal
	for _, c := range current(creds) {
		if c.Expires.IsZero() {
			continue // no renewal period to count toward
		}
		t := goldthread.CETotal{Credential: c, PeriodStart: c.Issued, PeriodEnd: c.Expires}
		if pc, ok := required[c.Type]; ok {
			if pc.CEHours != nil {
				t.RequiredHours, t.Status, t.Source = pc.CEHours.Value, string(pc.CEHours.Status), pc.CEHours.Source
			}
			if pc.EthicsHours != nil {
				t.RequiredEthics = pc.EthicsHours.Value
				t.Source = strings.TrimPrefix(t.Source+"; "+pc.EthicsHours.Source, "; ")
			}
		}
		for _, e := range entries {
			if !e.Taken.Before(c.Issued.Time) && !e.Taken.After(c.Expires.Time) {
				t.Minutes += e.Minutes
				t.EthicsMinutes += e.EthicsMinutes
			}
		}
		out = append(out, t)
	}
	return out, nil
}
