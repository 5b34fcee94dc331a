package goldthread

// StaleGoalDays is how long a goal may go without a service before the
// golden thread view makes it stand out.
const StaleGoalDays = 30

// Thread is the golden thread of a participant: for each program, the plan
// in force today, its goals, their interventions and the services that
// addressed them.
type Thread struct {
	ParticipantID int64        `json:"participant_id"`
	On            Date         `json:"on"`
	Plans         []ThreadPlan `json:"plans"`
}

// ThreadPlan is one plan in force within a Thread.
type ThreadPlan struct {
	PlanID      int64        `json:"plan_id"`
	ProgramID   int64        `json:"program_id"`
	ProgramName string       `json:"program_name"`
	Version     int          `json:"version"`
	Effective   Date         `json:"effective_date"`
	InForce     Date         `json:"in_force_from"` // the first day in force: the effective date or the last signature's
	Goals       []ThreadGoal `json:"goals"`
}

// ThreadGoal is a goal with its interventions and the services that
// addressed the goal without naming an intervention. Stale is set when the
// plan has been in force StaleGoalDays or more and no service addressed the
// goal in the last StaleGoalDays days.
type ThreadGoal struct {
	Goal
	Interventions []ThreadIntervention `json:"interventions"`
	Other         []ThreadEntry        `json:"other_services,omitempty"`
	LastServed    Date                 `json:"last_served,omitempty"`
	Stale         bool                 `json:"stale"`
}

// ThreadIntervention is an intervention with the services that used it.
type ThreadIntervention struct {
	Intervention
	ServedBy []ThreadEntry `json:"served_by"`
}

// ThreadEntry is one service (a note) that addressed a goal, and the
// intervention it used when it names one.
type ThreadEntry struct {
	NoteID         int64  `json:"note_id"`
	GoalID         int64  `json:"goal_id"`
	InterventionID int64  `json:"intervention_id,omitempty"`
	ServiceDate    Date   `json:"service_date"`
	Minutes        int    `json:"minutes"`
	PeerName       string `json:"peer_name"`
}
