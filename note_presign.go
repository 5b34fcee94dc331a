package goldthread

import "time"

// SignProblem is one reason a draft cannot be signed yet, found before the
// author attests: what is wrong, what would fix it, and which fix the
// signing page can apply in place (Remedy), so nothing the system already
// knows is first reported after the password.
type SignProblem struct {
	Field   string `json:"field"`             // the note field it is about: category, billable, start, goals, peer_action…
	RuleID  string `json:"rule_id,omitempty"` // the payer rule or coach rule, when one applies
	Message string `json:"message"`
	Fix     string `json:"fix,omitempty"`
	Source  string `json:"source,omitempty"` // where the rule comes from
	Remedy  string `json:"remedy,omitempty"` // a fix the signing page applies: see the Remedy constants
	// Other is the author's other service a time overlap is with.
	Other *OtherService `json:"other,omitempty"`
	// Cause is the error the problem was read from, when one was: Message
	// is its English, and the reader's printer renders Cause in theirs.
	Cause *Error `json:"-"`
	// MessageText and FixText are a rule finding's Message and Fix as
	// format and arguments, for the reader's printer (not in the JSON,
	// whose message and fix stay English).
	MessageText Text `json:"-"`
	FixText     Text `json:"-"`
}

// OtherService names, for its author, a signed service another one
// overlaps: a group session by its topic, an individual note by its
// participant.
type OtherService struct {
	NoteID         int64     `json:"note_id"`
	GroupSessionID int64     `json:"group_session_id,omitempty"`
	Topic          string    `json:"topic,omitempty"`       // the group's topic
	Participant    string    `json:"participant,omitempty"` // the individual note's participant
	Start          time.Time `json:"start"`
	End            time.Time `json:"end"`
}

// Remedies the signing page offers in place; any other problem links back
// to the note's form.
const (
	RemedyCategory    = "category"     // choose the type of service
	RemedyNonBillable = "non_billable" // mark the note non-billable, with a reason
	RemedyTimes       = "times"        // correct the start and end times
)
