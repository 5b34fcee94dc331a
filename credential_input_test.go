package goldthread_test

import (
	"testing"

	"github.com/goldthread/goldthread"
)

// workforceToday is the agency's today in these cases.
var workforceToday = goldthread.NewDate(2026, 3, 10)

// credentialTypes stands for the store's CredentialTypes in these cases.
var credentialTypes = []string{"CPSS", "LCSW", "other"}

func validCredential() goldthread.CredentialInput {
	return goldthread.CredentialInput{Type: "CPSS", Number: "NC-1", Issuer: "NCCPSS",
		Issued: goldthread.NewDate(2025, 3, 1), Expires: goldthread.NewDate(2027, 3, 1), Evidence: "copy in HR file"}
}

func TestCredentialInputValidate(t *testing.T) {
	type c = goldthread.CredentialInput
	validate := func(in *c) error { return in.Validate(workforceToday, credentialTypes) }
	checkRules(t, validCredential, validate, []ruleCase[c]{
		{"a known type", func(in *c) { in.Type = "PhD in vibes" }, "type", "one of CPSS, LCSW, other"},
		{"a number", func(in *c) { in.Number = " " }, "number", "number as printed on it"},
		{"an issue date", func(in *c) { in.Issued = goldthread.Date{} }, "issued_on", "the date it was issued"},
		{"issued by today", func(in *c) { in.Issued = goldthread.DateOf(workforceToday.AddDate(0, 0, 1)) }, "issued_on", "in the future"},
		{"expiry after issue", func(in *c) { in.Expires = in.Issued }, "expires_on", "after the issue date"},
	})
}

// TestCredentialInputValidateFills: the text is saved trimmed, and a
// credential without an expiry passes (the store gives a peer
// certification its pack's renewal period).
func TestCredentialInputValidateFills(t *testing.T) {
	in := validCredential()
	in.Type, in.Number, in.Expires = " CPSS ", " NC-1\n", goldthread.Date{}
	if err := in.Validate(workforceToday, credentialTypes); err != nil {
		t.Fatal(err)
	}
	if in.Type != "CPSS" || in.Number != "NC-1" {
		t.Errorf("type %q, number %q: want them trimmed", in.Type, in.Number)
	}
}

func TestCredentialChangeValidate(t *testing.T) {
	type c = goldthread.CredentialChange
	valid := func() c { return c{CredentialInput: validCredential()} }
	validate := func(ch *c) error { return ch.Validate(workforceToday, credentialTypes) }
	checkRules(t, valid, validate, []ruleCase[c]{
		{"the credential's own rules", func(ch *c) { ch.Number = "" }, "number", "number as printed on it"},
		{"a revocation says why", func(ch *c) { ch.Revoke, ch.RevokedReason = true, " " }, "revoked_reason", "Say why the credential is revoked"},
	})
	ch := valid()
	ch.Revoke, ch.RevokedReason = true, " board decision\n"
	if err := ch.Validate(workforceToday, credentialTypes); err != nil || ch.RevokedReason != "board decision" {
		t.Errorf("revocation with a reason: %v, reason %q (want it accepted and trimmed)", err, ch.RevokedReason)
	}
}

func validCE() goldthread.CEInput {
	return goldthread.CEInput{Taken: goldthread.DateOf(workforceToday.AddDate(0, 0, -3)), Minutes: 90, EthicsMinutes: 60, Topic: "Ethics", Evidence: "cert 1"}
}

