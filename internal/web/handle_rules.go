package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// rulesIndexView lists the agency's programs for the Payer rules pages.
type rulesIndexView struct {
	Programs []goldthread.Program
	Lexicon  bool // the reader may open the coach pages
}

func (s *Server) handleRulesIndex(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	list, err := s.db.Programs(r.Context(), actor.AgencyID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	v := rulesIndexView{Programs: list, Lexicon: actor.Has(goldthread.RoleAdministrator) || actor.Has(goldthread.RoleSupervisor)}
	s.render(w, r, http.StatusOK, "rules", view{P: p, Actor: actor, Title: p.T("rules.title"), Nav: "rules", Data: v})
}

// programRulesView is the Payer rules page of one program: every value of
// its pack with status and source, the override form for administrators,
// and the override history.
type programRulesView struct {
	Program     goldthread.Program
	Pack        *rules.Pack
	Facts       []factRow
	Unconfirmed int
	History     []goldthread.RuleOverride
	Sources     []sourceRow
	Admin       bool
	Saved       bool
	Errors      map[string]string // keyed by fact id + "-" + field, or "form"
	Typed       map[string]string // what the administrator typed, by field id
}

// factRow is one pack value on the page.
type factRow struct {
	rules.FactView
	ID string // the form's id prefix, unique per value
}

type sourceRow struct{ Key, Text string }

// StatusKey is the catalog key of the value's status label.
func (f factRow) StatusKey() string { return "rules.status." + string(f.Status) }

// Unconfirmed reports a value nobody verified against a primary source.
func (f factRow) Unconfirmed() bool { return f.Status == rules.StatusUnconfirmed }

// Field returns the id of one of the value's form fields.
func (f factRow) Field(name string) string { return f.ID + "-" + name }

// YAMLValue is the current value written the way an override accepts it
// (lists as "[a, b]").
func (f factRow) YAMLValue() string { return yamlText(f.Value) }

// Typed returns what was typed into field id, or def.
func (v programRulesView) TypedOr(id, def string) string {
	if t, ok := v.Typed[id]; ok {
		return t
	}
	return def
}

// yamlText turns Go's "[a b]" list text into YAML's "[a, b]".
func yamlText(s string) string {
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") && !strings.ContainsAny(s, ",{") {
		return "[" + strings.Join(strings.Fields(s[1:len(s)-1]), ", ") + "]"
	}
	return s
}

// factID makes a form id from a value path.
func factID(path string) string {
	return "v-" + strings.NewReplacer(".", "-", "[", "-", "]", "", " ", "-").Replace(path)
}

// programFor reads the {id} program of the actor's agency.
func (s *Server) programFor(r *http.Request, actor goldthread.Actor) (goldthread.Program, error) {
	id, err := pathID(r)
	if err != nil {
		return goldthread.Program{}, err
	}
	return s.db.Program(r.Context(), actor.AgencyID, id)
}

func (s *Server) handleProgramRules(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.renderProgramRules(w, r, actor, http.StatusOK, programRulesView{Saved: r.URL.Query().Has("saved")})
}

func (s *Server) renderProgramRules(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v programRulesView) {
	prog, err := s.programFor(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	pack, err := s.db.EffectivePack(r.Context(), actor, prog.RulePack)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	hist, err := s.db.RuleOverrides(r.Context(), actor, prog.RulePack)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Program, v.Pack, v.History, v.Admin = prog, pack, hist, actor.Has(goldthread.RoleAdministrator)
	for _, f := range pack.Facts() {
		v.Facts = append(v.Facts, factRow{FactView: f, ID: factID(f.Path)})
		if f.Status == rules.StatusUnconfirmed {
			v.Unconfirmed++
		}
	}
	for k, text := range pack.Sources {
		v.Sources = append(v.Sources, sourceRow{k, text})
	}
	sort.Slice(v.Sources, func(i, j int) bool { return sourceLess(v.Sources[i].Key, v.Sources[j].Key) })
	p := s.printer(r)
	s.render(w, r, status, "program_rules", view{P: p, Actor: actor, Title: p.T("rules.program.title", prog.Name), Nav: "rules", Data: v})
}

// sourceLess orders source keys S1, S2, …, S10 by their number.
func sourceLess(a, b string) bool {
	na, ea := strconv.Atoi(strings.TrimLeft(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
	nb, eb := strconv.Atoi(strings.TrimLeft(b, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
	pa, pb := strings.TrimRight(a, "0123456789"), strings.TrimRight(b, "0123456789")
	if pa != pb || ea != nil || eb != nil {
		return a < b
	}
	return na < nb
}

// handleRuleOverride sets (or, empty, clears) one value for the agency.
func (s *Server) handleRuleOverride(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	prog, err := s.programFor(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	path := r.PostForm.Get("path")
	id := factID(path)
	value, reason := r.PostForm.Get(id+"-value"), r.PostForm.Get(id+"-reason")
	_, err = s.db.SetRuleOverride(r.Context(), actor, prog.RulePack, path, value, reason)
	if err != nil {
		fe, ok := formError(s.printer(r), err)
		if !ok {
			s.pageError(w, r, actor, err)
			return
		}
		keyed := map[string]string{}
		for k, msg := range fe {
			if k == "path" || k == "pack_id" || k == "form" {
				keyed["form"] = msg
				continue
			}
			keyed[id+"-"+k] = msg
		}
		s.renderProgramRules(w, r, actor, http.StatusUnprocessableEntity, programRulesView{Errors: keyed,
			Typed: map[string]string{id + "-value": value, id + "-reason": reason}})
		return
	}
	http.Redirect(w, r, "/programs/"+strconv.FormatInt(prog.ID, 10)+"/rules?saved=1#"+id, http.StatusSeeOther)
}
