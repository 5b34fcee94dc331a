package web

// amendmentWire is the API's JSON shape of a participant's amendment
// request (goldthread.AmendmentInput). It has the root type's fields
// exactly, so a conversion moves it across and a field added to one and
// not the other fails to compile rather than vanish from the API.
type amendmentWire struct {
	NoteID      int64  `json:"note_id"`
	PlanID      int64  `json:"plan_id"`
	WhatIsWrong string `json:"what_is_wrong"`
	ShouldSay   string `json:"should_say"`
}

// amendmentDecisionWire is the API's JSON shape of a decision on an
// amendment request (goldthread.AmendmentDecisionInput).
type amendmentDecisionWire struct {
	Outcome     string `json:"outcome"`
	Reason      string `json:"reason"`
	Correction  string `json:"correction"`
	Attestation string `json:"attestation"`
	Password    string `json:"password"`
}

// disclosureRequestWire is the API's JSON shape of a release or an own
// copy of the record (store.DisclosureRequest). Format is accepted and
// then ignored: the API always answers with a PDF.
type disclosureRequestWire struct {
	Recipient   string   `json:"recipient"`
	Purpose     string   `json:"purpose"`
	Information string   `json:"information"`
	Sections    []string `json:"sections"`
	OwnRequest  bool     `json:"own_request"`
	Format      string   `json:"format"`
}

// portalJoinWire is the API's JSON shape of a participant joining the
// portal with their code (store.PortalJoin). The link's token is never
// typed, so the API takes none.
type portalJoinWire struct {
	Code       string `json:"code"`
	Token      string `json:"-"`
	SignInName string `json:"sign_in_name"`
	Password   string `json:"password"`
}
