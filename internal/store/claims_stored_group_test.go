package store

import (
	"slices"
	"testing"
)

// TestStoredGroupsBoundTheirServices: a claim batch reads the stored runs
// of consecutive participants together, each group holding about
// storedGroupServices services (a run with more alone), never past a fresh
// run without services (the batch skips it, and it has nothing to read),
// and every run of the page falls in a group from the first fresh run on.
// It fails when a group grows past the bound or over an empty fresh run.
func TestStoredGroupsBoundTheirServices(t *testing.T) {
	half := storedGroupServices / 2
	page := []periodRun{
		{participant: 1, services: half}, {participant: 2, services: half}, // fill a group exactly
		{participant: 3, services: 1},                       // starts the next
		{participant: 4, services: 0},                       // fresh and empty: ends it
		{participant: 5, services: storedGroupServices + 5}, // alone
		{participant: 6, services: 3},
		{participant: 7, services: 3}, // stale: read with its group, passed over
		{participant: 8, services: 2},
		{participant: 9, services: 4}, // stale too
		{participant: 10, services: 1},
	}
	fresh := []bool{true, true, true, true, true, true, false, true, false, true}
	// As claimBatchServices: a fresh run with services not yet read starts
	// a group.
	var groups [][]int64
	end := 0
	for i, r := range page {
		if !fresh[i] || r.services == 0 || i < end {
			continue
		}
		end = storedGroupEnd(page, fresh, i)
		var g []int64
		n := 0
		for _, r := range page[i:end] {
			g = append(g, r.participant)
			n += r.services
		}
		if n > storedGroupServices && end-i > 1 {
			t.Fatalf("group %v holds %d services, past %d", g, n, storedGroupServices)
		}
		groups = append(groups, g)
	}
	want := [][]int64{{1, 2}, {3}, {5}, {6, 7, 8, 9, 10}}
	if !slices.EqualFunc(groups, want, slices.Equal) {
		t.Fatalf("groups %v; want %v", groups, want)
	}
}
