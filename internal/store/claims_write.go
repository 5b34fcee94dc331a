package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
)

// A claim batch writes a claim's lines and its claimed services a claim at
// a time, each in one statement, and takes the claim's units from its
// authorization once (issue 20: one statement a row, with the triggers
// each fires, was most of an export from fresh stored verdicts). The rows
// are those the statement a row wrote, in the same order.

// insertClaimLines writes the lines of claim id, one a service, numbered
// from 1 in the order of services.
func insertClaimLines(ctx context.Context, tx *Tx, actor goldthread.Actor, id int64, services []scrubbed) error {
	const cols = 11
	args := make([]any, 0, cols*len(services))
	for i, sc := range services {
		v := sc.svc
		args = append(args, id, actor.AgencyID, i+1, v.NoteID, v.ServiceDate, v.Procedure, strings.Join(v.Modifiers, ","), v.Minutes, v.Units,
			v.ChargeCents, v.PlaceOfService)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO claim_line (claim_id, agency_id, line_no, note_id, service_date, procedure_code, modifiers,
		minutes, units, charge_cents, place_of_service) VALUES `+values(len(services), cols), args...); err != nil {
		return fmt.Errorf("store.insertClaimLines: %w", err)
	}
	return nil
}

// claimServices records that claim claimID bills each of services (the
// claim's, so all under one authorization or none) and takes their units
// from the authorization, as a statement a service did before: a note
// another claim bills already is an ECONFLICT naming the first such note
// (the primary key of claimed_service decides, whatever the reads before
// saw: the rows it refuses are the ones the statement does not return),
// and so is an authorization left with fewer units than the services
// take together (units only add up, so the sum runs out exactly when one
// service would).
func claimServices(ctx context.Context, tx *Tx, actor goldthread.Actor, claimID int64, services []scrubbed) error {
	const cols = 5
	args := make([]any, 0, cols*len(services))
	units := 0
	for _, sc := range services {
		args = append(args, sc.svc.NoteID, claimID, actor.AgencyID, sc.svc.Units, tx.now)
		units += sc.svc.Units
	}
	written := make(map[int64]bool, len(services))
	err := scanAll(ctx, tx, `INSERT INTO claimed_service (note_id, claim_id, agency_id, units, claimed_at) VALUES `+values(len(services), cols)+`
		ON CONFLICT (note_id) DO NOTHING RETURNING note_id`, args, func(r scanner) error {
		var id int64
		err := r.Scan(&id)
		written[id] = true
		return err
	})
	if err != nil {
		return fmt.Errorf("store.claimServices: %w", err)
	}
	for _, sc := range services {
		if !written[sc.svc.NoteID] {
			return goldthread.Errorf(goldthread.ECONFLICT, "Service note %d is already on a claim; a service is billed once. Reload the billing page.", sc.svc.NoteID)
		}
	}
	if auth := services[0].svc.AuthorizationID; auth != 0 {
		return useAuthorization(ctx, tx, auth, units)
	}
	return nil
}
