package web

import (
	"net/http"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// credentialsView is one staff member's credentials page: credentials with
// their status today, continuing education against each renewal
// requirement, and the forms the reader may use.
type credentialsView struct {
	StaffID   int64
	StaffName string
	Self      bool
	Manage    bool // supervisor of the person or administrator
	CanWrite  bool // Self or Manage
	List      []goldthread.Credential
	Totals    []goldthread.CETotal
	CE        []goldthread.CEEntry
	Types     []string
	Form      store.CredentialInput // the add form's values after an error
	CEForm    ceForm
	Errors    map[string]string
	Saved     string // catalog key
}

// ceForm keeps the CE form's values as typed, after an error.
type ceForm struct{ Taken, Hours, Ethics, Topic, Provider, Evidence string }

// Hours formats minutes as hours with at most one decimal: "7.5".
func (credentialsView) Hours(minutes int) string {
	return strconv.FormatFloat(float64(minutes)/60, 'f', -1, 64)
}

// Ago is how many days ago a credential expired.
func (v credentialsView) Ago(c goldthread.Credential, today goldthread.Date) int {
	return -v.Days(c, today)
}

// Short formats missing hours the same way.
func (credentialsView) Short(h float64) string { return strconv.FormatFloat(h, 'f', -1, 64) }

// Status is a credential's state today.
func (credentialsView) Status(c goldthread.Credential, today goldthread.Date) string {
	return c.StatusOn(today)
}

// Days is the days from today to a credential's expiry (0 when none).
func (credentialsView) Days(c goldthread.Credential, today goldthread.Date) int {
	d, _ := c.DaysToExpiry(today)
	return d
}

func (s *Server) handleCredentials(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	saved := map[string]string{"credential": "credentials.saved.credential", "ce": "credentials.saved.ce",
		"verified": "credentials.saved.verified", "changes": "credentials.saved.changes"}[r.URL.Query().Get("saved")]
	s.renderCredentials(w, r, actor, http.StatusOK, id, credentialsView{Saved: saved})
}

func (s *Server) renderCredentials(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, staffID int64, v credentialsView) {
	ctx := r.Context()
	var err error
	v.StaffID = staffID
	v.Self, v.Manage, v.StaffName, err = s.db.StaffAccess(ctx, actor, staffID)
	if err == nil {
		v.List, err = s.db.Credentials(ctx, actor, staffID)
	}
	if err == nil {
		v.Totals, err = s.db.CETotals(ctx, actor, staffID)
	}
	if err == nil {
		v.CE, err = s.db.CEHours(ctx, actor, staffID)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.CanWrite = v.Self || v.Manage
	v.Types = store.CredentialTypes()
	p := s.printer(r)
	title := p.T("credentials.title", v.StaffName)
	if v.Self {
		title = p.T("credentials.title.own")
	}
	nav := "team"
	if v.Self {
		nav = "account"
	}
	s.render(w, r, status, "credentials", view{P: p, Actor: actor, Title: title, Nav: nav, Data: v})
}

// parseCredentialForm reads the credential fields of the add and edit forms.
func parseCredentialForm(r *http.Request) (store.CredentialInput, error) {
	in := store.CredentialInput{Type: r.PostForm.Get("type"), Number: r.PostForm.Get("number"), Issuer: r.PostForm.Get("issuer"),
		Evidence: r.PostForm.Get("evidence")}
	var err error
	if in.Issued, err = formDate(r, "issued_on"); err != nil {
		return in, err
	}
	in.Expires, err = formDate(r, "expires_on")
	return in, err
}

func (s *Server) handleCredentialAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	in, err := parseCredentialForm(r)
	if err == nil {
		_, err = s.db.AddCredential(r.Context(), actor, id, in)
	}
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			s.renderCredentials(w, r, actor, http.StatusUnprocessableEntity, id, credentialsView{Form: in, Errors: fe})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/staff/"+strconv.FormatInt(id, 10)+"/credentials?saved=credential", http.StatusSeeOther)
}

func (s *Server) handleCEAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	var err error
	f := ceForm{Taken: r.PostForm.Get("taken_on"), Hours: r.PostForm.Get("hours"), Ethics: r.PostForm.Get("ethics_hours"),
		Topic: r.PostForm.Get("topic"), Provider: r.PostForm.Get("provider"), Evidence: r.PostForm.Get("evidence_ce")}
	in := store.CEInput{Topic: f.Topic, Provider: f.Provider, Evidence: f.Evidence}
	in.Taken, err = formDate(r, "taken_on")
	if err == nil {
		in.Minutes, err = formMinutes(r, "hours")
	}
	if err == nil {
		in.EthicsMinutes, err = formMinutes(r, "ethics_hours")
	}
	if err == nil {
		_, err = s.db.AddCEHours(r.Context(), actor, id, in)
	}
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			if msg, ok := fe["evidence"]; ok { // the CE form's evidence field has its own id
				fe = map[string]string{"evidence_ce": msg}
			}
			s.renderCredentials(w, r, actor, http.StatusUnprocessableEntity, id, credentialsView{CEForm: f, Errors: fe})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/staff/"+strconv.FormatInt(id, 10)+"/credentials?saved=ce#ce", http.StatusSeeOther)
}

// credentialEditView is the edit form of one credential.
type credentialEditView struct {
	C      goldthread.Credential
	Form   store.CredentialInput
	Types  []string
	Manage bool
	Errors map[string]string
}

func (s *Server) handleCredentialEdit(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	c, err := s.db.Credential(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	in := store.CredentialInput{Type: c.Type, Number: c.Number, Issuer: c.Issuer, Issued: c.Issued, Expires: c.Expires, Evidence: c.Evidence}
	s.renderCredentialEdit(w, r, actor, http.StatusOK, credentialEditView{C: c, Form: in})
}

func (s *Server) renderCredentialEdit(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v credentialEditView) {
	_, manage, _, err := s.db.StaffAccess(r.Context(), actor, v.C.StaffID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Manage, v.Types = manage, store.CredentialTypes()
	p := s.printer(r)
	s.render(w, r, status, "credential_edit", view{P: p, Actor: actor, Title: p.T("credential.edit.title", v.C.Type, v.C.StaffName), Nav: "team", Data: v})
}

func (s *Server) handleCredentialUpdate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	in, err := parseCredentialForm(r)
	ch := store.CredentialChange{CredentialInput: in, Revoke: r.PostForm.Get("revoke") == "on", RevokedReason: r.PostForm.Get("revoked_reason")}
	var c goldthread.Credential
	if err == nil {
		c, err = s.db.UpdateCredential(r.Context(), actor, id, ch)
	}
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			cur, e := s.db.Credential(r.Context(), actor, id)
			if e != nil {
				s.pageError(w, r, actor, e)
				return
			}
			s.renderCredentialEdit(w, r, actor, http.StatusUnprocessableEntity, credentialEditView{C: cur, Form: in, Errors: fe})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/staff/"+strconv.FormatInt(c.StaffID, 10)+"/credentials?saved=changes", http.StatusSeeOther)
}

func (s *Server) handleCredentialVerify(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	c, err := s.db.VerifyCredential(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/staff/"+strconv.FormatInt(c.StaffID, 10)+"/credentials?saved=verified", http.StatusSeeOther)
}
