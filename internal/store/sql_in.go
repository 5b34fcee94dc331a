package store

import (
	"slices"
	"strings"
)

// inList is the placeholder list "(?, ?, …)" of n values, for a condition
// "column IN " + inList(n) whose n arguments follow in order. n must be at
// least 1, and inList panics otherwise: "IN ()" is a syntax error on
// PostgreSQL though SQLite reads it as false, so a caller that may have no
// values decides itself what none means — leaves the condition out, writes
// "1 = 0" (as staffIn does) or skips the query.
func inList(n int) string {
	if n < 1 {
		panic("store.inList: an IN list needs at least one value")
	}
	return "(" + strings.Repeat("?, ", n-1) + "?)"
}

// appendIDs appends ids to args, in order, as the arguments of an
// inList(len(ids)): a []int64 cannot be spread as a []any. Like append, it
// may write into args' spare capacity.
func appendIDs(args []any, ids []int64) []any {
	args = slices.Grow(args, len(ids))
	for _, id := range ids {
		args = append(args, id)
	}
	return args
}

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
	return " AND " + column + " IN " + inList(len(staff)), appendIDs(nil, staff)
}

// values is a VALUES list of rows tuples of cols placeholders each, for a
// statement that inserts many rows at once (rows and cols at least 1).
func values(rows, cols int) string {
	tuple := inList(cols)
	return strings.Repeat(tuple+", ", rows-1) + tuple
}

// idIn is the condition "column IN (?, …)" on ids, with its arguments:
// the reads that take a chunk of participants, plans or authors in one
// statement (a billing run's facts, loadPlans). ids must not be empty.
// The list is padded with 0, never an id, to a power of two: PostgreSQL's
// driver prepares each text of a statement once per connection, so a
// chunk of any size reuses one of a few texts instead of making its own.
func idIn(column string, ids []int64) (string, []any) {
	size := 1
	for size < len(ids) {
		size *= 2
	}
	args := appendIDs(make([]any, 0, size), ids)
	for len(args) < size {
		args = append(args, int64(0))
	}
	return column + " IN " + inList(size), args
}
