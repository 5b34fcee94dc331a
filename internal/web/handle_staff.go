package web

import (
	"github.com/goldthread/goldthread/internal/locale"
	"net/http"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
)

// staffForm is the add and edit form of a staff account.
type staffForm struct {
	Staff       goldthread.Staff
	IsNew       bool
	Supervisors []goldthread.Staff
	Roles       []goldthread.Role
	Errors      map[string]string // field -> message
	Saved       string
}

// HasRole reports whether the form's account holds r (for checkboxes).
func (f staffForm) HasRole(r goldthread.Role) bool {
	for _, x := range f.Staff.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// RendersServices reports whether the form should mark first and last
// names required: for someone who renders services, and for a new account
// whose roles are not chosen yet.
func (f staffForm) RendersServices() bool {
	return f.IsNew && len(f.Staff.Roles) == 0 || f.Staff.RendersServices()
}

// SupervisedBy reports whether id is the account's supervisor.
func (f staffForm) SupervisedBy(id int64) bool {
	for _, x := range f.Staff.Supervisors {
		if x == id {
			return true
		}
	}
	return false
}

// staffRoles are the roles an administrator can give a staff account.
var staffRoles = []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician,
	goldthread.RoleBilling, goldthread.RoleAdministrator, goldthread.RoleAuditor}

func (s *Server) renderStaffForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, f staffForm) {
	all, err := s.db.StaffList(r.Context(), actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	for _, m := range all {
		for _, role := range m.Roles {
			if role == goldthread.RoleSupervisor && m.ID != f.Staff.ID {
				f.Supervisors = append(f.Supervisors, m)
			}
		}
	}
	f.Roles = staffRoles
	p := s.printer(r)
	title := p.T("staff.edit.title", f.Staff.Name)
	if f.IsNew {
		title = p.T("staff.new.title")
	}
	s.render(w, r, status, "staff_form", view{P: p, Actor: actor, Title: title, Nav: "staff", Data: f})
}

func (s *Server) handleStaffNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.renderStaffForm(w, r, actor, http.StatusOK, staffForm{IsNew: true, Staff: goldthread.Staff{Active: true}})
}

// parseStaffForm reads the fields shared by the add and edit forms.
func parseStaffForm(r *http.Request) (goldthread.Staff, int64) {
	st := goldthread.Staff{
		Name:       strings.TrimSpace(r.PostForm.Get("name")),
		FirstName:  strings.TrimSpace(r.PostForm.Get("first_name")),
		LastName:   strings.TrimSpace(r.PostForm.Get("last_name")),
		Email:      strings.TrimSpace(r.PostForm.Get("email")),
		Credential: strings.TrimSpace(r.PostForm.Get("credential")),
		NPI:        strings.TrimSpace(r.PostForm.Get("npi")),
		Taxonomy:   strings.TrimSpace(r.PostForm.Get("taxonomy")),
		Active:     r.PostForm.Get("active") == "on",
	}
	for _, v := range r.PostForm["roles"] {
		st.Roles = append(st.Roles, goldthread.Role(v))
	}
	sup, _ := strconv.ParseInt(r.PostForm.Get("supervisor_id"), 10, 64)
	if sup != 0 {
		st.Supervisors = []int64{sup}
	}
	return st, sup
}

// staffChange is what the add and edit forms (and the API) change of st.
func staffChange(st goldthread.Staff) store.StaffChange {
	return store.StaffChange{Name: st.Name, FirstName: st.FirstName, LastName: st.LastName, Credential: st.Credential, NPI: st.NPI,
		Taxonomy: st.Taxonomy, Roles: st.Roles, Active: st.Active}
}

// formError turns an EINVALID error into the form's field messages, or
// reports false for any other error.
func formError(p *locale.Printer, err error) (map[string]string, bool) {
	if goldthread.ErrorKind(err) != goldthread.EINVALID {
		return nil, false
	}
	field := goldthread.ErrorField(err)
	if field == "" {
		field = "form"
	}
	return map[string]string{field: p.Error(err)}, true
}

// handleStaffCreate adds a staff account with a first password.
func (s *Server) handleStaffCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	st, sup := parseStaffForm(r)
	st.Active = true
	err := s.db.AddStaff(r.Context(), actor, &st, r.PostForm.Get("password"), s.passwordCost())
	if err == nil && sup != 0 {
		c := staffChange(st)
		c.Active, c.SupervisorID = true, sup
		err = s.db.UpdateStaff(r.Context(), actor, st.ID, c)
	}
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			s.renderStaffForm(w, r, actor, http.StatusUnprocessableEntity, staffForm{IsNew: true, Staff: st, Errors: fe})
			return
		}
		if goldthread.ErrorKind(err) == goldthread.ECONFLICT {
			s.renderStaffForm(w, r, actor, http.StatusConflict, staffForm{IsNew: true, Staff: st, Errors: map[string]string{"email": s.printer(r).Error(err)}})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/staff/"+strconv.FormatInt(st.ID, 10)+"?saved=created", http.StatusSeeOther)
}

