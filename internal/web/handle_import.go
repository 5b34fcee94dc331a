package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/fhir"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/roster"
)

// Importing participants from another system: a CSV roster (all rows or
// none, every bad row named), or one FHIR R4 Patient, which fills the
// intake form for the registrar to finish (program and peer) and submit.

// importView is the import page and, after a try, its outcome.
type importView struct {
	Columns  []string
	Imported int
	Checked  bool // the rows were only checked
	Problems []goldthread.ImportError
	Error    string
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v importView) {
	v.Columns = roster.Columns
	p := s.printer(r)
	s.render(w, r, status, "import", view{P: p, Actor: actor, Title: p.T("import.title"), Nav: "participants", Data: v})
}

func (s *Server) handleImportForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	v := importView{}
	v.Imported, _ = strconv.Atoi(r.URL.Query().Get("imported"))
	s.renderImport(w, r, actor, http.StatusOK, v)
}

// upload reads the file posted in field of a multipart form. A missing
// file is EINVALID on field; a body over the limit answers 413.
func (s *Server) upload(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, field string) ([]byte, bool) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return nil, false
	}
	f, _, err := r.FormFile(field)
	if err != nil {
		return nil, true
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		s.pageError(w, r, actor, err)
		return nil, false
	}
	return b, true
}

// handleImportCSV imports (or, with "check", only checks) a roster.
func (s *Server) handleImportCSV(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	data, ok := s.upload(w, r, actor, "file")
	if !ok {
		return
	}
	p := s.printer(r)
	if len(data) == 0 {
		s.renderImport(w, r, actor, http.StatusUnprocessableEntity, importView{Error: p.T("import.no_file")})
		return
	}
	check := r.PostForm.Get("check") == "on"
	rows, bad, err := roster.ReadCSV(bytes.NewReader(data))
	if err != nil {
		s.renderImport(w, r, actor, http.StatusUnprocessableEntity, importView{Error: s.printer(r).Error(err)})
		return
	}
	n, problems, err := s.db.ImportParticipants(r.Context(), actor, rows, bad, check)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if len(problems) > 0 {
		s.renderImport(w, r, actor, http.StatusUnprocessableEntity, importView{Problems: problems, Error: p.T("import.refused", len(problems))})
		return
	}
	if check {
		s.renderImport(w, r, actor, http.StatusOK, importView{Imported: n, Checked: true})
		return
	}
	http.Redirect(w, r, "/participants/import?imported="+strconv.Itoa(n), http.StatusSeeOther)
}

// handleImportPatient reads a FHIR Patient into the intake form: nothing
// is saved until the registrar chooses the program and peer and submits.
func (s *Server) handleImportPatient(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	data, ok := s.upload(w, r, actor, "patient")
	if !ok {
		return
	}
	if len(data) == 0 {
		s.renderImport(w, r, actor, http.StatusUnprocessableEntity, importView{Error: s.printer(r).T("import.no_file")})
		return
	}
	pt, err := fhir.ParsePatient(data)
	if err != nil {
		s.renderImport(w, r, actor, http.StatusUnprocessableEntity, importView{Error: goldthread.ErrorField(err) + ": " + s.printer(r).Error(err)})
		return
	}
	form := participantValues(pt)
	form.Set("birth_date", pt.BirthDate.String())
	s.renderIntake(w, r, actor, http.StatusOK, intakeView{Form: plForm{Values: form}, Notice: s.printer(r).T("import.patient.read")})
}

// apiImportRow is a refused row as the API gives it: message in English
// for every reader, reader_message in the reader's language.
type apiImportRow struct {
	goldthread.ImportError
	ReaderMessage string `json:"reader_message"`
}

func readerImportRows(p *locale.Printer, rows []goldthread.ImportError) []apiImportRow {
	out := make([]apiImportRow, len(rows))
	for i, row := range rows {
		out[i] = apiImportRow{row, p.TextOr(row.MessageText, row.Message)}
	}
	return out
}

// apiImportCSV: POST /api/v1/participants/import[?check=1] with a CSV body
// → 200 {"imported"} (or {"checked"}), or 422 {"error", "rows":[{line,
// field, message, reader_message}]} with nothing saved.
func (s *Server) apiImportCSV(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	check := r.URL.Query().Get("check") == "1"
	rows, bad, err := roster.ReadCSV(r.Body)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	n, problems, err := s.db.ImportParticipants(r.Context(), actor, rows, bad, check)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if len(problems) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": apiErrorDetail{Kind: goldthread.EINVALID, Field: "rows",
			Message: s.printer(r).T("import.refused", len(problems))}, "rows": readerImportRows(s.printer(r), problems)})
		return
	}
	key := "imported"
	if check {
		key = "checked"
	}
	writeJSON(w, http.StatusOK, map[string]int{key: n})
}

// apiCreatePatient: POST /api/fhir/Patient?program_id=&peer_id=[&start_date=&not_duplicate=1]
// with a FHIR R4 Patient body registers the participant like an intake →
// 201 with Location (the new record's $everything) and an
// OperationOutcome; errors are OperationOutcomes naming the element or
// parameter.
func (s *Server) apiCreatePatient(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		s.fhirError(w, r, goldthread.Errorf(goldthread.EINVALID, "The request body is too large."))
		return
	}
	pt, err := fhir.ParsePatient(data)
	if err != nil {
		s.fhirError(w, r, err)
		return
	}
	q := r.URL.Query()
	in := goldthread.Intake{Participant: pt, ProgramID: plID(q, "program_id"), PeerID: plID(q, "peer_id"), NotDuplicate: q.Get("not_duplicate") == "1"}
	if in.Start, err = plDate(q, "start_date"); err == nil {
		err = s.db.RegisterParticipant(r.Context(), actor, &in)
	}
	if err != nil {
		s.fhirError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/fhir/Patient/"+strconv.FormatInt(in.Participant.ID, 10)+"/$everything")
	writeFHIR(w, http.StatusCreated, fhir.Outcome("information", "informational", "", s.printer(r).T("import.patient.created", in.Participant.ID)))
}

// fhirError answers err as an OperationOutcome with the status of its kind.
func (s *Server) fhirError(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.log.Error("internal error", "err", err)
	}
	code := map[string]string{goldthread.EINVALID: "invalid", goldthread.ECONFLICT: "duplicate", goldthread.EFORBIDDEN: "forbidden",
		goldthread.ENOTFOUND: "not-found", goldthread.EUNAUTHORIZED: "login"}[goldthread.ErrorKind(err)]
	if code == "" {
		code = "exception"
	}
	writeFHIR(w, status, fhir.Outcome("error", code, goldthread.ErrorField(err), s.printer(r).Error(err)))
}

func writeFHIR(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encoding failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", FHIRContentType)
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
