package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// CSV exports for a spreadsheet: the roster, notes' metadata, the billing
// worklist and claims, each for the staff whose role reads them
// (store.ExportKinds). The file is streamed as it is read; the page shows
// progress (static/export.js) from the row count in X-Export-Rows. Every
// export is audited before its first row leaves.

type exportsView struct {
	Kinds    []string
	Programs []goldthread.Program
	From, To goldthread.Date
}

func (s *Server) handleExports(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v := exportsView{Kinds: store.ExportKinds(actor)}
	today := s.todayOf(actor)
	v.From, v.To = goldthread.NewDate(today.Year(), today.Month(), 1), today
	var err error
	if v.Programs, err = s.db.Programs(r.Context(), actor.AgencyID); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "exports", view{P: p, Actor: actor, Title: p.T("export.title"), Nav: "exports", Data: v})
}

// handleExportCSV streams one export as a download. Refusals before the
// first row are answered as a page.
func (s *Server) handleExportCSV(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.streamCSV(w, r, actor); err != nil {
		s.pageError(w, r, actor, err)
	}
}

// apiExportCSV: POST /api/v1/exports/{kind} with program_id, from and to as
// form or query values → 200 text/csv, streamed.
func (s *Server) apiExportCSV(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.streamCSV(w, r, actor); err != nil {
		s.apiError(w, r, err)
	}
}

// streamCSV writes the export named in the path. It returns an error only
// while nothing has been written; a failure later (the reader gone, the
// database) is logged and the response cut short, so a partial file never
// looks whole: the last line has no newline and fewer rows than
// X-Export-Rows said.
func (s *Server) streamCSV(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) error {
	kind := r.PathValue("kind")
	if err := s.readForm(w, r); err != nil {
		return err
	}
	params := store.ExportParams{ProgramID: plID(r.Form, "program_id"), Language: s.printer(r).Lang}
	var err error
	if params.From, err = plDate(r.Form, "from"); err != nil {
		return err
	}
	if params.To, err = plDate(r.Form, "to"); err != nil {
		return err
	}
	started := false
	cw := newCSVExport(w)
	flusher, _ := w.(http.Flusher)
	n := 0
	err = s.db.ExportCSV(r.Context(), actor, kind, params, func(rows int) error {
		started = true
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="goldthread-`+kind+"-"+s.todayOf(actor).String()+`.csv"`)
		w.Header().Set("X-Export-Rows", strconv.Itoa(rows))
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		return nil
	}, func(row []string) error {
		if err := cw.Write(row...); err != nil {
			return err
		}
		if n++; n%500 == 0 {
			if err := cw.Flush(); err != nil {
				return err
			}
			if flusher != nil {
				flusher.Flush()
			}
		}
		return nil
	})
	cw.Flush()
	if err != nil && started {
		s.log.ErrorContext(r.Context(), "export cut short", "kind", kind, "rows", n, "err", err, "request_id", requestID(r.Context()))
		panic(http.ErrAbortHandler) // ends the response without the final chunk
	}
	return err
}
