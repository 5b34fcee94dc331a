package web

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// myRecordView is the participant's own record on their phone.
type myRecordView struct {
	Record goldthread.Record
	Checks []goldthread.Integrity
}

// Check returns the integrity check of one item for the template.
func (v myRecordView) Check(kind string, id int64) *goldthread.Integrity {
	return integrityFor(v.Checks, kind, id)
}

// handleMyRecord shows the participant their whole record: plans in their
// own words, crisis plans, signed notes with addenda and requests, each
// signed item with its integrity check.
func (s *Server) handleMyRecord(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if actor.ParticipantID == 0 {
		s.pageError(w, r, actor, goldthread.Errorf(goldthread.ENOTFOUND, "This account is not linked to a participant record."))
		return
	}
	rec, checks, err := s.db.ParticipantRecord(r.Context(), actor, actor.ParticipantID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, http.StatusOK, "portal_record", view{P: p, Actor: actor, Title: p.T("portal.record.title"), Nav: "today",
		Data: myRecordView{Record: rec, Checks: checks}})
}

// exportPDF discloses the record as a PDF and writes it as a download.
func (s *Server) exportPDF(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, participantID int64, req store.DisclosureRequest) error {
	pr := s.printer(r)
	var file []byte
	d, err := s.db.ExportRecord(r.Context(), actor, participantID, req, func(rec goldthread.Record) (string, error) {
		var hash string
		file, hash = recordPDF(pr, rec, req)
		return hash, nil
	})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="record-`+strconv.FormatInt(participantID, 10)+`.pdf"`)
	w.Header().Set("X-Content-SHA256", d.ContentHash)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	bytes.NewReader(file).WriteTo(w)
	return nil
}

// handleRecordPDF gives the participant their own record as a PDF: a
// POST, because each copy is a disclosure written in the accounting.
func (s *Server) handleRecordPDF(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err == nil && !ownAccount(actor, id) {
		err = goldthread.Errorf(goldthread.ENOTFOUND, "No such record.")
	}
	if err == nil {
		err = s.exportPDF(w, r, actor, id, store.DisclosureRequest{OwnRequest: true})
	}
	if err != nil {
		s.pageError(w, r, actor, err)
	}
}

// disclosuresView is the accounting of disclosures of one participant,
// with the release form for the staff who send records.
type disclosuresView struct {
	Participant goldthread.Participant
	List        []goldthread.Disclosure
	CanRelease  bool
	Form        plForm
}

func (s *Server) handleDisclosures(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	s.showDisclosures(w, r, actor, id, http.StatusOK, plForm{})
}

func (s *Server) showDisclosures(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64, status int, form plForm) {
	pt, err := s.db.Participant(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	list, err := s.db.Disclosures(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	s.render(w, r, status, "disclosures", view{P: p, Actor: actor, Title: p.T("disclosures.title", pt.DisplayName()), Nav: "participants",
		Data: disclosuresView{Participant: pt, List: list, CanRelease: goldthread.CanRelease(actor), Form: form}})
}

// handleRelease sends the record to a recipient under a consent in effect
// (or hands the participant their own copy): the answer is the PDF, or the
// page again with what would fix the refusal.
func (s *Server) handleRelease(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v := r.PostForm
	req := store.DisclosureRequest{Recipient: v.Get("recipient"), Purpose: v.Get("purpose"), Sections: v["sections"],
		OwnRequest: v.Get("own_request") == "yes"}
	err = s.exportPDF(w, r, actor, id, req)
	if k := goldthread.ErrorKind(err); k == goldthread.EINVALID || k == goldthread.EFORBIDDEN {
		s.showDisclosures(w, r, actor, id, statusOf(err), plFormOf(s.printer(r), err, v))
		return
	}
	if err != nil {
		s.pageError(w, r, actor, err)
	}
}

// accessLogView is "who looked at my record".
type accessLogView struct {
	Participant goldthread.Participant
	List        []goldthread.AccessEntry
	Own         bool
}

func (s *Server) handleAccessLog(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	pt, err := s.db.Participant(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	list, err := s.db.AccessLog(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	title := p.T("access.title", pt.DisplayName())
	if ownAccount(actor, id) {
		title = p.T("access.title_own")
	}
	s.render(w, r, http.StatusOK, "access_log", view{P: p, Actor: actor, Title: title, Nav: "participants",
		Data: accessLogView{Participant: pt, List: list, Own: ownAccount(actor, id)}})
}
