package web

import (
	"context"
	"net/http"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/rules"
)

func init() {
	todaySections = append(todaySections,
		todaySection{Order: 27, Template: "coaching-week", Load: loadCoachingWeek})
	noteExtras = append(noteExtras, recordExtra{Template: "cp-note-extra", Load: loadNoteCompliance})
}

// loadNoteCompliance puts the findings under a note on its page: the
// re-check and, once signed, those stored with the signature.
func loadNoteCompliance(ctx context.Context, s *Server, actor goldthread.Actor, kind string, id, participantID int64) (any, bool, error) {
	v := s.noteCompliance(ctx, actor, id)
	return v, v != nil, nil
}

// complianceView is what the "findings" partial shows on the note form,
// the signing page and the signed note: the engine's findings now, and
// for a signed note those stored with the signature.
type complianceView struct {
	Signed bool
	Rules  []rules.Finding // checked now, most blocking first
	Stored []rules.Finding // stored with the signature (signed notes)
	Coach  []coach.Finding // the coach now (empty for billing)
	Blocks int             // findings that block signing
	Error  string          // why the check could not run
}

// noteCompliance runs the compliance engine on note noteID for a page, or
// returns nil for readers the findings are not for (participants; roles
// without note access). A failing check is shown, not fatal to the page.
func (s *Server) noteCompliance(ctx context.Context, actor goldthread.Actor, noteID int64) *complianceView {
	if noteID == 0 || actor.Has(goldthread.RoleParticipant) || !goldthread.CanSeeFindings(actor) {
		return nil
	}
	v := &complianceView{}
	var err error
	v.Rules, v.Coach, err = s.db.NoteFindings(ctx, actor, noteID)
	if err == nil {
		v.Stored, v.Signed, err = s.db.SignatureFindings(ctx, actor, noteID)
	}
	if err != nil {
		v.Error = printerFor(ctx, actor).Error(err)
		if statusOf(err) == http.StatusInternalServerError {
			s.log.ErrorContext(ctx, "compliance check failed", "err", err, "request_id", requestID(ctx))
			v.Error = printerFor(ctx, actor).T("compliance.check_failed")
		}
		return v
	}
	for _, f := range v.Rules {
		if f.Severity == rules.BlockSigning {
			v.Blocks++
		}
	}
	return v
}

// coachingWeekView is the supervisor's Today section: the three coach
// rules that fired most in the team's notes signed this week.
type coachingWeekView struct {
	Top   []goldthread.CoachingRule
	Notes int
}

func loadCoachingWeek(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RoleSupervisor) {
		return nil, false, nil
	}
	rep, err := s.db.CoachingReport(ctx, actor, s.db.Now().Add(-7*24*time.Hour))
	if err != nil {
		return nil, false, err
	}
	v := coachingWeekView{Top: rep.Team, Notes: rep.Notes}
	if len(v.Top) > 3 {
		v.Top = v.Top[:3]
	}
	return v, len(v.Top) > 0, nil
}
