package web

import (
	"html/template"
	"net/http"

	"github.com/goldthread/goldthread"
)

// noteView is the read-only note: locked once signed, the addenda under
// it, the late-entry label when it was signed after its deadline.
type noteView struct {
	Note         goldthread.Note
	Participant  goldthread.Participant
	ProgramName  string
	CategoryName string
	Links        []string // "goal — intervention" of each goal link
	CanEdit      bool
	CanSign      bool
	CanAddendum  bool
	Extras       []template.HTML // integrity, amendment requests (portal.go)
	// Thread is the service's golden thread for staff reading a signed
	// note; the Open* flags say which of its steps the reader may open.
	Thread                                      *goldthread.ServiceThread
	OpenReview, OpenPlan, OpenClaims, OpenStaff bool
}

// loadNoteView reads what the note views need: the note, its participant,
// the program's names for the category, and the goal links as text.
func (s *Server) loadNoteView(r *http.Request, actor goldthread.Actor) (noteView, error) {
	n, p, err := s.noteAndParticipant(r, actor)
	if err != nil {
		return noteView{}, err
	}
	v := noteView{Note: n, Participant: p}
	for _, e := range p.Enrollments {
		if e.ProgramID != n.ProgramID {
			continue
		}
		v.ProgramName = e.ProgramName
		if pack, err := s.db.ProgramRules(r.Context(), actor.AgencyID, e.RulePack); err == nil {
			if c, ok := pack.Category(n.Category); ok {
				v.CategoryName = c.Name
			}
		}
	}
	if len(n.Goals) > 0 {
		plan, err := s.db.PlanInForce(r.Context(), actor, p.ID, n.ProgramID, n.ServiceDate)
		if err != nil && goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
			return v, err
		}
		for _, link := range n.Goals {
			for _, g := range plan.Goals {
				if g.ID != link.GoalID {
					continue
				}
				label := g.Summary
				for _, in := range g.Interventions {
					if in.ID == link.InterventionID {
						label += " — " + in.Description
					}
				}
				v.Links = append(v.Links, label)
			}
		}
	}
	author := n.AuthorID == actor.UserID
	v.CanEdit = author && n.Status == goldthread.NoteDraft
	v.CanSign = v.CanEdit
	v.CanAddendum = n.Status == goldthread.NoteSigned && n.Narrative && (author || actor.Has(goldthread.RoleSupervisor))
	return v, nil
}

// handleNoteShow shows one note read-only. A signed note is locked; its
// addenda follow the original.
func (s *Server) handleNoteShow(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v, err := s.loadNoteView(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if v.Note.Status == goldthread.NoteSigned && !(len(actor.Roles) == 1 && actor.Has(goldthread.RoleParticipant)) {
		th, err := s.db.ServiceThread(r.Context(), actor, v.Note.ID)
		if err != nil {
			s.pageError(w, r, actor, err)
			return
		}
		v.Thread = &th
		v.OpenReview, v.OpenPlan, v.OpenClaims = goldthread.CanReadNarratives(actor), goldthread.CanReadPlans(actor), goldthread.CanReadClaims(actor)
		v.OpenStaff = th.AuthorID == actor.UserID || actor.Has(goldthread.RoleAuditor) || actor.Has(goldthread.RoleAdministrator) ||
			actor.Has(goldthread.RoleSupervisor)
	}
	pr := s.programPrinter(r, actor, v.Note.ProgramID)
	if v.Extras, err = s.renderRecordExtras(r.Context(), actor, "note", v.Note.ID, v.Participant.ID, pr); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	notice := ""
	switch r.URL.Query().Get("done") {
	case "signed":
		notice = pr.T("notes.signed_notice")
	case "addendum":
		notice = pr.T("addendum.added_notice")
	}
	s.render(w, r, http.StatusOK, "note", view{P: pr, Actor: actor, Title: pr.T("notes.view.title", v.Participant.DisplayName()),
		Nav: "participants", Notice: notice, Data: v})
}
