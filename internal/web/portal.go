package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
)

// The participant's side of the record (journey 6; ONC (d)(4), (d)(8),
// (d)(10)/(11), 42 CFR Part 2): the participant's own record page and
// PDF, the accounting of disclosures and releases under consent, "who
// looked at my record", amendment requests, and integrity checks shown on
// signed notes and plans.

func init() {
	participantSections = append(participantSections,
		participantSection{Order: 3, Template: "portal-links", Load: loadPortalLinks},
		participantSection{Order: 41, Template: "portal-notes", Load: loadPortalNotes},
	)
	todaySections = append(todaySections,
		todaySection{Order: 1, Template: "portal-today", Load: loadPortalToday},
		todaySection{Order: 15, Template: "amendments-awaiting", Load: loadAmendmentsAwaiting},
	)
	noteExtras = append(noteExtras, recordExtra{Template: "record-extras", Load: loadRecordExtras})
	planExtras = append(planExtras, recordExtra{Template: "record-extras", Load: loadRecordExtras})
}

// ownAccount reports whether the actor is the participant's own account
// (and nothing else: staff who are also participants act as staff).
func ownAccount(actor goldthread.Actor, participantID int64) bool {
	return len(actor.Roles) == 1 && actor.Has(goldthread.RoleParticipant) && actor.ParticipantID == participantID
}

// portalLinks is the participant page's row of record links.
type portalLinks struct {
	Own, Disclosures, Release, AccessLog bool
	Amendments                           []goldthread.AmendmentRequest
}

func loadPortalLinks(ctx context.Context, s *Server, actor goldthread.Actor, p goldthread.Participant) (any, bool, error) {
	v := portalLinks{Own: ownAccount(actor, p.ID), Disclosures: goldthread.CanReadDisclosures(actor), Release: goldthread.CanRelease(actor),
		AccessLog: goldthread.CanReadAccessLog(actor)}
	if !v.Disclosures {
		return nil, false, nil
	}
	list, err := s.db.Amendments(ctx, actor, p.ID, 0)
	v.Amendments = list
	return v, err == nil, err
}

// loadPortalNotes lists the signed notes about the participant for their
// own account (the staff list, notes-section, stays as it is).
func loadPortalNotes(ctx context.Context, s *Server, actor goldthread.Actor, p goldthread.Participant) (any, bool, error) {
	if !ownAccount(actor, p.ID) {
		return nil, false, nil
	}
	list, err := s.db.ListNotes(ctx, actor, goldthread.NoteFilter{ParticipantID: p.ID, Status: goldthread.NoteSigned, Limit: 100})
	return list, err == nil, err
}

// portalToday is the participant's Today: their record one tap away and
// their requests with the answers.
type portalToday struct {
	ParticipantID int64
	Amendments    []goldthread.AmendmentRequest
}

func loadPortalToday(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if actor.PrimaryRole() != goldthread.RoleParticipant || actor.ParticipantID == 0 {
		return nil, false, nil
	}
	list, err := s.db.Amendments(ctx, actor, actor.ParticipantID, 0)
	return portalToday{ParticipantID: actor.ParticipantID, Amendments: list}, err == nil, err
}

func loadAmendmentsAwaiting(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !goldthread.CanDecideAmendments(actor) {
		return nil, false, nil
	}
	list, err := s.db.AmendmentsAwaiting(ctx, actor)
	return list, err == nil && len(list) > 0, err
}

// recordExtra adds a block under a signed note or plan page (integrity,
// amendment requests and statements of disagreement), registered in an
// init like participant sections.
type recordExtra struct {
	Template string
	Load     func(ctx context.Context, s *Server, actor goldthread.Actor, kind string, id, participantID int64) (any, bool, error)
}

var noteExtras, planExtras []recordExtra

// recordExtrasView is what a record extra's template receives.
type recordExtrasView struct {
	P    *locale.Printer
	Kind string // note or plan
	ID   int64
	Data any
}

// renderRecordExtras renders the extras of a note ("note") or plan
// ("plan") page.
func (s *Server) renderRecordExtras(ctx context.Context, actor goldthread.Actor, kind string, id, participantID int64, pr *locale.Printer) ([]template.HTML, error) {
	list := noteExtras
	if kind == "plan" {
		list = planExtras
	}
	var out []template.HTML
	for _, x := range list {
		data, ok, err := x.Load(ctx, s, actor, kind, id, participantID)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		var buf bytes.Buffer
		if err := s.pages.byName[kind].ExecuteTemplate(&buf, x.Template, recordExtrasView{P: pr, Kind: kind, ID: id, Data: data}); err != nil {
			return nil, fmt.Errorf("web: record extra %s: %w", x.Template, err)
		}
		out = append(out, template.HTML(buf.String()))
	}
	return out, nil
}

// recordExtras: the integrity check of a signed note or plan, the
// amendment requests about it (with any statement of disagreement), and
// for the participant a link to ask for a correction.
type recordExtras struct {
	Integrity  *goldthread.Integrity
	Amendments []goldthread.AmendmentRequest
	CanAsk     bool
}

func loadRecordExtras(ctx context.Context, s *Server, actor goldthread.Actor, kind string, id, participantID int64) (any, bool, error) {
	var v recordExtras
	var res goldthread.Integrity
	var err error
	if kind == "note" {
		res, err = s.db.VerifyNote(ctx, actor, id)
	} else {
		res, err = s.db.VerifyPlan(ctx, actor, id)
	}
	if err != nil {
		return nil, false, err
	}
	if res.Stored == "" && !res.OK { // a draft: nothing to verify or amend yet
		return nil, false, nil
	}
	v.Integrity, v.CanAsk = &res, ownAccount(actor, participantID)
	if goldthread.CanReadDisclosures(actor) {
		all, err := s.db.Amendments(ctx, actor, participantID, 0)
		if err != nil {
			return nil, false, err
		}
		for _, a := range all {
			if (kind == "note" && a.NoteID == id) || (kind == "plan" && a.PlanID == id) {
				v.Amendments = append(v.Amendments, a)
			}
		}
	}
	return v, true, nil
}

// integrityFor finds the check of one record among checks.
func integrityFor(checks []goldthread.Integrity, kind string, id int64) *goldthread.Integrity {
	for i := range checks {
		if checks[i].RecordType == kind && checks[i].RecordID == id {
			return &checks[i]
		}
	}
	return nil
}
