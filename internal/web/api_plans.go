package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// apiRead answers a GET of one participant's or plan's records: the {id}
// of the path goes to load, the result is the JSON body.
func (s *Server) apiRead(w http.ResponseWriter, r *http.Request, load func(id int64) (any, error)) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	v, err := load(id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// apiWrite decodes the JSON body into in, then runs save with the {id} of
// the path and answers status with what save returns.
func apiWrite[T any](s *Server, w http.ResponseWriter, r *http.Request, status int, save func(id int64, in *T) (any, error)) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in T
	if err := decodeJSON(r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	out, err := save(id, &in)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, status, out)
}

func (s *Server) apiPlanList(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiRead(w, r, func(id int64) (any, error) {
		list, err := s.db.ListPlans(r.Context(), actor, id)
		return map[string]any{"plans": nonNil(list)}, err
	})
}

// planInput is a plan as the API takes it: the fields a person writes.
type planInput struct {
	ProgramID int64             `json:"program_id"`
	Effective goldthread.Date   `json:"effective_date"`
	ReviewDue goldthread.Date   `json:"review_due"`
	Goals     []goldthread.Goal `json:"goals"`
}

func (in planInput) plan() goldthread.Plan {
	return goldthread.Plan{ProgramID: in.ProgramID, Effective: in.Effective, ReviewDue: in.ReviewDue, Goals: in.Goals}
}

func (s *Server) apiPlanCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusCreated, func(id int64, in *planInput) (any, error) {
		p := in.plan()
		p.ParticipantID = id
		return p, s.db.CreatePlan(r.Context(), actor, &p)
	})
}

func (s *Server) apiPlanShow(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiRead(w, r, func(id int64) (any, error) { return s.db.Plan(r.Context(), actor, id) })
}

func (s *Server) apiPlanUpdate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusOK, func(id int64, in *planInput) (any, error) {
		p := in.plan()
		p.ID = id
		if err := s.db.UpdateDraftPlan(r.Context(), actor, &p); err != nil {
			return nil, err
		}
		return s.db.Plan(r.Context(), actor, id)
	})
}

// apiPlanSign adds one signature: {"role","name"} for a participant's typed
// name, {"role","password"} for whoever signs as themselves.
func (s *Server) apiPlanSign(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusCreated, func(id int64, in *planSignatureWire) (any, error) {
		return s.db.SignPlan(r.Context(), actor, id, goldthread.PlanSignatureInput(*in))
	})
}

type versionInput struct {
	Effective goldthread.Date `json:"effective_date"`
}

func (s *Server) apiPlanNewVersion(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusCreated, func(id int64, in *versionInput) (any, error) {
		return s.db.NewPlanVersion(r.Context(), actor, id, in.Effective)
	})
}

// crisisInput is a crisis plan as the API takes it; wrap.data is the file
// in base64.
type crisisInput struct {
	WarningSigns        string `json:"warning_signs"`
	WhatHelps           string `json:"what_helps"`
	WhatDoesNotHelp     string `json:"what_does_not_help"`
	Contacts            string `json:"contacts"`
	CrisisProvider      string `json:"crisis_provider"`
	CrisisProviderPhone string `json:"crisis_provider_phone"`
	Preferences         string `json:"preferences"`
	WRAP                *struct {
		Name string `json:"name"`
		Data []byte `json:"data"`
	} `json:"wrap"`
}

func (s *Server) apiCrisisSet(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusOK, func(id int64, in *crisisInput) (any, error) {
		c := goldthread.CrisisPlan{WarningSigns: in.WarningSigns, WhatHelps: in.WhatHelps, WhatDoesNotHelp: in.WhatDoesNotHelp,
			Contacts: in.Contacts, CrisisProvider: in.CrisisProvider, CrisisProviderPhone: in.CrisisProviderPhone, Preferences: in.Preferences}
		var wrap *store.WRAPUpload
		if in.WRAP != nil {
			wrap = &store.WRAPUpload{Name: in.WRAP.Name, Data: in.WRAP.Data}
		}
		return c, s.db.SetCrisisPlan(r.Context(), actor, id, &c, wrap)
	})
}

func (s *Server) apiWRAP(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	f, data, err := s.db.CrisisWRAP(r.Context(), actor, id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeWRAP(w, f, data)
}

func (s *Server) apiPlanReview(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusCreated, func(id int64, in *goldthread.PlanReview) (any, error) {
		rev := goldthread.PlanReview{Reviewed: in.Reviewed, Outcome: in.Outcome, Note: in.Note, NextDue: in.NextDue}
		return rev, s.db.AddPlanReview(r.Context(), actor, id, &rev)
	})
}

