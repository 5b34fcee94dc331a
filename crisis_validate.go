package goldthread

import "strings"

// Validate checks what a crisis plan must say and returns EINVALID naming
// the first field that is empty once trimmed. Peer support is not a
// first-responder service, so a crisis plan always names the provider who
// is, and their phone.
func (c *CrisisPlan) Validate() error {
	for _, f := range []*string{&c.WarningSigns, &c.WhatHelps, &c.WhatDoesNotHelp, &c.Contacts, &c.CrisisProvider, &c.CrisisProviderPhone, &c.Preferences} {
		*f = strings.TrimSpace(*f)
	}
	switch {
	case c.WarningSigns == "":
		return FieldError("warning_signs", "Write the warning signs the participant and others may notice.")
	case c.WhatHelps == "":
		return FieldError("what_helps", "Write what helps the participant in a crisis.")
	case c.Contacts == "":
		return FieldError("contacts", "List the people and services to contact (by role or relationship).")
	case c.CrisisProvider == "":
		return FieldError("crisis_provider", "Name the provider that covers crisis response; peer support is not a first-responder service.")
	case c.CrisisProviderPhone == "":
		return FieldError("crisis_provider_phone", "Enter the crisis provider's phone number.")
	}
	return nil
}
