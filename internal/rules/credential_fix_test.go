package rules

import (
	"strings"
	"testing"
)

// TestCredentialTypeFixSaysWhereToRecordIt: a note by a peer with no
// accepted credential on record says where to record one they hold (the
// common case on a new agency), before the other remedy.
func TestCredentialTypeFixSaysWhereToRecordIt(t *testing.T) {
	in := baseInput(t, packCA)
	in.Credentials = nil
	f, ok := has(Check(in), RuleCredentialType)
	if !ok {
		t.Fatal("no credential finding for an author without one")
	}
	if !strings.HasPrefix(f.Fix, "If the author holds a CMPSS, record it on their credentials page (Team → Credentials and training)") {
		t.Errorf("the fix does not say where to record the author's CMPSS: %q", f.Fix)
	}
}
