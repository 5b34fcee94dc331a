package goldthread

import (
	"strings"
	"time"
)

// SignFix is one fix the signing page applies to a draft in place (see
// SignProblem.Remedy), at the version the author saw.
type SignFix struct {
	Remedy            string
	Version           int
	Category          string    // RemedyCategory
	NonBillableReason string    // RemedyNonBillable
	Start             time.Time // RemedyTimes
	End               time.Time
}

// Validate checks that the fix carries what its remedy needs and returns
// EINVALID naming the missing field. Marking a note non-billable needs the
// reason a reviewer will ask for.
func (f *SignFix) Validate() error {
	switch f.Remedy {
	case RemedyCategory:
		if strings.TrimSpace(f.Category) == "" {
			return FieldError("category", "Choose the type of service.")
		}
	case RemedyNonBillable:
		if strings.TrimSpace(f.NonBillableReason) == "" {
			return FieldError("non_billable_reason", "Say why this service is not billed, for example \"the payer does not pay for time with family\".")
		}
	case RemedyTimes:
		if f.Start.IsZero() || f.End.IsZero() {
			return FieldError("start", "Enter the start and end times, like 14:30.")
		}
	default:
		return FieldError("remedy", "Choose a fix: category, non_billable or times.")
	}
	return nil
}
