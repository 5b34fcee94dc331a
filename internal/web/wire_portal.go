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