func (s *Server) apiReviewsDue(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	due, err := s.db.PlanReviewsDue(r.Context(), actor, reviewDueWindow)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"reviews_due": nonNil(due)})
}

func (s *Server) apiThread(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiRead(w, r, func(id int64) (any, error) { return s.db.GoldenThread(r.Context(), actor, id) })
}

func (s *Server) apiEligibility(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiRead(w, r, func(id int64) (any, error) { return s.db.Eligibility(r.Context(), actor, id) })
}

func (s *Server) apiAssessmentAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusCreated, func(id int64, in *goldthread.Assessment) (any, error) {
		a := goldthread.Assessment{ParticipantID: id, Assessed: in.Assessed, Summary: in.Summary}
		return a, s.db.AddAssessment(r.Context(), actor, &a)
	})
}

func (s *Server) apiDiagnosisAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusCreated, func(id int64, in *goldthread.Diagnosis) (any, error) {
		d := goldthread.Diagnosis{ParticipantID: id, Code: in.Code, Description: in.Description, Primary: in.Primary, Since: in.Since}
		return d, s.db.AddDiagnosis(r.Context(), actor, &d)
	})
}

func (s *Server) apiOrderAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusCreated, func(id int64, in *goldthread.ServiceOrder) (any, error) {
		o := goldthread.ServiceOrder{ParticipantID: id, ProgramID: in.ProgramID, Professional: in.Professional, Credential: in.Credential,
			NPI: in.NPI, Signed: in.Signed}
		return o, s.db.AddServiceOrder(r.Context(), actor, &o)
	})
}

func (s *Server) apiAuthorizationAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusCreated, func(id int64, in *goldthread.Authorization) (any, error) {
		a := goldthread.Authorization{ParticipantID: id, ProgramID: in.ProgramID, Payer: in.Payer, Number: in.Number, Start: in.Start,
			End: in.End, UnitsAuthorized: in.UnitsAuthorized, UnitsUsed: in.UnitsUsed}
		return a, s.db.AddAuthorization(r.Context(), actor, &a)
	})
}

func (s *Server) apiConsents(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiRead(w, r, func(id int64) (any, error) {
		list, err := s.db.Consents(r.Context(), actor, id)
		return map[string]any{"consents": nonNil(list)}, err
	})
}

func (s *Server) apiConsentAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusCreated, func(id int64, in *goldthread.Consent) (any, error) {
		c := goldthread.Consent{ParticipantID: id, Kind: in.Kind, Recipient: in.Recipient, Purpose: in.Purpose, Information: in.Information,
			Sections: in.Sections, Discloser: in.Discloser, SignedBy: in.SignedBy, Representative: in.Representative,
			RevocationNotice: in.RevocationNotice, Signed: in.Signed, Expires: in.Expires}
		return c, s.db.AddConsent(r.Context(), actor, &c)
	})
}

type revocationInput struct {
	Revoked goldthread.Date `json:"revoked_on"`
	Note    string          `json:"revocation_note"`
}

func (s *Server) apiConsentRevoke(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusOK, func(id int64, in *revocationInput) (any, error) {
		return s.db.RevokeConsent(r.Context(), actor, id, in.Revoked, in.Note)
	})
}

func (s *Server) apiCareTeam(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiRead(w, r, func(id int64) (any, error) {
		list, err := s.db.CareTeam(r.Context(), actor, id)
		return map[string]any{"care_team": nonNil(list)}, err
	})
}

func (s *Server) apiCareTeamAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusCreated, func(id int64, in *goldthread.CareTeamMember) (any, error) {
		m := goldthread.CareTeamMember{ParticipantID: id, Kind: in.Kind, StaffID: in.StaffID, Name: in.Name, Role: in.Role,
			Organisation: in.Organisation, Relationship: in.Relationship, Phone: in.Phone}
		return m, s.db.AddCareTeamMember(r.Context(), actor, &m)
	})
}

func (s *Server) apiDischarges(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.apiRead(w, r, func(id int64) (any, error) {
		list, err := s.db.Discharges(r.Context(), actor, id)
		return map[string]any{"discharges": nonNil(list)}, err
	})
}

func (s *Server) apiDischargeAdd(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	apiWrite(s, w, r, http.StatusCreated, func(id int64, in *goldthread.Discharge) (any, error) {
		d := goldthread.Discharge{ParticipantID: id, ProgramID: in.ProgramID, Date: in.Date, Reason: in.Reason, NaturalSupports: in.NaturalSupports,
			CommunitySupports: in.CommunitySupports, Referrals: in.Referrals, Goals: in.Goals}
		return d, s.db.RecordDischarge(r.Context(), actor, &d)
	})
}
