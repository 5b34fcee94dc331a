package web

import (
	"encoding/base64"
	"io"
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// Payer answers (issue 16): 835 remittance files are uploaded, previewed
// (matched and unmatched claims, nothing changed) and applied in one
// transaction. The same payment imported twice changes nothing.

// maxRemittanceUpload bounds an uploaded 835 (a month of a busy agency's
// payments is far below it).
const maxRemittanceUpload = 8 << 20

// remittancesView is the Remittances page: the upload form, a preview of
// an uploaded file (with the file carried to the apply button), and the
// payments imported so far.
type remittancesView struct {
	List     []goldthread.Remittance
	Preview  []goldthread.Remittance
	FileName string
	Data     string // the previewed file, base64, posted back to apply it
	CanAct   bool
	Errors   map[string]string
}

func (s *Server) handleRemittances(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.renderRemittances(w, r, actor, http.StatusOK, remittancesView{})
}

func (s *Server) renderRemittances(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v remittancesView) {
	var err error
	if v.List, err = s.db.Remittances(r.Context(), actor, 50); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.CanAct = actor.Has(goldthread.RoleBilling)
	p := s.printer(r)
	s.render(w, r, status, "remittances", view{P: p, Actor: actor, Title: p.T("remit.title"), Nav: "billing", Data: v})
}

// remittanceUpload reads the 835 from the "file" upload or, on apply, the
// previewed copy in "data". ok is false when a response was written.
func (s *Server) remittanceUpload(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) (name string, data []byte, ok bool) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return "", nil, false
	}
	if f, h, err := r.FormFile("file"); err == nil {
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxRemittanceUpload))
		if err != nil {
			s.pageError(w, r, actor, err)
			return "", nil, false
		}
		return h.Filename, b, true
	}
	b, err := base64.StdEncoding.DecodeString(r.PostForm.Get("data"))
	if err != nil {
		b = nil
	}
	return r.PostForm.Get("file_name"), b, true
}

func (s *Server) handleRemittancePreview(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	name, data, ok := s.remittanceUpload(w, r, actor)
	if !ok {
		return
	}
	pre, err := s.db.PreviewRemittance(r.Context(), actor, name, data)
	if err != nil {
		s.remittanceFormError(w, r, actor, err)
		return
	}
	s.renderRemittances(w, r, actor, http.StatusOK, remittancesView{Preview: pre, FileName: name,
		Data: base64.StdEncoding.EncodeToString(data)})
}

func (s *Server) handleRemittanceApply(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	name, data, ok := s.remittanceUpload(w, r, actor)
	if !ok {
		return
	}
	got, err := s.db.ImportRemittance(r.Context(), actor, name, data)
	if err != nil {
		s.remittanceFormError(w, r, actor, err)
		return
	}
	flag := "imported"
	if got[0].Duplicate {
		flag = "duplicate"
	}
	http.Redirect(w, r, "/remittances/"+strconv.FormatInt(got[0].ID, 10)+"?"+flag+"=1", http.StatusSeeOther)
}

func (s *Server) remittanceFormError(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, err error) {
	if fe, ok := formError(s.printer(r), err); ok {
		s.renderRemittances(w, r, actor, http.StatusUnprocessableEntity, remittancesView{Errors: fe})
		return
	}
	s.pageError(w, r, actor, err)
}

// remittanceView is one imported payment.
type remittanceView struct {
	R         goldthread.Remittance
	Imported  bool
	Duplicate bool
}

func (s *Server) handleRemittance(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	var rem goldthread.Remittance
	if err == nil {
		rem, err = s.db.Remittance(r.Context(), actor, id)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	q := r.URL.Query()
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "remittance", view{P: p, Actor: actor, Title: p.T("remit.one", rem.TraceNumber), Nav: "billing",
		Data: remittanceView{R: rem, Imported: q.Has("imported"), Duplicate: q.Has("duplicate")}})
}

// apiRemittances answers the imported payments, newest first, without
// their claims.
func (s *Server) apiRemittances(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	list, err := s.db.Remittances(r.Context(), actor, 0)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if list == nil {
		list = []goldthread.Remittance{}
	}
	writeJSON(w, http.StatusOK, list)
}

