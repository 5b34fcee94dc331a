package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
)

// groupView is the group session as one form: details, the shared
// description, every member's line, who else may join, and signing.
type groupView struct {
	Group      goldthread.GroupSession
	New        bool
	Programs   []goldthread.Program // the new page's choice of program
	Categories []rules.Category     // the program's group categories only
	Locations  []string
	Modalities []string
	StartHM    string
	EndHM      string
	Candidates []goldthread.Participant // in the program, not on the roster
	Lines      []attendeeLine
	Problems   []string // what would refuse signing now, said for the page (groupProblemTexts)
	Errors     map[string]string
	Signed     int // notes written when the session was just signed
}

// attendeeLine is one member's line with the goal chips of their plan.
type attendeeLine struct {
	A      goldthread.GroupAttendee
	Chips  []goalChip
	NoPlan bool
}

// Field reports the error beside a field, if any.
func (v groupView) Field(name string) string { return v.Errors[name] }

// Editable reports whether the viewer may still change the session.
func (v groupView) Editable(actor goldthread.Actor) bool {
	return v.Group.Status == goldthread.NoteDraft && v.Group.FacilitatorID == actor.UserID
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
		if pack, err := s.db.ProgramRules(r.Context(), actor.AgencyID, p.RulePack); err == nil && len(groupCategories(pack)) > 0 {
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

// programCategories are the group categories of program id.
func (s *Server) programCategories(r *http.Request, actor goldthread.Actor, id int64) []rules.Category {
	prog, err := s.db.Program(r.Context(), actor.AgencyID, id)
	if err != nil {
		return nil
	}
	pack, err := s.db.ProgramRules(r.Context(), actor.AgencyID, prog.RulePack)
	if err != nil {
		return nil
	}
	return groupCategories(pack)
}

// handleGroupNew shows a new session prefilled from what Goldthread knows:
// the program of the facilitator's caseload (or ?program=), today, the
// hour just past, the program's group category when it has one, and
// everyone the facilitator may serve in that program to check present.
func (s *Server) handleGroupNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	progs, err := s.groupPrograms(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if len(progs) == 0 {
		s.pageError(w, r, actor, goldthread.Errorf(goldthread.EINVALID, "No program of your agency bills group services."))
		return
	}
	g := goldthread.GroupSession{ProgramID: progs[0].ID, Location: "community", Modality: "in_person"}
	if id, err := strconv.ParseInt(r.URL.Query().Get("program"), 10, 64); err == nil &&
		slices.ContainsFunc(progs, func(p goldthread.Program) bool { return p.ID == id }) {
		g.ProgramID = id
	} else if mine := s.caseloadProgram(r, actor, progs); mine != 0 {
		g.ProgramID = mine
	}
	zone := s.programPrinter(r, actor, g.ProgramID).Zone
	g.End = s.db.Now().In(zone).Truncate(5 * time.Minute)
	g.Start = g.End.Add(-time.Hour)
	if goldthread.DateOf(g.Start) != goldthread.DateOf(g.End) {
		g.Start = goldthread.DateOf(g.Start).At(22, 0, zone) // last evening's group, not one across midnight
		g.End = g.Start.Add(time.Hour)
	}
	g.ServiceDate = goldthread.DateOf(g.Start)
	s.renderGroupNew(w, r, actor, http.StatusOK, groupView{Group: g, Programs: progs})
}

// caseloadProgram is the program most of the facilitator's participants
// are in, among progs (0 when none).
func (s *Server) caseloadProgram(r *http.Request, actor goldthread.Actor, progs []goldthread.Program) int64 {
	best, most := int64(0), 0
	for _, p := range progs {
		mine, err := s.db.ListParticipants(r.Context(), actor, goldthread.ParticipantFilter{ProgramID: p.ID, Status: goldthread.ParticipantActive, Limit: 200})
		if err == nil && len(mine) > most {
			best, most = p.ID, len(mine)
		}
	}
	return best
}

func (s *Server) renderGroupNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v groupView) {
	if v.Programs == nil {
		progs, err := s.groupPrograms(r, actor)
		if err != nil {
			s.pageError(w, r, actor, err)
			return
		}
		v.Programs = progs
	}
	cands, err := s.db.GroupCandidates(r.Context(), actor, v.Group.ProgramID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.New, v.Candidates, v.Locations, v.Modalities = true, cands, goldthread.NoteLocations, goldthread.NoteModalities
	v.Categories = s.programCategories(r, actor, v.Group.ProgramID)
	if v.Group.Category == "" && len(v.Categories) > 0 {
		v.Group.Category = v.Categories[0].ID
	}
	p := s.programPrinter(r, actor, v.Group.ProgramID)
	if v.StartHM == "" && !v.Group.Start.IsZero() {
		v.StartHM, v.EndHM = v.Group.Start.In(p.Zone).Format("15:04"), v.Group.End.In(p.Zone).Format("15:04")
	}
	if v.Errors == nil {
		v.Errors = map[string]string{}
	}
	s.render(w, r, status, "group_new", view{P: p, Actor: actor, Title: p.T("groups.new"), Nav: "groups", Data: v})
}

// handleGroupCreate starts the session with the members checked present
// (from the form, or from the autosave script, which gets JSON).
func (s *Server) handleGroupCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	in, start, end := s.parseGroupForm(r, actor)
	g, err := s.db.CreateGroupSession(r.Context(), actor, in)
	if err != nil {
		if wantsJSON(r) {
			s.apiError(w, r, err)
			return
		}
		if fe, ok := formError(s.printer(r), err); ok {
			typed := groupOf(in, goldthread.GroupSession{ProgramID: in.ProgramID})
			s.renderGroupNew(w, r, actor, http.StatusUnprocessableEntity, groupView{Errors: fe, StartHM: start, EndHM: end, Group: typed})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	s.afterGroupSave(w, r, actor, g)
}

// afterGroupSave answers the autosave script with JSON, a page with the
// session.
func (s *Server) afterGroupSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, g goldthread.GroupSession) {
	if wantsJSON(r) {
		pr := s.printer(r)
		ps, err := s.db.GroupSignProblems(r.Context(), actor, g.ID)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": g.ID, "version": g.Version, "action": fmt.Sprintf("/groups/%d", g.ID),
			"edit": fmt.Sprintf("/groups/%d", g.ID), "draft_key": groupDraftKey(g.ID), "saved_text": pr.T("drafts.saved_at", pr.Time(s.db.Now())),
			"problems": nonNil(groupProblemTexts(pr, ps)), "problems_title": pr.T("presign.title", len(ps))})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/groups/%d#roster", g.ID), http.StatusSeeOther)
}

// groupDraftKey names a session's encrypted copy on the device.
func groupDraftKey(id int64) string { return fmt.Sprintf("group:%d", id) }

// renderGroup shows a session: for its facilitator's draft, one form with
// every member's line and their own plan's goals, who else may join, and
// signing; for others, what was signed. typed, when not nil, is what was
// just submitted and refused, shown instead of the stored session.
func (s *Server) renderGroup(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, id int64, v groupView, typed *store.GroupSessionInput) {
	ctx := r.Context()
	g, err := s.db.GroupSession(ctx, actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	pr := s.programPrinter(r, actor, g.ProgramID)
	if typed != nil {
		g = groupOf(*typed, g)
	}
	v.Group, v.Locations, v.Modalities = g, goldthread.NoteLocations, goldthread.NoteModalities
	if v.StartHM == "" {
		v.StartHM, v.EndHM = g.Start.In(pr.Zone).Format("15:04"), g.End.In(pr.Zone).Format("15:04")
	}
	v.Categories = s.programCategories(r, actor, g.ProgramID)
	editable := v.Editable(actor)
	plans := map[int64]goldthread.Plan{}
	if editable {
		if plans, err = s.db.GroupPlans(ctx, actor, id); err != nil {
			s.pageError(w, r, actor, err)
			return
		}
		cands, err := s.db.GroupCandidates(ctx, actor, g.ProgramID)
		if err != nil {
			s.pageError(w, r, actor, err)
			return
		}
		for _, p := range cands {
			if !slices.ContainsFunc(g.Attendees, func(a goldthread.GroupAttendee) bool { return a.ParticipantID == p.ID }) {
				v.Candidates = append(v.Candidates, p)
			}
		}
	}
	if editable {
		ps, err := s.db.GroupSignProblems(ctx, actor, id)
		if err != nil {
			s.pageError(w, r, actor, err)
			return
		}
		v.Problems = groupProblemTexts(pr, ps)
	}
	for _, a := range g.Attendees {
		line := attendeeLine{A: a}
		plan, ok := plans[a.ParticipantID]
		line.NoPlan = editable && !ok
		for _, goal := range plan.Goals {
			for _, in := range goal.Interventions {
				checked := slices.Contains(a.Goals, goldthread.NoteGoal{GoalID: goal.ID, InterventionID: in.ID})
				line.Chips = append(line.Chips, goalChip{Value: fmt.Sprintf("%d:%d", goal.ID, in.ID), Goal: goal.Summary, Intervention: in.Description, Checked: checked})
			}
		}
		v.Lines = append(v.Lines, line)
	}
	if v.Errors == nil {
		v.Errors = map[string]string{}
	}
	s.render(w, r, status, "group", view{P: pr, Actor: actor, Title: g.Topic, Nav: "groups", Data: v})
}

func (s *Server) handleGroup(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := groupView{}
	v.Signed, _ = strconv.Atoi(r.URL.Query().Get("signed"))
	s.renderGroup(w, r, actor, http.StatusOK, id, v, nil)
}

// groupFail shows the session again with the refusal beside its field and
// everything as typed, or the error page for what the page cannot fix.
func (s *Server) groupFail(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64, in *store.GroupSessionInput, err error) {
	fe, ok := formError(s.printer(r), err)
	if !ok && goldthread.ErrorKind(err) == goldthread.EUNAUTHORIZED && goldthread.ErrorField(err) == "password" {
		fe, ok = map[string]string{"password": s.printer(r).Error(err)}, true
	}
	if !ok && goldthread.ErrorKind(err) == goldthread.ECONFLICT {
		fe, ok, in = map[string]string{"form": s.printer(r).Error(err)}, true, nil
	}
	if !ok {
		s.pageError(w, r, actor, err)
		return
	}
	s.renderGroup(w, r, actor, statusOf(err), id, groupView{Errors: fe}, in)
}

// handleGroupSave saves the whole form: details and every line together
// (the autosave script gets JSON).
func (s *Server) handleGroupSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	in, _, _ := s.parseGroupForm(r, actor)
	g, err := s.db.UpdateGroupSession(r.Context(), actor, id, in)
	if err != nil {
		if wantsJSON(r) {
			s.apiError(w, r, err)
			return
		}
		s.groupFail(w, r, actor, id, &in, err)
		return
	}
	s.afterGroupSave(w, r, actor, g)
}

// handleGroupSign saves the form as typed, then signs the session once:
// one note per member present.
func (s *Server) handleGroupSign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	in, _, _ := s.parseGroupForm(r, actor)
	if _, err := s.db.UpdateGroupSession(r.Context(), actor, id, in); err != nil {
		s.groupFail(w, r, actor, id, &in, err)
		return
	}
	sign := store.SignNoteInput{Password: reauthSecret(r.PostForm), LateEntryReason: r.PostForm.Get("late_entry_reason")}
	if r.PostForm.Get("attest") != "" {
		sign.Attestation = s.printer(r).T("groups.attestation")
	}
	notes, err := s.db.SignGroupSession(r.Context(), actor, id, sign)
	if err != nil {
		s.groupFail(w, r, actor, id, nil, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/groups/%d?signed=%d", id, len(notes)), http.StatusSeeOther)
}

// groupProblemTexts says each problem of a group's signature as one line:
// whose line it is, what is wrong, the fix, and the other service an
// overlap is with.
func groupProblemTexts(pr *locale.Printer, ps []store.GroupProblem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		msg := pr.TextOr(p.MessageText, p.Message)
		if p.Cause != nil { // read from an error: its message in the reader's language, as the note's signing page does
			msg = pr.Error(p.Cause)
		}
		text := strings.TrimSpace(msg + " " + pr.TextOr(p.FixText, p.Fix))
		if o := p.Other; o != nil {
			if o.Topic != "" {
				text += " " + pr.T("presign.other.group", o.Topic, pr.Time(o.Start), pr.Time(o.End))
			} else {
				text += " " + pr.T("presign.other.note", o.Participant, pr.Time(o.Start), pr.Time(o.End))
			}
		}
		if p.Name != "" && !strings.HasPrefix(text, p.Name+":") {
			text = p.Name + ": " + text
		}
		out[i] = text
	}
	return out
}
