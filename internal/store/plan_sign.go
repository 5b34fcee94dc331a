package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// PlanSignatureInput is the root type under its old name.
type PlanSignatureInput = goldthread.PlanSignatureInput

// SignPlan adds a signature to a draft plan.
//
// A peer signs as peer and a clinician as clinician, each re-authenticated
// (wrong password or spent passkey proof: EUNAUTHORIZED on password,
// audited as a failed signature). The participant signs either on their own
// account, re-authenticated the same way, or by typing their full name on
// the device of a peer or clinician who reaches them; a typed
// name that is not the record's first and last name (or preferred and
// last), initials included, is EINVALID on name. When every signature the
// program requires (goldthread.PlanSignersFor) is present the plan becomes
// signed: locked, hashed, and in force from its effective date or from the
// agency's date of that last signature, whichever is later.
//
// Nobody may sign a plan of a program that requires a crisis plan (NC 8G)
// before the crisis plan is written: EINVALID on crisis_plan. Returns
// ECONFLICT when the plan is already signed or that role signed already,
// EFORBIDDEN when the actor may not sign in that role, EINVALID on role
// when the program asks for no signature in that role. Nothing is saved
// when any check fails.
func (db *DB) SignPlan(ctx context.Context, actor goldthread.Actor, planID int64, in PlanSignatureInput) (goldthread.Plan, error) {
	var pre goldthread.Plan
	var typed bool
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		if pre, err = loadPlan(ctx, tx, actor, planID); err != nil {
			return err
		}
		typed, err = checkPlanSigner(ctx, tx, actor, pre, in)
		return err
	})
	if err != nil {
		return goldthread.Plan{}, err
	}
	if !typed {
		if in.Password == "" {
			return goldthread.Plan{}, goldthread.FieldError("password", "Enter your password (or use your passkey) to sign the plan.")
		}
		if err := db.checkPassword(ctx, actor, in.Password, planID, pre.ParticipantID, "plan"); err != nil {
			return goldthread.Plan{}, err
		}
	}
	var out goldthread.Plan
	err = db.WriteTx(ctx, func(tx *Tx) error {
		p, err := loadPlan(ctx, tx, actor, planID)
		if err != nil {
			return err
		}
		if _, err := checkPlanSigner(ctx, tx, actor, p, in); err != nil {
			return err // a signature landed meanwhile
		}
		out, err = addPlanSignature(ctx, tx, actor, p, in, typed)
		return err
	})
	return out, err
}

// checkPlanSigner runs every check of SignPlan that needs no password:
// the plan is a draft with its crisis plan, the program asks for the role,
// nobody signed in it yet, and the actor may sign in it. typed is true for
// a participant's name typed on a staff member's device (already matched
// to the record).
func checkPlanSigner(ctx context.Context, tx *Tx, actor goldthread.Actor, p goldthread.Plan, in PlanSignatureInput) (typed bool, err error) {
	if p.Status != goldthread.PlanDraft {
		return false, goldthread.Errorf(goldthread.ECONFLICT, "This plan is already signed. Start a new version to change it.")
	}
	if goldthread.CrisisPlanRequired(p.RulePack) && p.Crisis == nil {
		return false, goldthread.FieldError("crisis_plan", "This program requires a crisis plan in every plan. Write the crisis plan before anyone signs.")
	}
	if in.Role != "" && !slices.Contains(goldthread.PlanSignersFor(p.RulePack), in.Role) {
		return false, goldthread.FieldError("role", "This program asks for no %s signature on plans.", in.Role)
	}
	if p.SignedBy(in.Role) {
		return false, goldthread.Errorf(goldthread.ECONFLICT, "The %s has already signed this plan.", in.Role)
	}
	switch in.Role {
	case goldthread.SignerPeer:
		if !actor.Has(goldthread.RolePeer) {
			return false, goldthread.Errorf(goldthread.EFORBIDDEN, "Only a peer specialist signs as the peer.")
		}
	case goldthread.SignerClinician:
		if !actor.Has(goldthread.RoleClinician) {
			return false, goldthread.Errorf(goldthread.EFORBIDDEN, "Only a licensed clinician signs as the licensed professional.")
		}
	case goldthread.SignerParticipant:
		if actor.Has(goldthread.RoleParticipant) && actor.ParticipantID == p.ParticipantID {
			return false, nil
		}
		if !actor.Has(goldthread.RolePeer) && !actor.Has(goldthread.RoleClinician) {
			return false, goldthread.Errorf(goldthread.EFORBIDDEN, "The participant signs on their own account, or types their name on the device of their peer specialist or clinician.")
		}
		var who goldthread.Participant
		if err := tx.QueryRow(ctx, "SELECT first_name, last_name, preferred_name FROM participant WHERE id = ? AND agency_id = ?",
			p.ParticipantID, p.AgencyID).Scan(&who.FirstName, &who.LastName, &who.PreferredName); err != nil {
			return false, fmt.Errorf("store.SignPlan: %w", err)
		}
		return true, goldthread.CheckTypedSignature(who, in.Name)
	default:
		return false, goldthread.FieldError("role", "Sign as participant, peer or clinician.")
	}
	return false, nil
}

