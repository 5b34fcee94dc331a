package web

import (
	"github.com/goldthread/goldthread/internal/locale"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// plForm carries a refused form's errors back to its page: beside the
// field when the error names one, at the top otherwise.
type plForm struct {
	Errs    map[string]string // form field name → message
	Message string
	Values  url.Values // what the person typed, shown again
}

func plFormOf(p *locale.Printer, err error, values url.Values) plForm {
	if f := goldthread.ErrorField(err); f != "" {
		return plForm{Errs: map[string]string{f: p.Error(err)}, Values: values}
	}
	return plForm{Message: p.Error(err), Values: values}
}

// Get returns a typed value (templates: .Form.Get "name").
func (f plForm) Get(name string) string { return f.Values.Get(name) }

// plDate reads a YYYY-MM-DD value; empty is the zero Date.
func plDate(v url.Values, name string) (goldthread.Date, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return goldthread.Date{}, nil
	}
	d, err := goldthread.ParseDate(s)
	if err != nil {
		return d, goldthread.FieldError(name, "Enter the date as YYYY-MM-DD.")
	}
	return d, nil
}

// plInt reads a whole number; empty is 0.
func plInt(v url.Values, name string) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, goldthread.FieldError(name, "Enter a whole number.")
	}
	return n, nil
}

// plID reads an id; empty or malformed is 0 (the store then says what is
// missing).
func plID(v url.Values, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(v.Get(name)), 10, 64)
	return n
}

type planPageView struct {
	Participant goldthread.Participant
	Plan        goldthread.Plan
	CanWrite    bool
	SignRoles   []string // the roles the actor may sign in now
	Unsigned    []string // the signatures the program still asks of a draft, so nobody wonders who is left
	Form        plForm
	Extras      []template.HTML // integrity, amendment requests (portal.go)
}

// handlePlanShow shows one version of a plan: goals as the participant's
// quotes, interventions, the crisis plan's place, signatures, reviews, and
// the forms to sign, review or start a new version.
func (s *Server) handlePlanShow(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.showPlan(w, r, actor, http.StatusOK, plForm{})
}

func (s *Server) showPlan(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, form plForm) {
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
	pt, err := s.db.Participant(r.Context(), actor, pl.ParticipantID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := planPageView{Participant: pt, Plan: pl, CanWrite: goldthread.CanWritePlans(actor), Form: form}
	if pl.Status == goldthread.PlanDraft {
		v.SignRoles = signRoles(actor, pl)
		for _, role := range goldthread.PlanSignersFor(pl.RulePack) {
			if !pl.SignedBy(role) {
				v.Unsigned = append(v.Unsigned, role)
			}
		}
	}
	p := s.printer(r)
	if pl.Status == goldthread.PlanDraft && slices.Contains(v.Unsigned, goldthread.SignerParticipant) {
		// Shown to be handed to the participant, who reads and signs it.
		p = participantPrinter(p, pt)
	}
	notice := ""
	if status == http.StatusOK && r.URL.Query().Has("signed") {
		// The page comes back after each signature; say what it did, so a
		// screen reader hears it and nobody wonders whether it took.
		notice = p.T("plan.sign_saved")
		if pl.Status != goldthread.PlanDraft {
			notice = p.T("plan.sign_saved.in_force", p.Date(pl.InForce.Time))
		}
	}
	if v.Extras, err = s.renderRecordExtras(r.Context(), actor, "plan", pl.ID, pt.ID, p); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.render(w, r, status, "plan", view{P: p, Actor: actor, Title: p.T("plan.title", pl.Version, pt.DisplayName()), Nav: "participants", Notice: notice, Data: v})
}

// FormFor is the refused form's errors for the signature form of role,
// so an error shows in the form that was sent, not in every one.
func (v planPageView) FormFor(role string) plForm {
	if v.Form.Get("role") == role {
		return v.Form
	}
	return plForm{}
}

// signRoles lists the signatures the actor could add to the draft: a peer
// or a clinician collects the participant's typed name on their device and
// signs as themselves; a participant signs for themselves. Staff are offered
// one signature of their own at a time (a person holding both roles signs
// as peer first), so a page never asks for the password twice.
func signRoles(actor goldthread.Actor, pl goldthread.Plan) []string {
	var out []string
	add := func(role string) bool {
		if slices.Contains(goldthread.PlanSignersFor(pl.RulePack), role) && !pl.SignedBy(role) {
			out = append(out, role)
			return true
		}
		return false
	}
	switch {
	case actor.Has(goldthread.RoleParticipant) && actor.ParticipantID == pl.ParticipantID:
		add(goldthread.SignerParticipant)
		return out
	case actor.Has(goldthread.RolePeer) || actor.Has(goldthread.RoleClinician):
		add(goldthread.SignerParticipant)
	}
	if !(actor.Has(goldthread.RolePeer) && add(goldthread.SignerPeer)) && actor.Has(goldthread.RoleClinician) {
		add(goldthread.SignerClinician)
	}
	return out
}

// handlePlanSign adds one signature (the signer's password or passkey
// proof again, or the participant's typed name) and shows the plan again.
func (s *Server) handlePlanSign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	f := r.PostForm
	_, err = s.db.SignPlan(r.Context(), actor, id, store.PlanSignatureInput{Role: f.Get("role"), Name: f.Get("name"), Password: reauthSecret(f)})
	switch goldthread.ErrorKind(err) {
	case "":
		http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10)+"?signed=1", http.StatusSeeOther)
	case goldthread.EINVALID, goldthread.EUNAUTHORIZED:
		f.Del("password")
		s.showPlan(w, r, actor, statusOf(err), plFormOf(s.printer(r), err, f))
	default:
		s.pageError(w, r, actor, err)
	}
}

