package web

import (
	"fmt"
	"github.com/goldthread/goldthread/internal/locale"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// presign fills the signing page's problems and what their fixes need.
// The late reason is asked by the sign form itself, so it is not listed.
func (s *Server) presign(r *http.Request, actor goldthread.Actor, sv *noteSignView) error {
	ps, err := s.db.SignProblems(r.Context(), actor, sv.Note.ID)
	if err != nil {
		return err
	}
	localizeProblems(s.printer(r), ps)
	localizeFindings(s.printer(r), ps)
	for _, p := range ps {
		if p.Field == "late_entry_reason" {
			continue
		}
		sv.Problems = append(sv.Problems, p)
		switch p.Remedy {
		case goldthread.RemedyCategory:
			for _, e := range sv.Participant.Enrollments {
				if pack, err := s.db.ProgramRules(r.Context(), actor.AgencyID, e.RulePack); err == nil && e.ProgramID == sv.Note.ProgramID {
					sv.Categories = individualCategories(pack)
				}
			}
		case goldthread.RemedyTimes:
			zone := s.programPrinter(r, actor, sv.Note.ProgramID).Zone
			sv.StartHM, sv.EndHM = sv.Note.Start.In(zone).Format("15:04"), sv.Note.End.In(zone).Format("15:04")
		}
	}
	return nil
}

// handleNoteFix applies one fix from the signing page and goes back to it.
func (s *Server) handleNoteFix(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v, err := s.loadNoteView(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	f := r.PostForm
	fix := store.SignFix{Remedy: f.Get("remedy"), Category: f.Get("category"), NonBillableReason: f.Get("non_billable_reason")}
	fix.Version, _ = strconv.Atoi(f.Get("version"))
	if fix.Remedy == goldthread.RemedyTimes {
		if fix.Start, fix.End, err = s.timesOn(r, actor, v.Note.ProgramID, v.Note.ServiceDate, f.Get("start"), f.Get("end")); err != nil {
			s.signRefused(w, r, actor, noteSignView{}, err)
			return
		}
	}
	if _, err := s.db.FixDraft(r.Context(), actor, v.Note.ID, fix); err != nil {
		s.signRefused(w, r, actor, noteSignView{}, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/notes/%d/sign", v.Note.ID), http.StatusSeeOther)
}

// timesOn reads start and end ("14:30") on day, on the clock of program
// programID.
func (s *Server) timesOn(r *http.Request, actor goldthread.Actor, programID int64, day goldthread.Date, start, end string) (time.Time, time.Time, error) {
	zone := s.programPrinter(r, actor, programID).Zone
	var out [2]time.Time
	for i, t := range []struct{ name, hm string }{{"start", start}, {"end", end}} {
		at, err := time.ParseInLocation("2006-01-02 15:04", day.String()+" "+strings.TrimSpace(t.hm), zone)
		if err != nil {
			return time.Time{}, time.Time{}, goldthread.FieldError(t.name, "Enter the time as hours and minutes, like 14:30.")
		}
		out[i] = at.UTC()
	}
	return out[0], out[1], nil
}

// apiNoteSignCheck answers what would stop the author from signing now.
func (s *Server) apiNoteSignCheck(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiByID(w, r, func(id int64) (any, error) {
		ps, err := s.db.SignProblems(r.Context(), actor, id)
		localizeProblems(s.printer(r), ps)
		return map[string]any{"problems": nonNil(ps), "can_sign": len(ps) == 0}, err
	})
}

// apiNoteFix applies one fix ({remedy, version, category |
// non_billable_reason | start, end}) and answers the draft.
func (s *Server) apiNoteFix(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	var fix signFixWire
	if err == nil {
		err = decodeJSON(r, &fix)
	}
	var n goldthread.Note
	if err == nil {
		n, err = s.db.FixDraft(r.Context(), actor, id, goldthread.SignFix(fix))
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, n)
}

// localizeProblems writes each problem read from an error in the reader's
// language (the rule and coach findings stay as their packs word them: the
// API's message and fix of a finding are English).
func localizeProblems(p *locale.Printer, ps []goldthread.SignProblem) {
	for i := range ps {
		if ps[i].Cause != nil {
			ps[i].Message = p.Error(ps[i].Cause)
		}
	}
}

// localizeFindings writes each payer rule finding among ps in the reader's
// language, for the signing page (the coach's findings stay as their
// lexicon words them).
func localizeFindings(p *locale.Printer, ps []goldthread.SignProblem) {
	for i := range ps {
		ps[i].Message, ps[i].Fix = p.TextOr(ps[i].MessageText, ps[i].Message), p.TextOr(ps[i].FixText, ps[i].Fix)
	}
}