func TestCEInputValidate(t *testing.T) {
	type c = goldthread.CEInput
	validate := func(in *c) error { return in.Validate(workforceToday) }
	checkRules(t, validCE, validate, []ruleCase[c]{
		{"a date", func(in *c) { in.Taken = goldthread.Date{} }, "taken_on", "date of the training"},
		{"done by today", func(in *c) { in.Taken = goldthread.DateOf(workforceToday.AddDate(0, 0, 1)) }, "taken_on", "in the future"},
		{"some hours", func(in *c) { in.Minutes, in.EthicsMinutes = 0, 0 }, "hours", "more than 0 and at most 40"},
		{"at most 40 hours in one entry", func(in *c) { in.Minutes = 40*60 + 1 }, "hours", "more than 0 and at most 40"},
		{"no negative ethics hours", func(in *c) { in.EthicsMinutes = -1 }, "ethics_hours", "part of the hours"},
		{"ethics hours are part of the hours", func(in *c) { in.EthicsMinutes = in.Minutes + 1 }, "ethics_hours", "part of the hours"},
		{"a topic", func(in *c) { in.Topic = " " }, "topic", "topic of the training"},
		{"where the proof is", func(in *c) { in.Evidence = "" }, "evidence", "where the proof is"},
	})
	in := validCE()
	in.Minutes, in.EthicsMinutes = 40*60, 40*60
	if err := in.Validate(workforceToday); err != nil {
		t.Errorf("40 hours, all ethics, refused: %v", err)
	}
}

func validSupervision() goldthread.SupervisionInput {
	return goldthread.SupervisionInput{PeerIDs: []int64{4}, Kind: goldthread.SupervisionIndividual,
		Held: goldthread.DateOf(workforceToday.AddDate(0, 0, -2)), Minutes: 30, Topics: "Boundaries"}
}

func validGroupSupervision() goldthread.SupervisionInput {
	in := validSupervision()
	in.PeerIDs, in.Kind = []int64{4, 5}, goldthread.SupervisionGroup
	return in
}

func TestSupervisionInputValidate(t *testing.T) {
	type s = goldthread.SupervisionInput
	validate := func(in *s) error { return in.Validate(workforceToday) }
	checkRules(t, validSupervision, validate, []ruleCase[s]{
		{"a peer", func(in *s) { in.PeerIDs = nil }, "peer_ids", "Choose the peer"},
		{"a real peer", func(in *s) { in.PeerIDs = []int64{0} }, "peer_ids", "Choose the peer"},
		{"a known kind", func(in *s) { in.Kind = "triad" }, "kind", "individual or group"},
		{"an individual session has one peer", func(in *s) { in.PeerIDs = []int64{4, 5} }, "peer_ids", "An individual session is with one peer"},
		{"a date", func(in *s) { in.Held = goldthread.Date{} }, "held_on", "date of the session"},
		{"held by today", func(in *s) { in.Held = goldthread.DateOf(workforceToday.AddDate(0, 0, 1)) }, "held_on", "in the future"},
		{"some minutes", func(in *s) { in.Minutes = 0 }, "minutes", "1 to 480"},
		{"at most 480 minutes", func(in *s) { in.Minutes = 481 }, "minutes", "1 to 480"},
		{"topics", func(in *s) { in.Topics = "\n" }, "topics", "topics discussed"},
	})
	checkRules(t, validGroupSupervision, validate, []ruleCase[s]{
		{"a group session has two peers", func(in *s) { in.PeerIDs = []int64{4} }, "peer_ids", "two or more peers"},
		{"each peer counts once", func(in *s) { in.PeerIDs = []int64{4, 4} }, "peer_ids", "two or more peers"},
	})
}

// TestSupervisionInputValidateFills: a session without a kind is
// individual with one peer and group with more, and each peer is kept
// once, in order.
func TestSupervisionInputValidateFills(t *testing.T) {
	for _, c := range []struct {
		peers []int64
		kind  string
		want  []int64
	}{
		{[]int64{4}, goldthread.SupervisionIndividual, []int64{4}},
		{[]int64{5, 4, 5}, goldthread.SupervisionGroup, []int64{4, 5}},
	} {
		in := validSupervision()
		in.PeerIDs, in.Kind, in.Topics = c.peers, "", " Boundaries "
		if err := in.Validate(workforceToday); err != nil {
			t.Fatalf("%v: %v", c.peers, err)
		}
		if in.Kind != c.kind || len(in.PeerIDs) != len(c.want) || in.PeerIDs[0] != c.want[0] || in.Topics != "Boundaries" {
			t.Errorf("%v: kind %q, peers %v, topics %q; want %q, %v, trimmed", c.peers, in.Kind, in.PeerIDs, in.Topics, c.kind, c.want)
		}
	}
}
