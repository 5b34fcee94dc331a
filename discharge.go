package goldthread

import "time"

// Goal outcomes at discharge.
const (
	GoalMet       = "met"
	GoalPartlyMet = "partly_met"
	GoalNotMet    = "not_met"
)

// Discharge is the discharge plan of a participant from a program: why, the
// natural and community supports in place, referrals, and how far each goal
// of the plan in force was met. Recording it sets the participant's status
// to discharged.
type Discharge struct {
	ID                int64           `json:"id"`
	ParticipantID     int64           `json:"participant_id"`
	ProgramID         int64           `json:"program_id"`
	PlanID            int64           `json:"plan_id,omitempty"`
	Date              Date            `json:"discharge_date"`
	Reason            string          `json:"reason"`
	NaturalSupports   string          `json:"natural_supports"`
	CommunitySupports string          `json:"community_supports"`
	Referrals         string          `json:"referrals"`
	Goals             []DischargeGoal `json:"goals"`
	CreatedBy         int64           `json:"created_by"`
	Created           time.Time       `json:"created_at"`
}

// DischargeGoal is one goal's outcome at discharge.
type DischargeGoal struct {
	GoalID  int64  `json:"goal_id"`
	Words   string `json:"participant_words,omitempty"`
	Outcome string `json:"outcome"`
	Note    string `json:"note,omitempty"`
}
