package goldthread_test

import (
	"testing"

	"github.com/goldthread/goldthread"
)

func validCrisisPlan() goldthread.CrisisPlan {
	return goldthread.CrisisPlan{WarningSigns: "Stops answering the phone", WhatHelps: "A walk with his sister",
		Contacts: "Sister; sponsor", CrisisProvider: "Mobile crisis team", CrisisProviderPhone: "988"}
}

func TestCrisisPlanValidate(t *testing.T) {
	type c = goldthread.CrisisPlan
	checkRules(t, validCrisisPlan, (*c).Validate, []ruleCase[c]{
		{"warning signs", func(c *c) { c.WarningSigns = "  " }, "warning_signs", "Write the warning signs"},
		{"what helps", func(c *c) { c.WhatHelps = "" }, "what_helps", "Write what helps"},
		{"contacts", func(c *c) { c.Contacts = "" }, "contacts", "List the people and services to contact"},
		{"a crisis provider", func(c *c) { c.CrisisProvider = "" }, "crisis_provider", "Name the provider that covers crisis response"},
		{"the provider's phone", func(c *c) { c.CrisisProviderPhone = "\n" }, "crisis_provider_phone", "crisis provider's phone number"},
	})
}
