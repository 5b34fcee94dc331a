package web

import (
	"fmt"
	"github.com/goldthread/goldthread/internal/locale"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// The plan form has a fixed number of empty goal and intervention slots, so
// it works without JavaScript: three goals with three interventions each,
// or more when an existing draft has more.
const (
	goalSlots         = 3
	interventionSlots = 3
)

type planFormView struct {
	Participant goldthread.Participant
	PlanID      int64 // 0 for a new plan
	Version     int
	Programs    []goldthread.Enrollment
	ProgramID   int64
	Effective   string
	ReviewDue   string
	Goals       []goalSlot
	Form        plForm
}

type goalSlot struct {
	N                      int // 1-based, for labels
	Prefix                 string
	Words, Summary, Target string
	Interventions          []interventionSlot
}

type interventionSlot struct {
	N                                   int
	Prefix                              string
	Description, Frequency, Responsible string
}

// slotsOf lays out a plan's goals in form slots.
func slotsOf(goals []goldthread.Goal) []goalSlot {
	out := make([]goalSlot, max(goalSlots, len(goals)))
	for i := range out {
		gs := goalSlot{N: i + 1, Prefix: fmt.Sprintf("goals[%d].", i)}
		var ins []goldthread.Intervention
		if i < len(goals) {
			g := goals[i]
			gs.Words, gs.Summary, gs.Target = g.Words, g.Summary, g.TargetDate.String()
			if g.Summary == g.Words {
				gs.Summary = ""
			}
			ins = g.Interventions
		}
		gs.Interventions = make([]interventionSlot, max(interventionSlots, len(ins)))
		for j := range gs.Interventions {
			is := interventionSlot{N: j + 1, Prefix: fmt.Sprintf("%sinterventions[%d].", gs.Prefix, j)}
			if j < len(ins) {
				is.Description, is.Frequency, is.Responsible = ins[j].Description, ins[j].Frequency, ins[j].Responsible
			}
			gs.Interventions[j] = is
		}
		out[i] = gs
	}
	return out
}

// slotRef maps a compacted goal/intervention index back to its form slot.
type slotRef struct {
	goal          int
	interventions []int
}

// planFromForm reads the plan form. Empty slots are skipped; refs remember
// which slot each kept goal and intervention came from, so an error about
// goals[0] can be shown beside the slot the person filled.
func planFromForm(v url.Values) (goldthread.Plan, []slotRef, error) {
	var p goldthread.Plan
	var refs []slotRef
	var err error
	if p.Effective, err = plDate(v, "effective_date"); err != nil {
		return p, nil, err
	}
	if p.ReviewDue, err = plDate(v, "review_due"); err != nil {
		return p, nil, err
	}
	p.ProgramID = plID(v, "program_id")
	for i := 0; i < 20; i++ {
		pre := fmt.Sprintf("goals[%d].", i)
		if _, ok := v[pre+"participant_words"]; !ok {
			break
		}
		g := goldthread.Goal{Words: v.Get(pre + "participant_words"), Summary: v.Get(pre + "summary")}
		if g.TargetDate, err = plDate(v, pre+"target_date"); err != nil {
			return p, nil, err
		}
		ref := slotRef{goal: i}
		for j := 0; j < 20; j++ {
			ipre := fmt.Sprintf("%sinterventions[%d].", pre, j)
			if _, ok := v[ipre+"description"]; !ok {
				break
			}
			in := goldthread.Intervention{Description: v.Get(ipre + "description"), Frequency: strings.TrimSpace(v.Get(ipre + "frequency")),
				Responsible: strings.TrimSpace(v.Get(ipre + "responsible"))}
			if strings.TrimSpace(in.Description+in.Frequency+in.Responsible) == "" {
				continue
			}
			g.Interventions = append(g.Interventions, in)
			ref.interventions = append(ref.interventions, j)
		}
		if strings.TrimSpace(g.Words+g.Summary) == "" && len(g.Interventions) == 0 {
			continue
		}
		p.Goals = append(p.Goals, g)
		refs = append(refs, ref)
	}
	return p, refs, nil
}

var slotField = regexp.MustCompile(`^goals\[(\d+)\](\.interventions\[(\d+)\])?(.*)$`)

// toSlotError rewrites the field of a store error about goals[i] (and
// interventions[j]) to the form slot the person used.
func toSlotError(err error, refs []slotRef) error {
	m := slotField.FindStringSubmatch(goldthread.ErrorField(err))
	if m == nil {
		return err
	}
	gi, _ := strconv.Atoi(m[1])
	if gi >= len(refs) {
		return err
	}
	field := fmt.Sprintf("goals[%d]", refs[gi].goal)
	if m[2] != "" {
		ij, _ := strconv.Atoi(m[3])
		if ij < len(refs[gi].interventions) {
			ij = refs[gi].interventions[ij]
		}
		field += fmt.Sprintf(".interventions[%d]", ij)
	}
	if m[4] == ".interventions" { // no intervention at all: show it at the first slot
		field += ".interventions[0].description"
	} else {
		field += m[4]
	}
	return goldthread.FieldError(field, "%s", goldthread.Reason(err))
}

// handlePlanNew shows an empty plan form for one of the participant's
// programs, with the program's review interval filled in.
func (s *Server) handlePlanNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	pt, err := s.db.Participant(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	today := s.todayOf(actor)
	v := planFormView{Participant: pt, Programs: pt.Enrollments, Effective: today.String(), Goals: slotsOf(nil)}
	if len(pt.Enrollments) > 0 {
		e := pt.Enrollments[0]
		v.ProgramID = e.ProgramID
		v.ReviewDue = goldthread.DateOf(today.AddDate(0, 0, goldthread.ReviewIntervalDays(e.RulePack))).String()
	}
	s.renderPlanForm(w, r, actor, http.StatusOK, v)
}

func (s *Server) renderPlanForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v planFormView) {
	p := s.printer(r)
	title := p.T("plan_form.new_title", v.Participant.DisplayName())
	if v.PlanID != 0 {
		title = p.T("plan_form.edit_title", v.Version, v.Participant.DisplayName())
	}
	s.render(w, r, status, "plan_form", view{P: p, Actor: actor, Title: title, Nav: "participants", Data: v})
}

