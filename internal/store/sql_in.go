package store

import "strings"

// staffIn is the condition " AND column IN (?, …)" on the ids of staff,
// with its arguments, or nothing at all when staff is nil: the reads that
// build a view of some peers (a supervisor's team) take only their rows,
// so their cost follows the team and not the agency, while nil keeps the
// whole agency's (an administrator's view). An empty, non-nil staff
// matches no row.
func staffIn(column string, staff []int64) (string, []any) {
	if staff == nil {
		return "", nil
	}
	if len(staff) == 0 {
		return " AND 1 = 0", nil
	}
	args := make([]any, len(staff))
	for i, id := range staff {
		args[i] = id
	}
	return " AND " + column + " IN (?" + strings.Repeat(", ?", len(staff)-1) + ")", args
}
