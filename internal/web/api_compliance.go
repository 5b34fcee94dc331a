package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/rules"
)

// apiFact is one pack value as the API shows it.
type apiFact struct {
	Path     string              `json:"path"`
	Value    string              `json:"value"`
	Status   rules.Status        `json:"status"`
	Source   string              `json:"source"`
	Override *apiOverrideOfValue `json:"override,omitempty"`
}

type apiOverrideOfValue struct {
	By             string       `json:"by"`
	Reason         string       `json:"reason"`
	At             time.Time    `json:"at"`
	OriginalValue  string       `json:"original_value"`
	OriginalStatus rules.Status `json:"original_status"`
}

func apiFacts(p *rules.Pack) []apiFact {
	var out []apiFact
	for _, f := range p.Facts() {
		af := apiFact{Path: f.Path, Value: yamlText(f.Value), Status: f.Status, Source: f.Source}
		if o := f.Override; o != nil {
			af.Override = &apiOverrideOfValue{By: o.By, Reason: o.Reason, At: o.At, OriginalValue: yamlText(o.OriginalValue), OriginalStatus: o.OriginalStatus}
		}
		out = append(out, af)
	}
	return out
}

// apiProgramRules answers {"program","pack_id","facts","overrides"}: every
// value of the program's rule pack with the agency's overrides applied, and
// the override history, newest first.
func (s *Server) apiProgramRules(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	prog, err := s.programFor(r, actor)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	pack, err := s.db.EffectivePack(r.Context(), actor, prog.RulePack)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	hist, err := s.db.RuleOverrides(r.Context(), actor, prog.RulePack)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"program": prog, "pack_id": pack.ID, "facts": nonNil(apiFacts(pack)),
		"overrides": nonNil(hist)})
}

type overrideRequest struct {
	Path   string `json:"path"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// apiRuleOverride sets {"path","value","reason"} for the program's pack (an
// empty value returns to the pack's) and answers {"override","fact"}.
func (s *Server) apiRuleOverride(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	prog, err := s.programFor(r, actor)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var req overrideRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	o, err := s.db.SetRuleOverride(r.Context(), actor, prog.RulePack, req.Path, req.Value, req.Reason)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	pack, err := s.db.EffectivePack(r.Context(), actor, prog.RulePack)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var fact *apiFact
	for _, f := range apiFacts(pack) {
		if f.Path == o.Path {
			fact = &f
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"override": o, "fact": fact})
}

// apiFinding is a rule finding as the API shows it: message and fix in
// English, whoever asks (clients match on them, as stored findings and
// logs have them), and reader_message and reader_fix in the reader's
// language, chosen as for API errors (the account's, else Accept-Language).
type apiFinding struct {
	RuleID        string         `json:"rule_id"`
	Severity      rules.Severity `json:"severity"`
	Message       string         `json:"message"`
	Fix           string         `json:"fix"`
	ReaderMessage string         `json:"reader_message"`
	ReaderFix     string         `json:"reader_fix"`
	WhoActs       rules.Actor    `json:"who_acts"`
	Source        string         `json:"source"`
	Status        rules.Status   `json:"status"`
	Field         string         `json:"field,omitempty"`
	Related       string         `json:"related_note,omitempty"`
	Similarity    float64        `json:"similarity,omitempty"`
}

// apiCoachFinding is a coach finding as the API shows it: why and
// suggestion in English, as the coach gives them, and reader_why and
// reader_suggestion in the reader's language (the note's words and the
// rewrites stay as written).
type apiCoachFinding struct {
	coach.Finding
	ReaderWhy        string `json:"reader_why"`
	ReaderSuggestion string `json:"reader_suggestion"`
}

func apiCoachFindings(p *locale.Printer, fs []coach.Finding) []apiCoachFinding {
	out := make([]apiCoachFinding, len(fs))
	for i, f := range fs {
		out[i] = apiCoachFinding{f, p.CoachWhy(f), p.CoachSuggestion(f)}
	}
	return out
}

func apiFindings(p *locale.Printer, fs []rules.Finding) []apiFinding {
	out := make([]apiFinding, len(fs))
	for i, f := range fs {
		msg, fix := p.Finding(f)
		out[i] = apiFinding{f.RuleID, f.Severity, f.Message, f.Fix, msg, fix, f.WhoActs, f.Source, f.Status, f.Field, f.Related, f.Similarity}
	}
	return out
}

// apiNoteFindings answers {"rules","coach","signed"}: the compliance engine
// and the coach on the note now, and (signed notes) the findings stored
// with the signature.
func (s *Server) apiNoteFindings(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rf, cf, err := s.db.NoteFindings(r.Context(), actor, id)
	var stored []rules.Finding
	if err == nil {
		stored, _, err = s.db.SignatureFindings(r.Context(), actor, id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"rules": apiFindings(s.printer(r), rf), "coach": apiCoachFindings(s.printer(r), cf), "signed": apiFindings(s.printer(r), stored)})
}

// apiCoaching answers the coaching report over ?days= (default 90).
func (s *Server) apiCoaching(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	days := 90
	if v := r.URL.Query().Get("days"); v != "" {
		d, err := strconv.Atoi(v)
		if err != nil || d < 1 || d > 366 {
			s.apiError(w, r, goldthread.FieldError("days", "days must be a whole number from 1 to 366."))
			return
		}
		days = d
	}
	rep, err := s.db.CoachingReport(r.Context(), actor, s.db.Now().Add(-time.Duration(days)*24*time.Hour))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rep.Team, rep.Peers = nonNil(rep.Team), nonNil(rep.Peers)
	for i := range rep.Peers {
		rep.Peers[i].Rules = nonNil(rep.Peers[i].Rules)
	}
	writeJSON(w, http.StatusOK, rep)
}
