package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"sync"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/chart"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/store"
)

//go:embed templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

type pages struct{ byName map[string]*template.Template }

// parsedPages parses the templates once a process. They are embedded, the
// same bytes for every Server, and a parsed html/template is safe to
// execute from many goroutines; parsing them cost ~0.5 s of CPU for each
// Server, which every web test paid for its own.
var parsedPages = sync.OnceValues(parsePages)

// parsePages parses the layout with each page of templates/pages.
func parsePages() (*pages, error) {
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, file := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(file, "templates/pages/"), ".html")
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials*.html", file)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

var funcs = template.FuncMap{
	// The role policy's capabilities the templates ask before offering a
	// link (policy.go): {{if CanAdminister $.Actor}}, never a role by name.
	"CanReadParticipants":     goldthread.CanReadParticipants,
	"CanBreakGlass":           goldthread.CanBreakGlass,
	"CanAdminister":           goldthread.CanAdminister,
	"CanLogSupervision":       goldthread.CanLogSupervision,
	"CanWriteBillingSettings": goldthread.CanWriteBillingSettings,
	// sparkline draws BARC-10 totals (10 to 60) as a small line named by
	// label: sparkline "label" .Totals.
	"sparkline": func(label string, totals []int) template.HTML { return chart.Sparkline(label, floats(totals), 60) },
	"roleKey":   func(r goldthread.Role) string { return "role." + string(r) },
	// list makes a slice of strings to range over: list "U" "F" "M".
	"list": func(v ...string) []string { return v },
	// dict passes several values to a partial: dict "P" .P "List" .List.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict needs key and value pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// view is what every page template receives.
type view struct {
	P      *locale.Printer
	Actor  goldthread.Actor
	Title  string
	Nav    string // which navigation item is current
	Notice string // a one-line message at the top of the page
	Data   any
	Today  goldthread.Date
	// IdleSeconds is the session's idle limit, for the sign-out warning.
	IdleSeconds int
	// WipeDrafts asks the page to delete the device's encrypted copies
	// (the page after signing out).
	WipeDrafts bool
}

// Age is the whole years from birth to today.
func (v view) Age(birth goldthread.Date) int { return birth.AgeOn(v.Today) }

// NavItems lists the navigation a signed-in actor sees: only what their
// roles may open, asked of the same role policy (policy.go) as the route
// table, so a link never leads to a refusal
// (TestNavigationReachesOnlyAllowedRoutes).
func (v view) NavItems() []navItem {
	if v.Actor.Anonymous() {
		return nil
	}
	items := []navItem{{"today", "/today", "nav.today"}}
	a := v.Actor
	if goldthread.CanReadParticipants(a) {
		items = append(items, navItem{"participants", "/participants", "nav.participants"})
	} else if goldthread.CanRegisterParticipants(a) {
		// Administrators run intake but read no record: the form is their
		// way in.
		items = append(items, navItem{"participants", "/participants/new", "nav.intake"})
	}
	if goldthread.CanFacilitateGroups(a) {
		items = append(items, navItem{"groups", "/groups", "nav.groups"})
	}
	if goldthread.CanListStaff(a) {
		items = append(items, navItem{"staff", "/staff", "nav.staff"})
	}
	if goldthread.CanManageTeam(a) {
		items = append(items, navItem{"team", "/team", "nav.team"})
	}
	if goldthread.CanReviewNotes(a) {
		items = append(items, navItem{"review", "/review", "nav.review"})
	}
	// Supervisors and clinicians may open Programs too, from the pages
	// that name one; the menu offers it to those who keep programs.
	if goldthread.CanAdminister(a) || goldthread.CanBill(a) {
		items = append(items, navItem{"programs", "/programs", "nav.programs"})
	}
	if goldthread.CanReadClaims(a) {
		items = append(items, navItem{"billing", "/billing", "nav.billing"})
	}
	if goldthread.CanReadRules(a) {
		items = append(items, navItem{"rules", "/rules", "nav.rules"})
	}
	if goldthread.CanReadAudit(a) {
		items = append(items, navItem{"audit", "/audit", "nav.audit"})
	}
	if goldthread.CanAdminister(a) {
		items = append(items, navItem{"settings", "/settings/security", "nav.settings"})
	}
	if href := firstDashboard(a); href != "" {
		items = append(items, navItem{"dashboards", href, "nav.dashboards"})
	}
	if len(store.ExportKinds(a)) > 0 {
		items = append(items, navItem{"exports", "/exports", "nav.exports"})
	}
	return append(items, navItem{"account", "/account", "nav.account"})
}

type navItem struct{ ID, Href, Key string }

// printer is the catalog and clock of the request: the reader's language
// (see languageOf) and the signed-in actor's agency time zone (the guard
// puts the actor in the request context), UTC for anonymous pages such as
// sign-in.
func (s *Server) printer(r *http.Request) *locale.Printer {
	return printerFor(r.Context(), actorOf(r))
}

// todayOf is the calendar date now in the actor's agency, for defaults and
// the "today" of lists and forms.
func (s *Server) todayOf(actor goldthread.Actor) goldthread.Date {
	return goldthread.DateIn(s.db.Now(), actor.Location())
}

// render executes page into a buffer and only then writes the status, so a
// template error gives a clean error page instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	t, ok := s.pages.byName[name]
	if !ok {
		s.log.ErrorContext(r.Context(), "missing template", "template", name, "request_id", requestID(r.Context()))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if v.P == nil {
		v.P = s.printer(r)
	}
	v.Today = goldthread.DateIn(s.db.Now(), v.P.Zone)
	if !v.Actor.Anonymous() {
		v.IdleSeconds = int(s.cfg.Sessions.Idle.Seconds())
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.log.ErrorContext(r.Context(), "template failed", "template", name, "err", err, "request_id", requestID(r.Context()))
		if name != "error" {
			s.renderError(w, r, goldthread.EINTERNAL, "error.internal", nil)
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":{"kind":"internal","message":"encoding failed"}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
