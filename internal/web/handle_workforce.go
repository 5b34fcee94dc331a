package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// workforcePacks loads the embedded rule packs once, for the settings form.
var workforcePacks = sync.OnceValues(rules.Load)

// teamView is the Team page: each peer's caseload against its limit,
// credential status and supervision, and for administrators the settings
// that override the rule packs.
type teamView struct {
	Members  []goldthread.TeamMember
	Limits   []goldthread.WorkforceRule // the distinct caseload limits in force, to explain once
	Settings []settingRow               // administrators only
	Admin    bool
	Saved    bool
	Errors   map[string]string
}

// settingRow is one agency setting an administrator may change.
type settingRow struct {
	Name    string
	Label   string // catalog key
	Program string // program name, for caseload ratios
	Pack    string
	Rule    goldthread.WorkforceRule // the pack's (or default) value, before the setting
	Current *goldthread.SettingChange
}

// Overdue reports whether m's supervision is overdue today.
func (v teamView) Overdue(m goldthread.TeamMember, today goldthread.Date) bool {
	return m.SupervisionOverdue(today)
}

func (s *Server) handleTeam(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.renderTeam(w, r, actor, http.StatusOK, teamView{Saved: r.URL.Query().Has("saved")})
}

func (s *Server) renderTeam(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v teamView) {
	ctx := r.Context()
	members, err := s.db.TeamOverview(ctx, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Members, v.Admin = members, actor.Has(goldthread.RoleAdministrator)
	seen := map[string]bool{}
	for _, m := range members {
		key := m.Limit.Pack + "/" + strconv.Itoa(m.Limit.Value) + m.Limit.Status
		if !seen[key] {
			seen[key] = true
			v.Limits = append(v.Limits, m.Limit)
		}
	}
	if v.Admin {
		if v.Settings, err = s.settingRows(r, actor); err != nil {
			s.pageError(w, r, actor, err)
			return
		}
	}
	p := s.printer(r)
	s.render(w, r, status, "team", view{P: p, Actor: actor, Title: p.T("team.title"), Nav: "team", Data: v})
}

// settingRows lists the supervision frequency and one caseload ratio per
// rule pack of the agency's programs, with their current settings.
func (s *Server) settingRows(r *http.Request, actor goldthread.Actor) ([]settingRow, error) {
	ctx := r.Context()
	settings, err := s.db.WorkforceSettings(ctx, actor)
	if err != nil {
		return nil, err
	}
	programs, err := s.db.Programs(ctx, actor.AgencyID)
	if err != nil {
		return nil, err
	}
	row := func(name, label string) settingRow {
		sr := settingRow{Name: name, Label: label}
		if c, ok := settings[name]; ok {
			sr.Current = &c
		}
		return sr
	}
	freq := row(goldthread.SettingSupervisionDays, "team.setting.supervision")
	freq.Rule = goldthread.WorkforceRule{Value: goldthread.DefaultSupervisionDays, Status: "default", Source: "Goldthread default (monthly)"}
	out := []settingRow{freq}
	cat, err := workforcePacks()
	if err != nil {
		return nil, err
	}
	var packs []string
	for _, g := range programs {
		if !g.Active || slices.Contains(packs, g.RulePack) {
			continue
		}
		packs = append(packs, g.RulePack)
		sr := row(goldthread.SettingCaseloadPrefix+g.RulePack, "team.setting.caseload")
		sr.Program, sr.Pack = g.Name, g.RulePack
		if pk, err := cat.Pack(g.RulePack); err == nil {
			f := pk.Caseload.MaxParticipantsPerPeer
			sr.Rule = goldthread.WorkforceRule{Value: f.Value, Status: string(f.Status), Source: f.Source, Pack: g.RulePack}
			for _, a := range f.Alternatives {
				sr.Rule.Alternatives = append(sr.Rule.Alternatives, goldthread.WorkforceRuleAlt{Value: a.Value, Status: string(a.Status), Source: a.Source})
			}
		}
		out = append(out, sr)
	}
	return out, nil
}

// handleTeamSetting sets or clears one workforce setting (administrators).
func (s *Server) handleTeamSetting(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	name := r.PostForm.Get("name")
	err := s.db.SetWorkforceSetting(r.Context(), actor, name, r.PostForm.Get(settingFieldID(name, "value")),
		r.PostForm.Get(settingFieldID(name, "reason")))
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			// Errors are keyed by the setting, so they show beside its own form.
			keyed := map[string]string{}
			for k, msg := range fe {
				if k == "name" || k == "form" {
					keyed["form"] = msg
					continue
				}
				keyed[settingFieldID(name, k)] = msg
			}
			s.renderTeam(w, r, actor, http.StatusUnprocessableEntity, teamView{Errors: keyed})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/team?saved=1#settings", http.StatusSeeOther)
}

// CurrentValue is the setting's value, or "" when the pack's applies.
func (sr settingRow) CurrentValue() string {
	if sr.Current == nil {
		return ""
	}
	return sr.Current.Value
}

// ID is the id of this setting's form field named field.
func (sr settingRow) ID(field string) string { return settingFieldID(sr.Name, field) }

// settingFieldID is the id of a setting form's field: unique per setting.
func settingFieldID(name, field string) string {
	return strings.NewReplacer(".", "-").Replace(name) + "-" + field
}

// formDate reads a YYYY-MM-DD form field; empty is the zero Date.
func formDate(r *http.Request, name string) (goldthread.Date, error) {
	v := strings.TrimSpace(r.PostForm.Get(name))
	if v == "" {
		return goldthread.Date{}, nil
	}
	d, err := goldthread.ParseDate(v)
	if err != nil {
		return d, goldthread.FieldError(name, "Enter the date as YYYY-MM-DD, for example 2026-03-02.")
	}
	return d, nil
}

// formMinutes reads hours ("1.5", "2") from a form field as minutes.
func formMinutes(r *http.Request, name string) (int, error) {
	v := strings.TrimSpace(strings.Replace(r.PostForm.Get(name), ",", ".", 1))
	if v == "" {
		return 0, nil
	}
	h, err := strconv.ParseFloat(v, 64)
	if err != nil || h < 0 {
		return 0, goldthread.FieldError(name, "Enter hours as a number, for example 1.5.")
	}
	return int(h*60 + 0.5), nil
}
