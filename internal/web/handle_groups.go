package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
)

func init() { routeGroups = append(routeGroups, (*Server).groupRoutes) }

var facilitators = []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor}

func (s *Server) groupRoutes() []route {
	return []route{
		{"GET", "/groups", signedIn(facilitators...), s.handleGroups},
		{"GET", "/groups/new", signedIn(facilitators...), s.handleGroupNew},
		{"POST", "/groups", signedIn(facilitators...), s.handleGroupCreate},
		{"GET", "/groups/{id}", signedIn(goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician, goldthread.RoleAuditor), s.handleGroup},
		{"POST", "/groups/{id}", signedIn(facilitators...), s.handleGroupUpdate},
		{"POST", "/groups/{id}/roster", signedIn(facilitators...), s.handleGroupRoster},
		{"POST", "/groups/{id}/attendees/{pid}", signedIn(facilitators...), s.handleGroupAttendee},
		{"POST", "/groups/{id}/sign", signedIn(facilitators...), s.handleGroupSign},
	}
}

// groupView is the group session page: details, roster, sign.
type groupView struct {
	Group      goldthread.GroupSession
	New        bool
	Programs   []goldthread.Program
	Categories []rules.Category
	Locations  []string
	Modalities []string
	StartHM    string
	EndHM      string
	Candidates []goldthread.Participant // the facilitator's participants not yet on the roster
	Lines      []attendeeLine
	Errors     map[string]string
	Signed     int // notes written when the session was just signed
}

// attendeeLine is one roster row with the goal chips of that person's plan.
type attendeeLine struct {
	A      goldthread.GroupAttendee
	Chips  []goalChip
	NoPlan bool
}

func (s *Server) handleGroups(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	list, err := s.db.GroupSessions(r.Context(), actor, 50)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "groups", view{P: p, Actor: actor, Title: p.T("groups.title"), Nav: "groups", Data: list})
}

// groupPrograms lists the agency's programs whose pack bills a group service.
func (s *Server) groupPrograms(r *http.Request, actor goldthread.Actor) ([]goldthread.Program, error) {
	all, err := s.db.Programs(r.Context(), actor.AgencyID)
	if err != nil {
		return nil, err
	}
	var out []goldthread.Program
	for _, p := range all {
		if pack, err := store.RulePack(p.RulePack); err == nil && len(groupCategories(pack)) > 0 {
			out = append(out, p)
		}
	}
	return out, nil
}

func groupCategories(pack *rules.Pack) []rules.Category {
	var out []rules.Category
	for _, c := range pack.Categories {
		if _, ok := rules.ServiceFor(pack, c.ID, true); ok {
			out = append(out, c)
		}
	}
	return out
}

func (s *Server) renderGroupNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v groupView) {
	progs, err := s.groupPrograms(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.New, v.Programs, v.Locations, v.Modalities = true, progs, goldthread.NoteLocations, goldthread.NoteModalities
	for _, p := range progs {
		if pack, err := store.RulePack(p.RulePack); err == nil {
			for _, c := range groupCategories(pack) {
				if !slices.ContainsFunc(v.Categories, func(x rules.Category) bool { return x.ID == c.ID }) {
					v.Categories = append(v.Categories, c)
				}
			}
		}
	}
	p := s.printer(r)
	s.render(w, r, status, "group_new", view{P: p, Actor: actor, Title: p.T("groups.new"), Nav: "groups", Data: v})
}

func (s *Server) handleGroupNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	now := s.db.Now().In(s.printer(r).Zone)
	v := groupView{Group: goldthread.GroupSession{ServiceDate: goldthread.DateOf(now), Location: "community", Modality: "in_person"}}
	s.renderGroupNew(w, r, actor, http.StatusOK, v)
}

// parseGroupForm reads the session details; times are HH:MM on the date.
func (s *Server) parseGroupForm(r *http.Request) (store.GroupSessionInput, string, string) {
	f := r.PostForm
	in := store.GroupSessionInput{CoFacilitators: f.Get("co_facilitators"), Topic: f.Get("topic"), Location: f.Get("location"),
		Modality: f.Get("modality"), Category: f.Get("category"), SharedDescription: f.Get("shared_description"), NextSteps: f.Get("next_steps")}
	in.ProgramID, _ = strconv.ParseInt(f.Get("program_id"), 10, 64)
	in.ServiceDate, _ = goldthread.ParseDate(f.Get("service_date"))
	zone := s.printer(r).Zone
	at := func(hm string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", in.ServiceDate.String()+" "+hm, zone)
		if err != nil || in.ServiceDate.IsZero() {
			return time.Time{}
		}
		return t
	}
	in.Start, in.End = at(f.Get("start")), at(f.Get("end"))
	return in, f.Get("start"), f.Get("end")
}

