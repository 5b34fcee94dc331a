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

// values is a VALUES list of rows tuples of cols placeholders each, for a
// statement that inserts many rows at once (rows and cols at least 1).
func values(rows, cols int) string {
	tuple := "(" + strings.Repeat("?, ", cols-1) + "?)"
	return strings.Repeat(tuple+", ", rows-1) + tuple
}