func (s *Server) handleStaffEdit(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	st, err := s.db.StaffMember(r.Context(), actor, id)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	f := staffForm{Staff: st}
	if saved := r.URL.Query().Get("saved"); saved != "" {
		f.Saved = "staff.saved." + map[string]string{"created": "created", "password": "password", "revoked": "revoked", "mfa_reset": "mfa_reset", "sso_unlinked": "sso_unlinked"}[saved]
		if f.Saved == "staff.saved." {
			f.Saved = "staff.saved.changes"
		}
	}
	s.renderStaffForm(w, r, actor, http.StatusOK, f)
}

// handleStaffUpdate saves name, credential, roles, active and supervisor.
func (s *Server) handleStaffUpdate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	st, sup := parseStaffForm(r)
	st.ID = id
	c := staffChange(st)
	c.SupervisorID = sup
	err := s.db.UpdateStaff(r.Context(), actor, id, c)
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			if cur, e := s.db.StaffMember(r.Context(), actor, id); e == nil {
				st.Email = cur.Email
			}
			s.renderStaffForm(w, r, actor, http.StatusUnprocessableEntity, staffForm{Staff: st, Errors: fe})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/staff/"+strconv.FormatInt(id, 10)+"?saved=changes", http.StatusSeeOther)
}

// handleStaffPassword sets a temporary password for a colleague.
func (s *Server) handleStaffPassword(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	if err := s.db.SetPassword(r.Context(), actor, id, "", r.PostForm.Get("new_password"), s.passwordCost()); err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			st, e := s.db.StaffMember(r.Context(), actor, id)
			if e != nil {
				s.pageError(w, r, actor, e)
				return
			}
			s.renderStaffForm(w, r, actor, http.StatusUnprocessableEntity, staffForm{Staff: st, Errors: fe})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/staff/"+strconv.FormatInt(id, 10)+"?saved=password", http.StatusSeeOther)
}

// handleStaffRevoke ends every session of a colleague (a lost phone).
func (s *Server) handleStaffRevoke(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if _, err := s.db.RevokeSessions(r.Context(), actor, id); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/staff/"+strconv.FormatInt(id, 10)+"?saved=revoked", http.StatusSeeOther)
}

// handleStaffResetMFA removes a colleague's second factors and ends their
// sessions (a lost phone).
func (s *Server) handleStaffResetMFA(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.db.ResetSecondFactors(r.Context(), actor, id); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/staff/"+strconv.FormatInt(id, 10)+"?saved=mfa_reset", http.StatusSeeOther)
}

// handleStaffUnlinkSSO forgets a colleague's single sign-on link.
func (s *Server) handleStaffUnlinkSSO(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.db.UnlinkSSO(r.Context(), actor, id); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/staff/"+strconv.FormatInt(id, 10)+"?saved=sso_unlinked", http.StatusSeeOther)
}

type accountView struct {
	Errors map[string]string
	Saved  bool
	// Language is the person's own choice ("" for none) and Languages
	// the choices, "" first.
	Language      string
	Languages     []string
	SavedLanguage bool
}

// handleAccount shows the signed-in person's account page.
func (s *Server) handleAccount(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	p := s.printer(r)
	q := r.URL.Query()
	s.render(w, r, http.StatusOK, "account", view{P: p, Actor: actor, Title: p.T("account.title"), Nav: "account",
		Data: s.accountView(r, actor, accountView{Saved: q.Get("saved") == "1", SavedLanguage: q.Get("saved") == "language"})})
}

// accountView fills in the language part of the account page.
func (s *Server) accountView(r *http.Request, actor goldthread.Actor, v accountView) accountView {
	v.Language, _ = s.db.AccountLanguage(r.Context(), actor) // the form then shows no choice
	v.Languages = store.AccountLanguages
	return v
}

// handleAccountLanguage sets the language the signed-in person reads in.
func (s *Server) handleAccountLanguage(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if err := s.db.SetAccountLanguage(r.Context(), actor, r.PostForm.Get("language")); err != nil {
		p := s.printer(r)
		if fe, ok := formError(p, err); ok {
			s.render(w, r, http.StatusUnprocessableEntity, "account", view{P: p, Actor: actor, Title: p.T("account.title"), Nav: "account",
				Data: s.accountView(r, actor, accountView{Errors: fe})})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/account?saved=language", http.StatusSeeOther)
}

// handleAccountPassword changes the signed-in person's own password.
func (s *Server) handleAccountPassword(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	p := s.printer(r)
	next := r.PostForm.Get("new_password")
	if next != r.PostForm.Get("confirm_password") {
		s.render(w, r, http.StatusUnprocessableEntity, "account", view{P: p, Actor: actor, Title: p.T("account.title"), Nav: "account",
			Data: s.accountView(r, actor, accountView{Errors: map[string]string{"confirm_password": p.T("account.mismatch")}})})
		return
	}
	err := s.db.SetPassword(r.Context(), actor, actor.UserID, r.PostForm.Get("current_password"), next, s.passwordCost())
	if err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			s.render(w, r, http.StatusUnprocessableEntity, "account", view{P: p, Actor: actor, Title: p.T("account.title"), Nav: "account",
				Data: s.accountView(r, actor, accountView{Errors: fe})})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/account?saved=1", http.StatusSeeOther)
}

// passwordCost is the argon2id cost of new passwords.
func (s *Server) passwordCost() password.Params {
	if s.cfg.PasswordCost.Memory != 0 {
		return s.cfg.PasswordCost
	}
	return password.Default
}
