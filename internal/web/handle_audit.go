package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// auditActions are the actions the filter offers.
var auditActions = []string{goldthread.ActionRead, goldthread.ActionList, goldthread.ActionCreate, goldthread.ActionUpdate,
	goldthread.ActionSign, goldthread.ActionExport, goldthread.ActionPrint, goldthread.ActionSignIn, goldthread.ActionSignInFailed,
	goldthread.ActionSignOut, goldthread.ActionPrivilegeChange, goldthread.ActionSettingChange, goldthread.ActionEmergencyAccess}

// auditFilterForm is the audit report's filter as typed, and its errors.
type auditFilterForm struct {
	Actor, Participant, Action, From, To, Order string
	Page                                        int
	Errors                                      map[string]string
}

// parseAuditFilter reads the report's query string. Dates are calendar
// days on the agency's clocks (zone), as the report shows its times; To
// includes its whole day.
func parseAuditFilter(q url.Values, zone *time.Location) (store.AuditFilter, auditFilterForm) {
	form := auditFilterForm{Actor: q.Get("actor"), Participant: q.Get("participant"), Action: q.Get("action"),
		From: q.Get("from"), To: q.Get("to"), Order: q.Get("order"), Errors: map[string]string{}}
	var f store.AuditFilter
	id := func(name, v string) int64 {
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			form.Errors[name] = "Enter a number, such as 12."
		}
		return n
	}
	f.ActorID = id("actor", form.Actor)
	f.ParticipantID = id("participant", form.Participant)
	for _, a := range auditActions {
		if a == form.Action {
			f.Action = a
		}
	}
	day := func(name, v string) time.Time {
		if v == "" {
			return time.Time{}
		}
		d, err := goldthread.ParseDate(v)
		if err != nil {
			form.Errors[name] = "Write the date as YYYY-MM-DD."
			return time.Time{}
		}
		return d.At(0, 0, zone)
	}
	f.From = day("from", form.From)
	if to := day("to", form.To); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		form.Errors["to"] = "The end date must be on or after the start date."
	}
	f.Oldest = form.Order == "oldest"
	form.Page, _ = strconv.Atoi(q.Get("page"))
	form.Page = max(form.Page, 1)
	f.Limit, f.Offset = 100, (form.Page-1)*100
	return f, form
}

type auditView struct {
	Filter  auditFilterForm
	Events  []goldthread.AuditEvent
	Actions []string
	// Query is the filter as an encoded query string, for the CSV link and
	// paging: typed as a URL so the template does not encode it a second
	// time (which turned it into one meaningless key and exported all).
	Query template.URL
	More  bool
	// People names users by id (actors, and the actor filter's choices).
	People map[int64]string
	// Participants names the participants of the page's events.
	Participants map[int64]string
	Staff        []auditPerson
	Zone         string // the agency's time zone, in which times are shown
}

// auditPerson is one choice of the actor filter.
type auditPerson struct {
	ID   string
	Name string
}

// Who names the actor of ev: name and role, or the role alone (system).
func (v auditView) Who(ev goldthread.AuditEvent) string {
	if ev.ActorID == 0 {
		return string(ev.ActorRole)
	}
	name, ok := v.People[ev.ActorID]
	if !ok {
		name = "#" + strconv.FormatInt(ev.ActorID, 10)
	}
	return name + " (" + string(ev.ActorRole) + ")"
}

// handleAuditList is the audit report: filter by user, participant,
// action and period, newest or oldest first, 100 a page, with CSV export.
func (s *Server) handleAuditList(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	f, form := parseAuditFilter(r.URL.Query(), s.printer(r).Zone)
	v := auditView{Filter: form, Actions: auditActions}
	status := http.StatusOK
	if len(form.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	} else {
		f.Limit++ // one more tells whether a next page exists
		evs, err := s.db.AuditEvents(r.Context(), actor, f)
		if err != nil {
			s.pageError(w, r, actor, err)
			return
		}
		if len(evs) > 100 {
			evs, v.More = evs[:100], true
		}
		v.Events = evs
	}
	q := r.URL.Query()
	q.Del("page")
	v.Query = template.URL(q.Encode())
	people, err := s.db.AuditPeople(r.Context(), actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.People = people
	var pids []int64
	for _, ev := range v.Events {
		if ev.ParticipantID != 0 && !slices.Contains(pids, ev.ParticipantID) {
			pids = append(pids, ev.ParticipantID)
		}
	}
	if v.Participants, err = s.db.AuditParticipantNames(r.Context(), actor, pids); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	for id, name := range people {
		v.Staff = append(v.Staff, auditPerson{ID: strconv.FormatInt(id, 10), Name: name})
	}
	slices.SortFunc(v.Staff, func(a, b auditPerson) int { return strings.Compare(a.Name, b.Name) })
	p := s.printer(r)
	v.Zone = p.Zone.String()
	s.render(w, r, status, "audit", view{P: p, Actor: actor, Title: p.T("audit.title"), Nav: "audit", Data: v})
}

// NextPage and PrevPage are the page numbers around the current one.
func (v auditView) NextPage() int { return v.Filter.Page + 1 }
func (v auditView) PrevPage() int { return v.Filter.Page - 1 }

// handleAuditCSV exports every event matching the filter as CSV, streamed.
func (s *Server) handleAuditCSV(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	f, form := parseAuditFilter(r.URL.Query(), s.printer(r).Zone)
	if len(form.Errors) > 0 {
		s.pageError(w, r, actor, goldthread.Errorf(goldthread.EINVALID, "The filter has a mistake; correct it on the audit page first."))
		return
	}
	people, err := s.db.AuditPeople(r.Context(), actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="goldthread-audit.csv"`)
	cw := newCSVExport(w)
	cw.Write("seq", "at_utc", "actor_id", "actor_name", "actor_role", "action", "record_type", "record_id", "participant_id", "ip", "outcome", "detail", "prev_hash", "hash")
	n := func(x int64) string {
		if x == 0 {
			return ""
		}
		return strconv.FormatInt(x, 10)
	}
	err = s.db.ExportAudit(r.Context(), actor, f, func(ev goldthread.AuditEvent) error {
		return cw.Write(strconv.FormatInt(ev.Seq, 10), ev.At.UTC().Format(time.RFC3339Nano), n(ev.ActorID), people[ev.ActorID], string(ev.ActorRole),
			ev.Action, ev.RecordType, n(ev.RecordID), n(ev.ParticipantID), ev.IP, ev.Outcome, ev.Detail, ev.PrevHash, ev.Hash)
	})
	if ferr := cw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		s.log.ErrorContext(r.Context(), "audit export failed", "err", err, "request_id", requestID(r.Context()))
	}
}

// ParticipantName names participant id as screens do, or "#id" when the
// participant is not the agency's.
func (v auditView) ParticipantName(id int64) string {
	if name, ok := v.Participants[id]; ok {
		return name
	}
	return "#" + strconv.FormatInt(id, 10)
}
