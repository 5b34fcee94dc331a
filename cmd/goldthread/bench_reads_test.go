package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchReadsTimesEveryRead seeds a tiny agency, measures it, then
// measures it again by its slug, as a before/after comparison does: each
// read the issues name gets its line both times.
func TestBenchReadsTimesEveryRead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reads.db")
	code, out, errOut := runCmd(t, ctx, nil, "bench", "reads", "--db", path, "--participants", "3", "--notes", "30", "--requests", "2")
	if code != 0 {
		t.Fatalf("bench reads: exit %d\n%s%s", code, out, errOut)
	}
	slug := strings.Fields(strings.SplitN(out, "Reads of agency ", 2)[1])[0]
	again, out2, errOut2 := runCmd(t, ctx, nil, "bench", "reads", "--db", path, "--agency", slug, "--requests", "1")
	if again != 0 {
		t.Fatalf("bench reads --agency %s: exit %d\n%s%s", slug, again, out2, errOut2)
	}
	for _, o := range []string{out, out2} {
		if !strings.Contains(o, "(30 signed notes)") {
			t.Errorf("the report does not count the 30 seeded notes:\n%s", o)
		}
		for _, read := range []string{"participant page", "note list", "review queue", "billing worklist, one month",
			"dashboard: peer Today", "dashboard: team", "dashboard: billing", "dashboard: program"} {
			if !strings.Contains(o, read) {
				t.Errorf("no line for %q:\n%s", read, o)
			}
		}
	}
}
