package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// Billing screens (issue 8): the worklist of ready and blocked services,
// batches and their 837P files, claims with their status history.
// Billing staff act (goldthread.CanBill); auditors read (CanReadClaims).
// Nothing here shows a narrative.

func init() {
	todaySections = append(todaySections, todaySection{Order: 30, Template: "billing-today", Load: loadBillingToday})
}

// billingView is the Billing page for one program and period.
type billingView struct {
	Programs    []goldthread.Program
	ProgramID   int64
	From, To    goldthread.Date
	List        goldthread.BillingWorklist
	ReadyShown  []goldthread.BillableService
	BlockedShow []goldthread.BillableService
	CanExport   bool
	Query       template.URL // program, from and to as an encoded query string, for links
	Errors      map[string]string
}

// shownMax caps each list on the page; the CSV has every service.
const shownMax = 100

// billingFilter reads program, from and to from the query, defaulting to
// the agency's first program and the current month to date.
func (s *Server) billingFilter(ctx context.Context, r *http.Request, actor goldthread.Actor) (billingView, error) {
	v := billingView{}
	var err error
	if v.Programs, err = s.db.Programs(ctx, actor.AgencyID); err != nil {
		return v, err
	}
	today := s.todayOf(actor)
	v.From, v.To = goldthread.NewDate(today.Year(), today.Month(), 1), today
	q := r.URL.Query()
	if p := q.Get("program"); p != "" {
		if v.ProgramID, err = strconv.ParseInt(p, 10, 64); err != nil {
			return v, goldthread.FieldError("program", "Choose a program from the list.")
		}
	} else if len(v.Programs) > 0 {
		v.ProgramID = v.Programs[0].ID
	}
	for _, f := range []struct {
		name string
		d    *goldthread.Date
	}{{"from", &v.From}, {"to", &v.To}} {
		if raw := strings.TrimSpace(q.Get(f.name)); raw != "" {
			if *f.d, err = goldthread.ParseDate(raw); err != nil {
				return v, goldthread.FieldError(f.name, "Enter the date as YYYY-MM-DD, for example 2026-03-02.")
			}
		}
	}
	v.Query = template.URL(url.Values{"program": {strconv.FormatInt(v.ProgramID, 10)}, "from": {v.From.String()}, "to": {v.To.String()}}.Encode())
	v.CanExport = actor.Has(goldthread.RoleBilling)
	return v, nil
}

func (s *Server) handleBilling(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v, err := s.billingFilter(r.Context(), r, actor)
	if err == nil && v.ProgramID != 0 {
		// The page shows the first of each list; the counts, totals and
		// groups cover the period, and the CSV every service.
		v.List, err = s.billingPage(r.Context(), actor, v.ProgramID, v.From, v.To, shownMax)
	}
	status := http.StatusOK
	if fe, ok := formError(s.printer(r), err); ok {
		v.Errors, status = fe, http.StatusUnprocessableEntity
	} else if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.ReadyShown = v.List.Ready[:min(len(v.List.Ready), shownMax)]
	v.BlockedShow = v.List.Blocked[:min(len(v.List.Blocked), shownMax)]
	p := s.printer(r)
	s.render(w, r, status, "billing", view{P: p, Actor: actor, Title: p.T("billing.title"), Nav: "billing", Data: v})
}

// billingPage reads the first limit services of each list of the period
// as they were last checked, at once: when some participants' services
// are not checked since their last change, it starts the check of the
// period in the background and says how many in Pending (the page tells
// the reader, who reloads to see them). It waits up to Config.BillingWait
// for that check, then reads again.
func (s *Server) billingPage(ctx context.Context, actor goldthread.Actor, programID int64, from, to goldthread.Date, limit int) (goldthread.BillingWorklist, error) {
	page := store.WorklistPage{Limit: limit, AsStored: true}
	wl, err := s.db.BillableServicesPage(ctx, actor, programID, from, to, page)
	if err != nil || wl.Pending == 0 {
		return wl, err
	}
	again, err := s.waitBillingChecks(ctx, []<-chan struct{}{s.startBillingCheck(actor, programID, from, to)})
	if !again {
		return wl, err
	}
	return s.db.BillableServicesPage(ctx, actor, programID, from, to, page)
}

// billingComplete reads the worklist (page) with every participant's
// services checked now. The CSV and the API answer so: they are complete
// and correct or nothing, since they are handed on or acted upon. They
// wait for the period's background check rather than scrub inline: the
// same participants scrubbed twice at once would double the work on the
// same cores, and on SQLite an inline scrub holds the one writer for all
// of it (minutes at 20,000 participants). The read after the check scrubs
// only what changed meanwhile. The 837P export and claim batches scrub for
// themselves.
func (s *Server) billingComplete(ctx context.Context, actor goldthread.Actor, programID int64, from, to goldthread.Date, page store.WorklistPage) (goldthread.BillingWorklist, error) {
	if err := store.CheckBillingPeriod(from, to); err != nil {
		return goldthread.BillingWorklist{}, err
	}
	if err := s.awaitBillingCheck(ctx, actor, programID, from, to); err != nil {
		return goldthread.BillingWorklist{}, err
	}
	return s.db.BillableServicesPage(ctx, actor, programID, from, to, page)
}