// refill shows a refused plan form again as the person typed it.
func refill(p *locale.Printer, v *planFormView, form url.Values, err error, refs []slotRef) {
	v.Effective, v.ReviewDue = form.Get("effective_date"), form.Get("review_due")
	if id := plID(form, "program_id"); id != 0 {
		v.ProgramID = id
	}
	v.Goals = slotsOf(nil)
	for i := range v.Goals {
		pre := fmt.Sprintf("goals[%d].", i)
		v.Goals[i].Words, v.Goals[i].Summary, v.Goals[i].Target = form.Get(pre+"participant_words"), form.Get(pre+"summary"), form.Get(pre+"target_date")
		for j := range v.Goals[i].Interventions {
			ipre := fmt.Sprintf("%sinterventions[%d].", pre, j)
			is := &v.Goals[i].Interventions[j]
			is.Description, is.Frequency, is.Responsible = form.Get(ipre+"description"), form.Get(ipre+"frequency"), form.Get(ipre+"responsible")
		}
	}
	v.Form = plFormOf(p, toSlotError(err, refs), form)
}

// handlePlanCreate saves a new draft and shows it.
func (s *Server) handlePlanCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p, refs, err := planFromForm(r.PostForm)
	if err == nil {
		p.ParticipantID = id
		err = s.db.CreatePlan(r.Context(), actor, &p)
	}
	if err == nil {
		http.Redirect(w, r, "/plans/"+strconv.FormatInt(p.ID, 10)+"?saved=1", http.StatusSeeOther)
		return
	}
	if goldthread.ErrorKind(err) != goldthread.EINVALID {
		s.pageError(w, r, actor, err)
		return
	}
	pt, perr := s.db.Participant(r.Context(), actor, id)
	if perr != nil {
		s.pageError(w, r, actor, perr)
		return
	}
	v := planFormView{Participant: pt, Programs: pt.Enrollments}
	refill(s.printer(r), &v, r.PostForm, err, refs)
	s.renderPlanForm(w, r, actor, http.StatusUnprocessableEntity, v)
}

// handlePlanEdit shows the form for a draft nobody has signed yet.
func (s *Server) handlePlanEdit(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	pl, err := s.db.Plan(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if pl.Status != goldthread.PlanDraft || len(pl.Signatures) > 0 {
		s.pageError(w, r, actor, goldthread.Errorf(goldthread.ECONFLICT, "Someone has signed this plan already, so it can no longer change. Start a new version instead."))
		return
	}
	pt, err := s.db.Participant(r.Context(), actor, pl.ParticipantID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.renderPlanForm(w, r, actor, http.StatusOK, planFormView{Participant: pt, PlanID: pl.ID, Version: pl.Version, ProgramID: pl.ProgramID,
		Effective: pl.Effective.String(), ReviewDue: pl.ReviewDue.String(), Goals: slotsOf(pl.Goals)})
}

// handlePlanUpdate saves the edited draft.
func (s *Server) handlePlanUpdate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p, refs, err := planFromForm(r.PostForm)
	if err == nil {
		p.ID = id
		err = s.db.UpdateDraftPlan(r.Context(), actor, &p)
	}
	if err == nil {
		http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
		return
	}
	if goldthread.ErrorKind(err) != goldthread.EINVALID {
		s.pageError(w, r, actor, err)
		return
	}
	pl, perr := s.db.Plan(r.Context(), actor, id)
	if perr != nil {
		s.pageError(w, r, actor, perr)
		return
	}
	pt, perr := s.db.Participant(r.Context(), actor, pl.ParticipantID)
	if perr != nil {
		s.pageError(w, r, actor, perr)
		return
	}
	v := planFormView{Participant: pt, PlanID: id, Version: pl.Version, ProgramID: pl.ProgramID}
	refill(s.printer(r), &v, r.PostForm, err, refs)
	s.renderPlanForm(w, r, actor, http.StatusUnprocessableEntity, v)
}
