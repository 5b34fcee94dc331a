package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
)

// lexiconView is the coach's word list page: every entry of the agency's
// lexicon for all programs, the forms to silence and to add, and the
// agency's changes.
type lexiconView struct {
	Entries    []coach.Entry
	Silenced   map[string][]string // rule id -> program names ("" = all programs)
	Programs   []goldthread.Program
	Changes    []goldthread.LexiconChange
	Categories []string
	Severities []string
	Saved      string // "added", "silenced", "ended"
	Errors     map[string]string
	Form       url.Values // what was typed, after an error
}

// Field reports the error beside a field, if any.
func (v lexiconView) Field(name string) string { return v.Errors[name] }

// SilencedWhere lists where rule id is silenced: program names, "" for
// all programs.
func (v lexiconView) SilencedWhere(id string) []string { return v.Silenced[id] }

// Typed returns what was typed into field name.
func (v lexiconView) Typed(name string) string { return v.Form.Get(name) }

// agencyCategories are the categories an agency entry may take.
var agencyCategories = []string{string(coach.CategoryClinical), string(coach.CategoryScope), string(coach.CategoryJudgment),
	string(coach.CategoryJargon), string(coach.CategoryNoncovered)}

func (s *Server) handleLexicon(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.renderLexicon(w, r, actor, http.StatusOK, lexiconView{Saved: r.URL.Query().Get("saved")})
}

func (s *Server) renderLexicon(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v lexiconView) {
	ctx := r.Context()
	lx, err := s.db.AgencyLexicon(ctx, actor.AgencyID, 0)
	if err == nil {
		v.Changes, err = s.db.LexiconChanges(ctx, actor)
	}
	if err == nil {
		v.Programs, err = s.db.Programs(ctx, actor.AgencyID)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Entries, v.Categories = lx.Entries(), agencyCategories
	v.Severities = []string{string(coach.SeverityInfo), string(coach.SeverityWarn), string(coach.SeverityBlock)}
	v.Silenced = map[string][]string{}
	for _, c := range v.Changes {
		if c.Active && c.Action == goldthread.LexiconSilence {
			v.Silenced[c.RuleID] = append(v.Silenced[c.RuleID], c.ProgramName)
		}
	}
	if v.Errors == nil {
		v.Errors = map[string]string{}
	}
	p := s.printer(r)
	s.render(w, r, status, "lexicon", view{P: p, Actor: actor, Title: p.T("lexicon.title"), Nav: "rules", Data: v})
}

// lexiconFormError shows a refused change beside its field, or as a page
// error when it is not the person's to fix.
func (s *Server) lexiconFormError(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, err error, prefix string) {
	fe, ok := formError(s.printer(r), err)
	if !ok {
		s.pageError(w, r, actor, err)
		return
	}
	keyed := map[string]string{}
	for k, msg := range fe {
		keyed[prefix+k] = msg
	}
	s.renderLexicon(w, r, actor, http.StatusUnprocessableEntity, lexiconView{Errors: keyed, Form: r.PostForm})
}

// handleLexiconAdd adds an agency entry (fields prefixed "add-").
func (s *Server) handleLexiconAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	f := r.PostForm
	e := coach.Entry{ID: f.Get("add-rule_id"), Category: coach.Category(f.Get("add-category")), Severity: coach.Severity(f.Get("add-severity")),
		Pattern: f.Get("add-pattern"), Why: f.Get("add-why"), Suggestion: f.Get("add-suggestion"), Flags: f.Get("add-flags")}
	pid, _ := strconv.ParseInt(f.Get("add-program_id"), 10, 64)
	if _, err := s.db.AddLexiconEntry(r.Context(), actor, pid, e, f.Get("add-reason")); err != nil {
		s.lexiconFormError(w, r, actor, err, "add-")
		return
	}
	http.Redirect(w, r, "/coach/lexicon?saved=added#changes", http.StatusSeeOther)
}

// handleLexiconSilence silences one rule (fields prefixed "silence-").
func (s *Server) handleLexiconSilence(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	f := r.PostForm
	pid, _ := strconv.ParseInt(f.Get("silence-program_id"), 10, 64)
	if _, err := s.db.SilenceLexiconEntry(r.Context(), actor, pid, f.Get("silence-rule_id"), f.Get("silence-reason")); err != nil {
		s.lexiconFormError(w, r, actor, err, "silence-")
		return
	}
	http.Redirect(w, r, "/coach/lexicon?saved=silenced#changes", http.StatusSeeOther)
}

// handleLexiconEnd ends one agency change.
func (s *Server) handleLexiconEnd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err == nil {
		err = s.db.EndLexiconChange(r.Context(), actor, id)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/coach/lexicon?saved=ended#changes", http.StatusSeeOther)
}

// coachingDays are the periods the coaching page offers.
var coachingDays = []int{7, 30, 90}

// coachingView is the supervisor's view of how often each coach rule
// fires per peer.
type coachingView struct {
	Report goldthread.CoachingReport
	Days   int
	Choice []int
}

// handleCoaching shows coach findings per peer over ?days= (7, 30 or 90;
// 90 by default) from the team's signed notes.
func (s *Server) handleCoaching(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	days := 90
	if d, err := strconv.Atoi(r.URL.Query().Get("days")); err == nil && d >= 1 && d <= 366 {
		days = d
	}
	rep, err := s.db.CoachingReport(r.Context(), actor, s.db.Now().Add(-time.Duration(days)*24*time.Hour))
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "coaching", view{P: p, Actor: actor, Title: p.T("coaching.title"), Nav: "rules",
		Data: coachingView{Report: rep, Days: days, Choice: coachingDays}})
}
