package goldthread

import "time"

// Review comment kinds. A return sends a signed note back to its author
// with what to fix (the author answers with an addendum, and the note comes
// back to the queue); a comment is the supervisor's remark without a
// return; a reply is the author's answer.
const (
	ReviewKindReturn  = "return"
	ReviewKindComment = "comment"
	ReviewKindReply   = "reply"
)

// Review states of a signed note, as a supervisor sees it.
const (
	ReviewAwaiting = "awaiting" // in the queue
	ReviewReturned = "returned" // sent back; waiting for the author's addendum
	ReviewApproved = "approved" // approved as it now reads
)

// Reasons a signed note needs a supervisor's review.
const (
	ReviewBecauseProgram  = "program"  // the rule pack requires approval before billing
	ReviewBecauseAgency   = "agency"   // the agency reviews every note
	ReviewBecauseFindings = "findings" // a warn or block finding asks for it
)

// SettingReviewAllNotes is the agency setting ("true") under which every
// signed note goes to review, whatever the program requires.
const SettingReviewAllNotes = "review_all_notes"

// NoteApproval is a supervisor's co-signature of a signed note, recorded
// like a signature: who, with which credential, when, and the hash of the
// note (with its addenda) they approved. It never changes.
type NoteApproval struct {
	ID           int64     `json:"id"`
	NoteID       int64     `json:"note_id"`
	SupervisorID int64     `json:"supervisor_id"`
	Name         string    `json:"name"`
	Credential   string    `json:"credential,omitempty"`
	Approved     time.Time `json:"approved_at"`
	NoteHash     string    `json:"note_hash"`
	// Current is true while the note still reads as approved (no addendum
	// since).
	Current bool `json:"current"`
}

// ReviewComment is one entry of a note's review thread.
type ReviewComment struct {
	ID         int64     `json:"id"`
	NoteID     int64     `json:"note_id"`
	AuthorID   int64     `json:"author_id"`
	AuthorName string    `json:"author_name"`
	Kind       string    `json:"kind"`
	Body       string    `json:"body"`
	Created    time.Time `json:"created_at"`
}

// FindingOverride records that a supervisor judged a block-level finding
// not to apply to a note, and why.
type FindingOverride struct {
	ID             int64     `json:"id"`
	NoteID         int64     `json:"note_id"`
	RuleID         string    `json:"rule_id"`
	SupervisorID   int64     `json:"supervisor_id"`
	SupervisorName string    `json:"supervisor_name"`
	Reason         string    `json:"reason"`
	Created        time.Time `json:"created_at"`
}

// ReviewFinding is a finding shown beside a note under review: from the
// rules engine (Source "rules", kept with the signature) or the coach
// (Source "coach", read from the note's text). Severity is info, warn,
// block (coach) or block_signing/block_billing (rules).
type ReviewFinding struct {
	Source   string `json:"source"`
	RuleID   string `json:"rule_id"`
	Severity string `json:"severity"`
	Field    string `json:"field,omitempty"`
	Words    string `json:"words,omitempty"`
	Message  string `json:"message"`
	Fix      string `json:"fix,omitempty"`
	// Overridden is true when a supervisor overrode this finding;
	// Dismissed when the coach finding was dismissed (a block-level one
	// only counts when a supervisor dismissed it).
	Overridden bool `json:"overridden"`
	Dismissed  bool `json:"dismissed"`
	// MessageText and FixText are a rule finding's Message and Fix as
	// format and arguments, for the reader's printer (not in the JSON,
	// whose message and fix stay English).
	MessageText Text `json:"-"`
	FixText     Text `json:"-"`
}

// Blocks reports a block-level finding.
func (f ReviewFinding) Blocks() bool {
	return f.Severity == "block" || f.Severity == "block_signing" || f.Severity == "block_billing"
}

// ThreadLink is one golden-thread link of a note: the goal's summary and
// the intervention used.
type ThreadLink struct {
	GoalID       int64  `json:"goal_id"`
	Goal         string `json:"goal"`
	Intervention string `json:"intervention,omitempty"`
}

// ReviewItem is a signed note as its reviewer sees it.
type ReviewItem struct {
	Note Note `json:"note"`
	// Reasons says why the note needs review (ReviewBecause…); empty when
	// nothing requires it.
	ParticipantName string            `json:"participant_name"`
	ProgramName     string            `json:"program_name"`
	State           string            `json:"state"`
	Reasons         []string          `json:"reasons"`
	Late            bool              `json:"late"`
	Links           []ThreadLink      `json:"links"`
	Findings        []ReviewFinding   `json:"findings"`
	Comments        []ReviewComment   `json:"comments"`
	Overrides       []FindingOverride `json:"overrides"`
	Approvals       []NoteApproval    `json:"approvals"`
}
