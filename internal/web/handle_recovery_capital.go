package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// Recovery capital (issue 17): the participant's BARC-10, recorded at
// intake and plan reviews by their peer, supervisor or a clinician, shown
// on their page as a trend and summed on the program dashboard.

func init() {
	participantSections = append(participantSections, participantSection{Order: 7, Template: "participant-barc", Load: loadParticipantBARC})
}

// barcSection is the participant page's recovery capital: each BARC-10
// and the totals, oldest first, for the sparkline.
type barcSection struct {
	List    []goldthread.RecoveryCapital
	Totals  []int
	Numbers string
}

func loadParticipantBARC(ctx context.Context, s *Server, actor goldthread.Actor, p goldthread.Participant) (any, bool, error) {
	if !actor.Has(goldthread.RolePeer) && !actor.Has(goldthread.RoleSupervisor) && !actor.Has(goldthread.RoleClinician) {
		return nil, false, nil
	}
	list, err := s.db.RecoveryCapitalHistory(ctx, actor, p.ID)
	if err != nil {
		return nil, false, err
	}
	sec := barcSection{List: list}
	for _, r := range list {
		sec.Totals = append(sec.Totals, r.Total)
	}
	sec.Numbers = barcNumbers(sec.Totals)
	return sec, true, nil
}

// barcFormView is the BARC-10 form as typed.
type barcFormView struct {
	Participant goldthread.Participant
	Occasion    string
	TakenOn     string
	Answers     [goldthread.BARCItems]int
	Errors      map[string]string
}

// Items lists the statements' numbers, 1 to 10, for the template.
func (barcFormView) Items() []int {
	out := make([]int, goldthread.BARCItems)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// Scale lists the answers, 1 to 6.
func (barcFormView) Scale() []int { return []int{1, 2, 3, 4, 5, 6} }

// Answer is the answer chosen for statement n (1-based), 0 when none.
func (v barcFormView) Answer(n int) int { return v.Answers[n-1] }

// Error is the message for statement n, if any.
func (v barcFormView) Error(n int) string { return v.Errors["item_"+strconv.Itoa(n)] }

func (s *Server) handleBARCNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.renderBARCForm(w, r, actor, id, http.StatusOK, barcFormView{Occasion: goldthread.BARCReview, TakenOn: s.todayOf(actor).String()})
}

func (s *Server) renderBARCForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64, status int, v barcFormView) {
	pt, err := s.db.Participant(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Participant = pt
	p := s.printer(r)
	s.render(w, r, status, "barc_form", view{P: p, Actor: actor, Title: p.T("barc.new.title", pt.DisplayName()), Nav: "participants", Data: v})
}

func (s *Server) handleBARCCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	v := barcFormView{Occasion: r.PostForm.Get("occasion"), TakenOn: r.PostForm.Get("taken_on")}
	for i := range v.Answers {
		v.Answers[i], _ = strconv.Atoi(r.PostForm.Get("item_" + strconv.Itoa(i+1)))
	}
	in := store.RecoveryCapitalInput{ParticipantID: id, Occasion: v.Occasion, Answers: v.Answers}
	var err error
	in.TakenOn, err = formDate(r, "taken_on")
	if err == nil {
		_, err = s.db.RecordRecoveryCapital(r.Context(), actor, in)
	}
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			v.Errors = fe
			s.renderBARCForm(w, r, actor, id, http.StatusUnprocessableEntity, v)
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/participants/"+strconv.FormatInt(id, 10)+"#barc", http.StatusSeeOther)
}
