package goldthread

// ValidateStart refuses a new enrolment's start more than 90 days after
// today (a typing slip: nobody plans an enrolment further out) or before
// the participant's birth (when known); EINVALID on "start_date".
func (e Enrollment) ValidateStart(today, birth Date) error {
	switch {
	case e.Start.After(today.AddDate(0, 0, 90)):
		return FieldError("start_date", "The enrolment starts more than 90 days from today; check the date.")
	case !birth.IsZero() && e.Start.Before(birth.Time):
		return FieldError("start_date", "The enrolment starts before the date of birth; check both dates.")
	}
	return nil
}