// handleBillingCSV streams the worklist as CSV: one line per service with
// its codes, units, amount and, when blocked, every reason with who acts.
func (s *Server) handleBillingCSV(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v, err := s.billingFilter(r.Context(), r, actor)
	if err == nil {
		// Every service, as checked now: the file is handed on, so it
		// waits for the period's check (billingComplete).
		v.List, err = s.billingComplete(r.Context(), actor, v.ProgramID, v.From, v.To, store.WorklistPage{})
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="billing-worklist-`+v.From.String()+`-`+v.To.String()+`.csv"`)
	cw := newCSVExport(w)
	cw.Write("note_id", "status", "service_date", "participant", "member_id", "peer", "procedure", "modifiers", "place_of_service",
		"minutes", "units", "amount", "diagnoses", "authorization", "blocked_by", "who_acts", "fix")
	row := func(sv goldthread.BillableService, status string) {
		var rules, who, fix []string
		for _, b := range sv.Blocks {
			rules, who, fix = append(rules, b.RuleID), append(who, b.WhoActs), append(fix, p.TextOr(b.FixText, b.Fix))
		}
		cw.Write(strconv.FormatInt(sv.NoteID, 10), status, sv.ServiceDate.String(), sv.ParticipantName, sv.MemberID,
			sv.AuthorName, sv.Procedure, strings.Join(sv.Modifiers, " "), sv.PlaceOfService, strconv.Itoa(sv.Minutes),
			strconv.Itoa(sv.Units), p.Money(sv.ChargeCents), strings.Join(sv.Diagnoses, " "), sv.AuthorizationNumber,
			strings.Join(rules, "; "), strings.Join(who, "; "), strings.Join(fix, " | "))
	}
	for _, sv := range v.List.Ready {
		row(sv, "ready")
	}
	for _, sv := range v.List.Blocked {
		row(sv, "blocked")
	}
	cw.Flush()
}

func (s *Server) handleBatchCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	program, _ := strconv.ParseInt(r.PostForm.Get("program"), 10, 64)
	from, err := formDate(r, "from")
	var to goldthread.Date
	if err == nil {
		to, err = formDate(r, "to")
	}
	var sum goldthread.ExportSummary
	if err == nil {
		sum, err = s.db.CreateClaimBatch(r.Context(), actor, program, from, to)
	}
	if err != nil {
		if goldthread.ErrorKind(err) == goldthread.EINVALID {
			q := url.Values{"program": {strconv.FormatInt(program, 10)}, "from": {from.String()}, "to": {to.String()}}
			v, ferr := s.billingFilter(r.Context(), &http.Request{URL: &url.URL{RawQuery: q.Encode()}}, actor)
			if ferr == nil {
				v.List, ferr = s.billingPage(r.Context(), actor, v.ProgramID, v.From, v.To, shownMax)
			}
			if ferr == nil {
				v.Errors, _ = formError(s.printer(r), err)
				v.ReadyShown = v.List.Ready[:min(len(v.List.Ready), shownMax)]
				v.BlockedShow = v.List.Blocked[:min(len(v.List.Blocked), shownMax)]
				p := s.printer(r)
				s.render(w, r, http.StatusUnprocessableEntity, "billing", view{P: p, Actor: actor, Title: p.T("billing.title"), Nav: "billing", Data: v})
				return
			}
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/claims?batch="+strconv.FormatInt(sum.BatchID, 10)+"&created=1", http.StatusSeeOther)
}

// handleBatchFile exports a batch as its 837P file: a POST, because the
// first export marks its claims exported and every one is a disclosure to
// the payer (a GET must be safe to repeat, prefetch and crawl). The file
// streams claim by claim.
func (s *Server) handleBatchFile(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if _, err := s.db.ListClaims(r.Context(), actor, goldthread.ClaimFilter{BatchID: id, Limit: 1}); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	w.Header().Set("Content-Type", "application/edi-x12")
	w.Header().Set("Content-Disposition", `attachment; filename="goldthread-batch-`+strconv.FormatInt(id, 10)+`.837"`)
	if _, err := s.db.WriteClaimBatch(r.Context(), actor, id, w); err != nil {
		// Headers are gone; the log keeps the reason, the client sees a cut file.
		s.log.ErrorContext(r.Context(), "837P download failed", "batch", id, "err", err, "request_id", requestID(r.Context()))
	}
}

// billingTodayView is the billing Today section: per program, the services
// of the current month ready and blocked.
type billingTodayView struct {
	Rows []billingTodayRow
}

type billingTodayRow struct {
	ProgramID      int64
	Name           string
	Ready, Blocked int
	Pending        int // participants still being checked
	Query          template.URL
}

func loadBillingToday(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RoleBilling) {
		return nil, false, nil
	}
	programs, err := s.db.Programs(ctx, actor.AgencyID)
	if err != nil {
		return nil, false, err
	}
	today := s.todayOf(actor)
	from := goldthread.NewDate(today.Year(), today.Month(), 1)
	var v billingTodayView
	for _, p := range programs {
		// Counts only: a page of one service is enough.
		wl, err := s.billingPage(ctx, actor, p.ID, from, today, 1)
		if err != nil {
			return nil, false, err
		}
		q := template.URL(url.Values{"program": {strconv.FormatInt(p.ID, 10)}, "from": {from.String()}, "to": {today.String()}}.Encode())
		v.Rows = append(v.Rows, billingTodayRow{ProgramID: p.ID, Name: p.Name, Ready: wl.ReadyCount, Blocked: wl.BlockedCount, Pending: wl.Pending, Query: q})
	}
	return v, len(v.Rows) > 0, nil
}
