package goldthread_test

import (
	"testing"

	"github.com/goldthread/goldthread"
)

func TestAddendumInputValidate(t *testing.T) {
	type a = goldthread.AddendumInput
	valid := func() a {
		return a{Kind: goldthread.AddendumClarification, Body: "He meant the Friday group.", Password: "pw", Attestation: "I attest."}
	}
	checkRules(t, valid, (*a).Validate, []ruleCase[a]{
		{"a kind from the list", func(a *a) { a.Kind = "apology" }, "kind", "correction, clarification or late entry"},
		{"a body", func(a *a) { a.Body = " \n" }, "body", "Write what the addendum adds or corrects"},
		{"an attestation", func(a *a) { a.Attestation = " " }, "attest", "Confirm the attestation"},
		{"a password", func(a *a) { a.Password = "" }, "password", "Enter your password"},
	})
}
