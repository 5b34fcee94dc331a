package store

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/goldthread/goldthread"
)

// WRAPUpload is a WRAP file sent with a crisis plan: its name as the
// participant's device had it and its bytes.
type WRAPUpload struct {
	Name string
	Data []byte
}

// SetCrisisPlan writes the crisis plan of the draft plan planID (creating
// or replacing it), with an optional WRAP: at most WRAPMaxBytes, a PDF,
// PNG or JPEG judged by its content. Without a new WRAP an attached one is
// kept. Returns EINVALID naming the field (wrap for the file), ECONFLICT
// once anyone has signed the plan (the database refuses it too),
// EFORBIDDEN for roles that do not write plans, ENOTFOUND out of reach.
func (db *DB) SetCrisisPlan(ctx context.Context, actor goldthread.Actor, planID int64, c *goldthread.CrisisPlan, wrap *WRAPUpload) error {
	if err := canWritePlans(actor); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	var wrapType, wrapName string
	if wrap != nil && len(wrap.Data) > 0 {
		if len(wrap.Data) > goldthread.WRAPMaxBytes {
			return goldthread.FieldError("wrap", "The WRAP file is larger than 2 MB. Attach a smaller scan or a PDF.")
		}
		var ok bool
		if wrapType, ok = goldthread.SniffWRAP(wrap.Data); !ok {
			return goldthread.FieldError("wrap", "Attach the WRAP as a PDF, PNG or JPEG file.")
		}
		wrapName = path.Base(strings.ReplaceAll(strings.TrimSpace(wrap.Name), `\`, "/"))
		if wrapName == "" || wrapName == "." || wrapName == "/" {
			wrapName = "wrap"
		}
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		p, err := loadPlan(ctx, tx, actor, planID)
		if err != nil {
			return err
		}
		if p.Status != goldthread.PlanDraft || len(p.Signatures) > 0 {
			return goldthread.Errorf(goldthread.ECONFLICT, "Someone has signed this plan already, so its crisis plan can no longer change. Start a new version instead.")
		}
		c.PlanID, c.ParticipantID, c.Updated = planID, p.ParticipantID, tx.now
		action := goldthread.ActionUpdate
		if p.Crisis == nil {
			action = goldthread.ActionCreate
			c.ID, err = tx.insert(ctx, `INSERT INTO crisis_plan (agency_id, plan_id, participant_id, warning_signs, what_helps, what_does_not_help,
				contacts, crisis_provider, crisis_provider_phone, preferences, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				actor.AgencyID, planID, p.ParticipantID, c.WarningSigns, c.WhatHelps, c.WhatDoesNotHelp, c.Contacts, c.CrisisProvider,
				c.CrisisProviderPhone, c.Preferences, actor.UserID, tx.now)
		} else {
			c.ID = p.Crisis.ID
			_, err = tx.Exec(ctx, `UPDATE crisis_plan SET warning_signs = ?, what_helps = ?, what_does_not_help = ?, contacts = ?,
				crisis_provider = ?, crisis_provider_phone = ?, preferences = ?, updated_by = ?, updated_at = ? WHERE id = ?`,
				c.WarningSigns, c.WhatHelps, c.WhatDoesNotHelp, c.Contacts, c.CrisisProvider, c.CrisisProviderPhone, c.Preferences,
				actor.UserID, tx.now, c.ID)
		}
		if err != nil {
			return fmt.Errorf("store.SetCrisisPlan: %w", err)
		}
		if wrapType != "" {
			if _, err := tx.Exec(ctx, "UPDATE crisis_plan SET wrap_name = ?, wrap_type = ?, wrap_data = ? WHERE id = ?",
				wrapName, wrapType, wrap.Data, c.ID); err != nil {
				return fmt.Errorf("store.SetCrisisPlan: %w", err)
			}
		}
		if c.WRAP = nil; wrapType != "" {
			c.WRAP = &goldthread.WRAPFile{Name: wrapName, ContentType: wrapType, Size: len(wrap.Data)}
		} else if p.Crisis != nil {
			c.WRAP = p.Crisis.WRAP
		}
		ev := auditFor(actor, action, "crisis_plan", c.ID, p.ParticipantID)
		if wrapType != "" {
			ev.Detail = "wrap_attached"
		}
		return tx.Audit(ctx, ev)
	})
}

// loadCrisisPlan reads the crisis plan of planID without the WRAP's bytes;
// nil when the plan has none. Callers have checked the plan's scope.
func loadCrisisPlan(ctx context.Context, tx *Tx, planID int64) (*goldthread.CrisisPlan, error) {
	crises, err := crisisPlansOf(ctx, tx, []int64{planID})
	return crises[planID], err
}

// CrisisWRAP returns the WRAP attached to the crisis plan of plan planID:
// its description and bytes. The download is audited as an export.
// Returns ENOTFOUND when the plan is out of reach or has no WRAP.
func (db *DB) CrisisWRAP(ctx context.Context, actor goldthread.Actor, planID int64) (goldthread.WRAPFile, []byte, error) {
	var w goldthread.WRAPFile
	var data []byte
	err := db.WriteTx(ctx, func(tx *Tx) error {
		p, err := loadPlan(ctx, tx, actor, planID)
		if err != nil {
			return err
		}
		if p.Crisis == nil || p.Crisis.WRAP == nil {
			return goldthread.Errorf(goldthread.ENOTFOUND, "This crisis plan has no WRAP attached.")
		}
		w = *p.Crisis.WRAP
		if err := tx.QueryRow(ctx, "SELECT wrap_data FROM crisis_plan WHERE id = ?", p.Crisis.ID).Scan(&data); err != nil {
			return fmt.Errorf("store.CrisisWRAP: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionExport, "crisis_plan", p.Crisis.ID, p.ParticipantID)
		ev.Detail = "wrap"
		return tx.Audit(ctx, ev)
	})
	return w, data, err
}