func (s *Server) apiRemittance(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err == nil {
		var rem goldthread.Remittance
		if rem, err = s.db.Remittance(r.Context(), actor, id); err == nil {
			writeJSON(w, http.StatusOK, rem)
			return
		}
	}
	s.apiError(w, r, err)
}

// apiRemittanceImport takes the 835 file as the request body; with
// ?preview=1 it only matches. It answers the payments of the file: 201
// when any was imported, 200 for a preview or when every payment had been
// imported before (duplicate: true, nothing changed).
func (s *Server) apiRemittanceImport(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxRemittanceUpload+1))
	if err == nil && len(data) > maxRemittanceUpload {
		err = goldthread.FieldError("file", "The file is larger than 8 MB; ask the payer for smaller files.")
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	name := r.URL.Query().Get("file_name")
	var got []goldthread.Remittance
	if r.URL.Query().Get("preview") == "1" {
		got, err = s.db.PreviewRemittance(r.Context(), actor, name, data)
	} else {
		got, err = s.db.ImportRemittance(r.Context(), actor, name, data)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	status := http.StatusOK
	for _, rem := range got {
		if !rem.Duplicate && r.URL.Query().Get("preview") != "1" {
			status = http.StatusCreated
		}
	}
	writeJSON(w, status, got)
}

// handleBatchAccept marks every exported claim of a batch accepted (the
// payer acknowledged the whole file).
func (s *Server) handleBatchAccept(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	got, err := s.db.AcceptBatch(r.Context(), actor, id, r.PostForm.Get("reason"))
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/claims?batch="+strconv.FormatInt(id, 10)+"&accepted="+strconv.Itoa(got.Accepted)+"&skipped="+strconv.Itoa(got.Skipped), http.StatusSeeOther)
}

func (s *Server) apiBatchAccept(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	var in struct {
		Reason string `json:"reason"`
	}
	if err == nil && r.ContentLength != 0 {
		err = decodeJSON(r, &in)
	}
	if err == nil {
		var got store.BatchAcceptance
		if got, err = s.db.AcceptBatch(r.Context(), actor, id, in.Reason); err == nil {
			writeJSON(w, http.StatusOK, batchAcceptanceWire(got))
			return
		}
	}
	s.apiError(w, r, err)
}

// handleAcknowledgmentImport imports an uploaded 999 or 277CA and shows
// the Claims page with what it did.
func (s *Server) handleAcknowledgmentImport(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	name, data, ok := s.remittanceUpload(w, r, actor)
	if !ok {
		return
	}
	got, err := s.db.ImportAcknowledgment(r.Context(), actor, name, data)
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			s.renderClaims(w, r, actor, http.StatusUnprocessableEntity, claimsView{AckErrors: fe})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	s.renderClaims(w, r, actor, http.StatusOK, claimsView{Ack: &got})
}

// apiAcknowledgmentImport takes a 999 or 277CA as the request body: 201
// with what it did, or 200 with duplicate set when it was imported before.
func (s *Server) apiAcknowledgmentImport(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxRemittanceUpload+1))
	if err == nil && len(data) > maxRemittanceUpload {
		err = goldthread.FieldError("file", "The file is larger than 8 MB.")
	}
	var got goldthread.AcknowledgmentImport
	if err == nil {
		got, err = s.db.ImportAcknowledgment(r.Context(), actor, r.URL.Query().Get("file_name"), data)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	status := http.StatusCreated
	if got.Duplicate {
		status = http.StatusOK
	}
	writeJSON(w, status, got)
}

// apiServiceThread answers a signed note's golden thread: approval, the
// author's credential that day, the plan version in force, service order,
// authorization and claims.
func (s *Server) apiServiceThread(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err == nil {
		var th goldthread.ServiceThread
		if th, err = s.db.ServiceThread(r.Context(), actor, id); err == nil {
			writeJSON(w, http.StatusOK, th)
			return
		}
	}
	s.apiError(w, r, err)
}
