package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
)

// Staff accounts through the JSON API, for an agency that sets up its
// people by script: the same roles and store calls as the staff pages
// (handle_staff.go). First and last names are sent apart, as claims carry
// them (837P NM1*82).

// staffBody is a staff account as a client sends it: Password only when
// adding one (the first password, handed over in person), Active only when
// changing one (a new account is active).
type staffBody struct {
	Email        string            `json:"email"`
	Name         string            `json:"name"`
	FirstName    string            `json:"first_name"`
	LastName     string            `json:"last_name"`
	Credential   string            `json:"credential"`
	NPI          string            `json:"npi"`
	Taxonomy     string            `json:"taxonomy"`
	Roles        []goldthread.Role `json:"roles"`
	Active       bool              `json:"active"`
	SupervisorID int64             `json:"supervisor_id"`
	Password     string            `json:"password,omitempty"`
}

func (b staffBody) staff() goldthread.Staff {
	return goldthread.Staff{Email: b.Email, Name: b.Name, FirstName: b.FirstName, LastName: b.LastName, Credential: b.Credential,
		NPI: b.NPI, Taxonomy: b.Taxonomy, Roles: b.Roles, Active: b.Active}
}

// apiStaffList answers the agency's staff with their roles and names.
func (s *Server) apiStaffList(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	list, err := s.db.StaffList(r.Context(), actor)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"staff": nonNil(list)})
}

// answerStaff answers account id as it is now with status, unless err
// (of the call before) or the read fails.
func (s *Server) answerStaff(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, id int64, status int, err error) {
	var st goldthread.Staff
	if err == nil {
		st, err = s.db.StaffMember(r.Context(), actor, id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, status, st)
}

// apiStaffShow answers one account.
func (s *Server) apiStaffShow(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	s.answerStaff(w, r, actor, id, http.StatusOK, err)
}

// apiStaffCreate adds an account with its first password: 201 the
// account; 422 naming the field (first_name and last_name are required
// for peers and supervisors), 409 when the email is taken.
func (s *Server) apiStaffCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var b staffBody
	err := decodeJSON(r, &b)
	st := b.staff()
	if err == nil {
		err = s.db.AddStaff(r.Context(), actor, &st, b.Password, s.passwordCost())
	}
	if err == nil && b.SupervisorID != 0 {
		c := staffChange(st)
		c.Active, c.SupervisorID = true, b.SupervisorID
		err = s.db.UpdateStaff(r.Context(), actor, st.ID, c)
	}
	s.answerStaff(w, r, actor, st.ID, http.StatusCreated, err)
}

// apiStaffUpdate replaces what an administrator may change of an account
// (names, credential, NPI, taxonomy, roles, active, supervisor) and
// answers the account; 422 naming the field.
func (s *Server) apiStaffUpdate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	var b staffBody
	if err == nil {
		err = decodeJSON(r, &b)
	}
	if err == nil {
		c := staffChange(b.staff())
		c.SupervisorID = b.SupervisorID
		err = s.db.UpdateStaff(r.Context(), actor, id, c)
	}
	s.answerStaff(w, r, actor, id, http.StatusOK, err)
}
