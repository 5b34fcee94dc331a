package goldthread

import "time"

// ServiceThread is the golden thread behind one service, each step a
// record the reader can open: the approval of the note, the author's
// credential on the service date, the plan version in force that day
// with the goals and interventions the note served, the service order
// and authorization it relied on, and the claims that billed it. A step
// that is missing stays nil (or empty), which is itself the finding.
type ServiceThread struct {
	NoteID        int64                `json:"note_id"`
	ParticipantID int64                `json:"participant_id"`
	ServiceDate   Date                 `json:"service_date"`
	AuthorID      int64                `json:"author_id"`
	AuthorName    string               `json:"author_name"`
	Approval      *ThreadApproval      `json:"approval"`
	Credential    CredentialCheck      `json:"credential"`
	Plan          *ThreadPlanVersion   `json:"plan"`
	Order         *ServiceOrder        `json:"service_order"`
	Authorization *ThreadAuthorization `json:"authorization"`
	Claims        []ThreadClaim        `json:"claims"`
}

// ThreadApproval is the supervisor's latest approval of the note.
type ThreadApproval struct {
	Name       string    `json:"name"`
	Credential string    `json:"credential"`
	At         time.Time `json:"approved_at"`
}

// ThreadPlanVersion is the plan version in force on the service date and
// what of it the note served (texts only for readers of narratives).
type ThreadPlanVersion struct {
	PlanID  int64    `json:"plan_id"`
	Version int      `json:"version"`
	InForce Date     `json:"in_force_from"`
	Served  []string `json:"served,omitempty"` // "goal — intervention"
}

// ThreadAuthorization is the payer's authorization covering the service.
type ThreadAuthorization struct {
	ID     int64  `json:"id"`
	Number string `json:"number"`
	Start  Date   `json:"start"`
	End    Date   `json:"end"`
}

// ThreadClaim is a claim that billed the service.
type ThreadClaim struct {
	ID     int64  `json:"id"`
	Number string `json:"number"`
}
