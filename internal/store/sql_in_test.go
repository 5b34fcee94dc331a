package store

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestInList: inList is n placeholders in parentheses, and refuses n < 1
// by name rather than return "()", which PostgreSQL rejects and SQLite
// reads as false.
func TestInList(t *testing.T) {
	for n, want := range map[int]string{1: "(?)", 2: "(?, ?)", 4: "(?, ?, ?, ?)"} {
		if got := inList(n); got != want {
			t.Errorf("inList(%d) = %q, want %q", n, got, want)
		}
	}
	for _, n := range []int{0, -1} {
		func() {
			defer func() {
				if r := recover(); !strings.HasPrefix(fmt.Sprint(r), "store.inList:") {
					t.Errorf("inList(%d) recovered %v, want a store.inList panic", n, r)
				}
			}()
			t.Errorf("inList(%d) = %q, want a panic", n, inList(n))
		}()
	}
}

// TestAppendIDs: the ids follow the arguments already there, in order,
// each an int64.
func TestAppendIDs(t *testing.T) {
	got := appendIDs([]any{"agency"}, []int64{7, 3})
	if want := []any{"agency", int64(7), int64(3)}; !slices.Equal(got, want) {
		t.Errorf("appendIDs = %#v, want %#v", got, want)
	}
	if got := appendIDs(nil, nil); len(got) != 0 {
		t.Errorf("appendIDs(nil, nil) = %#v, want nothing", got)
	}
}

// TestIDIn: idIn pads its ids with 0 to a power of two, so a chunk of any
// size is one of a few statement texts, and keeps the ids in order.
func TestIDIn(t *testing.T) {
	for _, c := range []struct {
		ids  []int64
		want string
		args []any
	}{
		{[]int64{5}, "x IN (?)", []any{int64(5)}},
		{[]int64{5, 6}, "x IN (?, ?)", []any{int64(5), int64(6)}},
		{[]int64{5, 6, 7}, "x IN (?, ?, ?, ?)", []any{int64(5), int64(6), int64(7), int64(0)}},
		{[]int64{1, 2, 3, 4, 5}, "x IN (?, ?, ?, ?, ?, ?, ?, ?)", []any{int64(1), int64(2), int64(3), int64(4), int64(5), int64(0), int64(0), int64(0)}},
	} {
		got, args := idIn("x", c.ids)
		if got != c.want || !slices.Equal(args, c.args) {
			t.Errorf("idIn(x, %v) = %q %v, want %q %v", c.ids, got, args, c.want, c.args)
		}
	}
}