func (s *Server) handleGroupCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if !s.parseForm(w, r, actor) {
		return
	}
	in, start, end := s.parseGroupForm(r)
	g, err := s.db.CreateGroupSession(r.Context(), actor, in)
	if err != nil {
		if fe, ok := formError(err); ok {
			s.renderGroupNew(w, r, actor, http.StatusUnprocessableEntity, groupView{Errors: fe, StartHM: start, EndHM: end,
				Group: goldthread.GroupSession{ProgramID: in.ProgramID, Topic: in.Topic, ServiceDate: in.ServiceDate, Location: in.Location,
					Modality: in.Modality, Category: in.Category, CoFacilitators: in.CoFacilitators, SharedDescription: in.SharedDescription, NextSteps: in.NextSteps}})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/groups/%d", g.ID), http.StatusSeeOther)
}

// renderGroup shows a session with its roster lines and, for the
// facilitator's draft, the participants they can add.
func (s *Server) renderGroup(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, id int64, v groupView) {
	ctx := r.Context()
	g, err := s.db.GroupSession(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Group, v.Locations, v.Modalities = g, goldthread.NoteLocations, goldthread.NoteModalities
	pr := s.printer(r)
	v.StartHM, v.EndHM = g.Start.In(pr.Zone).Format("15:04"), g.End.In(pr.Zone).Format("15:04")
	if prog, err := s.db.Program(ctx, actor.AgencyID, g.ProgramID); err == nil {
		if pack, err := store.RulePack(prog.RulePack); err == nil {
			v.Categories = groupCategories(pack)
		}
	}
	editable := g.Status == goldthread.NoteDraft && g.FacilitatorID == actor.UserID
	for _, a := range g.Attendees {
		line := attendeeLine{A: a}
		if editable {
			plan, err := s.db.PlanInForce(ctx, actor, a.ParticipantID, g.ProgramID, g.ServiceDate)
			if err == nil {
				for _, goal := range plan.Goals {
					for _, in := range goal.Interventions {
						val := fmt.Sprintf("%d:%d", goal.ID, in.ID)
						checked := slices.Contains(a.Goals, goldthread.NoteGoal{GoalID: goal.ID, InterventionID: in.ID})
						line.Chips = append(line.Chips, goalChip{Value: val, Goal: goal.Summary, Intervention: in.Description, Checked: checked})
					}
				}
			} else {
				line.NoPlan = true
			}
		}
		v.Lines = append(v.Lines, line)
	}
	if editable {
		mine, err := s.db.ListParticipants(ctx, actor, goldthread.ParticipantFilter{ProgramID: g.ProgramID, Status: goldthread.ParticipantActive, Limit: 200})
		if err != nil {
			s.pageError(w, r, actor, err)
			return
		}
		for _, p := range mine {
			if !slices.ContainsFunc(g.Attendees, func(a goldthread.GroupAttendee) bool { return a.ParticipantID == p.ID }) {
				v.Candidates = append(v.Candidates, p)
			}
		}
	}
	if v.Errors == nil {
		v.Errors = map[string]string{}
	}
	s.render(w, r, status, "group", view{P: pr, Actor: actor, Title: g.Topic, Nav: "groups", Data: v})
}

// Editable reports whether the viewer may still change the session.
func (v groupView) Editable(actor goldthread.Actor) bool {
	return v.Group.Status == goldthread.NoteDraft && v.Group.FacilitatorID == actor.UserID
}

func (s *Server) handleGroup(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := groupView{}
	v.Signed, _ = strconv.Atoi(r.URL.Query().Get("signed"))
	s.renderGroup(w, r, actor, http.StatusOK, id, v)
}

// groupFail re-shows the session with a form error, or the error page.
func (s *Server) groupFail(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64, err error) {
	if fe, ok := formError(err); ok {
		s.renderGroup(w, r, actor, http.StatusUnprocessableEntity, id, groupView{Errors: fe})
		return
	}
	if goldthread.ErrorKind(err) == goldthread.EUNAUTHORIZED && goldthread.ErrorField(err) == "password" {
		s.renderGroup(w, r, actor, http.StatusUnauthorized, id, groupView{Errors: map[string]string{"password": goldthread.ErrorMessage(err)}})
		return
	}
	s.pageError(w, r, actor, err)
}

func (s *Server) handleGroupUpdate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	in, _, _ := s.parseGroupForm(r)
	if _, err := s.db.UpdateGroupSession(r.Context(), actor, id, in); err != nil {
		s.groupFail(w, r, actor, id, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/groups/%d#roster", id), http.StatusSeeOther)
}

// handleGroupRoster adds the checked participants to the roster, present.
func (s *Server) handleGroupRoster(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	for _, v := range r.PostForm["participant_id"] {
		pid, _ := strconv.ParseInt(v, 10, 64)
		if _, err := s.db.SetAttendee(r.Context(), actor, id, goldthread.GroupAttendee{ParticipantID: pid, Present: true}); err != nil {
			s.groupFail(w, r, actor, id, err)
			return
		}
	}
	http.Redirect(w, r, fmt.Sprintf("/groups/%d#roster", id), http.StatusSeeOther)
}

// handleGroupAttendee saves one roster line: present, response, goals.
func (s *Server) handleGroupAttendee(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	pid, _ := strconv.ParseInt(r.PathValue("pid"), 10, 64)
	a := goldthread.GroupAttendee{ParticipantID: pid, Present: r.PostForm.Get("present") == "on", Response: r.PostForm.Get("response")}
	for _, v := range r.PostForm["goal"] {
		g, i, _ := strings.Cut(v, ":")
		gid, _ := strconv.ParseInt(g, 10, 64)
		iid, _ := strconv.ParseInt(i, 10, 64)
		a.Goals = append(a.Goals, goldthread.NoteGoal{GoalID: gid, InterventionID: iid})
	}
	if _, err := s.db.SetAttendee(r.Context(), actor, id, a); err != nil {
		s.groupFail(w, r, actor, id, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/groups/%d#a%d", id, pid), http.StatusSeeOther)
}

// handleGroupSign signs the session once: one note per attendee present.
func (s *Server) handleGroupSign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	in := store.SignNoteInput{Password: reauthSecret(r.PostForm), LateEntryReason: r.PostForm.Get("late_entry_reason")}
	if r.PostForm.Get("attest") == "on" {
		in.Attestation = s.printer(r).T("groups.attestation")
	}
	notes, err := s.db.SignGroupSession(r.Context(), actor, id, in)
	if err != nil {
		s.groupFail(w, r, actor, id, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/groups/%d?signed=%d", id, len(notes)), http.StatusSeeOther)
}
