package goldthread

import "strconv"

// RecoveryCapitalInput is a BARC-10 as the form sends it. It carries no
// JSON names: the API's shape of it lives with the API (internal/web).
type RecoveryCapitalInput struct {
	ParticipantID int64
	Occasion      string
	TakenOn       Date
	Answers       [BARCItems]int
}

// Validate checks in against today: a known occasion, a day not in the
// future, and every statement answered on the 1 to 6 scale. EINVALID
// names the field (the statement, item_1 to item_10).
func (in RecoveryCapitalInput) Validate(today Date) error {
	switch in.Occasion {
	case BARCIntake, BARCReview, BARCDischarge:
	default:
		return FieldError("occasion", "Choose when it was taken: at intake, at a plan review or at discharge.")
	}
	if in.TakenOn.IsZero() {
		return FieldError("taken_on", "Enter the day it was taken as YYYY-MM-DD.")
	}
	if in.TakenOn.After(today.Time) {
		return FieldError("taken_on", "The day is in the future; record it once the participant has answered.")
	}
	for i, a := range in.Answers {
		if a < BARCMinAnswer || a > BARCMaxAnswer {
			return FieldError("item_"+strconv.Itoa(i+1), "Choose an answer for statement %d, from 1 (strongly disagree) to 6 (strongly agree).", i+1)
		}
	}
	return nil
}