// handlePlanNewVersion copies the newest version into a new draft and opens
// it for editing.
func (s *Server) handlePlanNewVersion(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	eff, err := plDate(r.PostForm, "effective_date")
	if err == nil {
		var p goldthread.Plan
		if p, err = s.db.NewPlanVersion(r.Context(), actor, id, eff); err == nil {
			http.Redirect(w, r, "/plans/"+strconv.FormatInt(p.ID, 10)+"/edit", http.StatusSeeOther)
			return
		}
	}
	if goldthread.ErrorKind(err) == goldthread.EINVALID {
		s.showPlan(w, r, actor, http.StatusUnprocessableEntity, plFormOf(s.printer(r), err, r.PostForm))
		return
	}
	s.pageError(w, r, actor, err)
}

// handlePlanReview records a review of a signed plan.
func (s *Server) handlePlanReview(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	rev := goldthread.PlanReview{Outcome: r.PostForm.Get("outcome"), Note: r.PostForm.Get("note")}
	if rev.Reviewed, err = plDate(r.PostForm, "reviewed_on"); err == nil {
		if rev.NextDue, err = plDate(r.PostForm, "next_due"); err == nil {
			err = s.db.AddPlanReview(r.Context(), actor, id, &rev)
		}
	}
	if goldthread.ErrorKind(err) == goldthread.EINVALID {
		s.showPlan(w, r, actor, http.StatusUnprocessableEntity, plFormOf(s.printer(r), err, r.PostForm))
		return
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/plans/"+strconv.FormatInt(id, 10)+"#reviews", http.StatusSeeOther)
}

// handleCrisisCurrent is the quick way to a participant's crisis plan: the
// crisis plan of the plan in force (or the newest draft when none is).
func (s *Server) handleCrisisCurrent(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
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
	plans, err := s.db.ListPlans(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := crisisView{Participant: pt, CanWrite: goldthread.CanWritePlans(actor)}
	today := s.todayOf(actor)
	for _, e := range pt.Enrollments {
		var mine []goldthread.Plan
		for _, pl := range plans {
			if pl.ProgramID == e.ProgramID {
				mine = append(mine, pl)
			}
		}
		if cur := goldthread.CurrentPlan(mine, today); cur != nil && v.Plan == nil {
			v.Plan = cur
		}
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "crisis", view{P: p, Actor: actor, Title: p.T("crisis.title", pt.DisplayName()), Nav: "participants", Data: v})
}
