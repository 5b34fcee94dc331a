package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// supervisionLogView lists supervision sessions, optionally of one peer.
type supervisionLogView struct {
	Sessions []goldthread.SupervisionSession
	PeerID   int64
	PeerName string
	CanLog   bool
	Saved    bool
}

func (s *Server) handleSupervisionLog(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v := supervisionLogView{CanLog: actor.Has(goldthread.RoleSupervisor), Saved: r.URL.Query().Has("saved")}
	if q := r.URL.Query().Get("peer"); q != "" {
		id, err := strconv.ParseInt(q, 10, 64)
		if err != nil || id <= 0 {
			s.pageError(w, r, actor, goldthread.Errorf(goldthread.ENOTFOUND, "No such peer."))
			return
		}
		v.PeerID = id
		if _, _, v.PeerName, err = s.db.StaffAccess(r.Context(), actor, id); err != nil {
			s.pageError(w, r, actor, err)
			return
		}
	}
	var err error
	if v.Sessions, err = s.db.SupervisionLog(r.Context(), actor, v.PeerID, 100); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	title := p.T("supervision.title")
	if v.PeerName != "" {
		title = p.T("supervision.title.peer", v.PeerName)
	}
	s.render(w, r, http.StatusOK, "supervision", view{P: p, Actor: actor, Title: title, Nav: "team", Data: v})
}

// supervisionFormView is the form a supervisor logs a session with.
type supervisionFormView struct {
	Team    []goldthread.Staff
	In      store.SupervisionInput
	Held    string // as typed
	Minutes string
	Errors  map[string]string
}

// Chosen reports whether peer id is ticked on the form.
func (v supervisionFormView) Chosen(id int64) bool { return slices.Contains(v.In.PeerIDs, id) }

func (s *Server) handleSupervisionNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v := supervisionFormView{Held: s.todayOf(actor).String(), In: store.SupervisionInput{Kind: goldthread.SupervisionIndividual}}
	if id, err := strconv.ParseInt(r.URL.Query().Get("peer"), 10, 64); err == nil {
		v.In.PeerIDs = []int64{id}
	}
	s.renderSupervisionForm(w, r, actor, http.StatusOK, v)
}

func (s *Server) renderSupervisionForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v supervisionFormView) {
	team, err := s.db.Team(r.Context(), actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Team = team
	p := s.printer(r)
	s.render(w, r, status, "supervision_form", view{P: p, Actor: actor, Title: p.T("supervision.new.title"), Nav: "team", Data: v})
}

func (s *Server) handleSupervisionCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := supervisionFormView{Held: r.PostForm.Get("held_on"), Minutes: r.PostForm.Get("minutes")}
	v.In = store.SupervisionInput{Kind: r.PostForm.Get("kind"), Topics: r.PostForm.Get("topics"),
		NotesReviewed: r.PostForm.Get("notes_reviewed"), FollowUps: r.PostForm.Get("follow_ups")}
	for _, p := range r.PostForm["peer_ids"] {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			v.In.PeerIDs = append(v.In.PeerIDs, id)
		}
	}
	var err error
	v.In.Held, err = formDate(r, "held_on")
	if err == nil && v.Minutes != "" {
		if v.In.Minutes, err = strconv.Atoi(v.Minutes); err != nil {
			err = goldthread.FieldError("minutes", "Enter the minutes as a whole number, for example 30.")
		}
	}
	if err == nil {
		_, err = s.db.LogSupervision(r.Context(), actor, v.In)
	}
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			v.Errors = fe
			s.renderSupervisionForm(w, r, actor, http.StatusUnprocessableEntity, v)
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/supervision?saved=1", http.StatusSeeOther)
}