// addPlanSignature writes the checked signature of p and, when it is the
// last one the program requires, locks the plan and sets the day it is in
// force from; the audit event commits with it.
func addPlanSignature(ctx context.Context, tx *Tx, actor goldthread.Actor, p goldthread.Plan, in PlanSignatureInput, typed bool) (goldthread.Plan, error) {
	sig := goldthread.PlanSignature{SignerRole: in.Role, UserID: actor.UserID, Signed: tx.now}
	if typed {
		sig.Name = strings.Join(strings.Fields(in.Name), " ")
	} else if err := tx.QueryRow(ctx, "SELECT name, credential FROM app_user WHERE id = ?", actor.UserID).Scan(&sig.Name, &sig.Credential); err != nil {
		return p, fmt.Errorf("store.SignPlan: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO plan_signature (plan_id, signer_role, user_id, name, credential, signed_at)
		VALUES (?, ?, ?, ?, ?, ?)`, p.ID, sig.SignerRole, nullID(sig.UserID), sig.Name, sig.Credential, sig.Signed); err != nil {
		return p, fmt.Errorf("store.SignPlan: %w", err)
	}
	p.Signatures = append(p.Signatures, sig)
	ev := auditFor(actor, goldthread.ActionSign, "plan", p.ID, p.ParticipantID)
	ev.Detail = "signer=" + in.Role
	if typed {
		ev.Detail += " typed_name"
	}
	if !slices.ContainsFunc(goldthread.PlanSignersFor(p.RulePack), func(role string) bool { return !p.SignedBy(role) }) {
		today, err := agencyToday(ctx, tx, p.AgencyID)
		if err != nil {
			return p, err
		}
		p.Status, p.Signed, p.InForce = goldthread.PlanSigned, tx.now, p.Effective
		if today.After(p.Effective.Time) {
			p.InForce = today
		}
		p.ContentHash = planHash(p)
		if _, err := tx.Exec(ctx, "UPDATE plan SET status = ?, signed_at = ?, in_force_from = ?, content_hash = ?, updated_at = ? WHERE id = ?",
			p.Status, p.Signed, p.InForce, p.ContentHash, tx.now, p.ID); err != nil {
			return p, fmt.Errorf("store.SignPlan: %w", err)
		}
		ev.Detail += " status=signed in_force_from=" + p.InForce.String()
		if err := refreshGoalsInForce(ctx, tx, p.ParticipantID); err != nil { // its goals take over from the last version's
			return p, err
		}
	}
	return p, tx.Audit(ctx, ev)
}

// planHash is the SHA-256 of the plan's signed content, so an auditor (and
// the app) can prove later that what was signed is what is shown. The day
// the plan came into force is part of it only when it differs from the
// effective date, so plans signed before that day was kept hash as before.
func planHash(p goldthread.Plan) string {
	var crisis []string
	if c := p.Crisis; c != nil {
		crisis = []string{c.WarningSigns, c.WhatHelps, c.WhatDoesNotHelp, c.Contacts, c.CrisisProvider, c.CrisisProviderPhone, c.Preferences}
		if c.WRAP != nil {
			crisis = append(crisis, c.WRAP.Name, c.WRAP.ContentType, strconv.Itoa(c.WRAP.Size))
		}
	}
	var inForce string
	if !p.InForce.IsZero() && !p.InForce.Equal(p.Effective.Time) {
		inForce = p.InForce.String()
	}
	content := struct {
		ID, ParticipantID, ProgramID int64
		Version                      int
		Effective, ReviewDue         string
		InForce                      string `json:",omitempty"`
		Goals                        []goldthread.Goal
		Crisis                       []string `json:",omitempty"`
	}{p.ID, p.ParticipantID, p.ProgramID, p.Version, p.Effective.String(), p.ReviewDue.String(), inForce, p.Goals, crisis}
	b, _ := json.Marshal(content)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
