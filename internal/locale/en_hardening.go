package locale

// Messages of the security hardening (issue #15): refused text at the
// edge, consent scope and Part 2 consent checks, privilege approvals,
// turning on the authenticator app.
func init() {
	register(map[string]string{
		"mfa.confirm.password":            "Your password",
		"mfa.confirm.ends_sessions":       "Turning it on signs you out everywhere else: other devices sign in again with the code.",
		"role_grant.title":                "Roles that read records",
		"role_grant.intro":                "Every role that reads participants' records given in the last 14 days, and every one still waiting. A second administrator approves each before it works.",
		"role_grant.status.pending":       "waiting for a second administrator",
		"role_grant.status.approved":      "approved",
		"role_grant.status.declined":      "declined",
		"role_grant.status.withdrawn":     "withdrawn",
		"role_grant.status.granted_alone": "given with no second administrator to approve",
		"role_grant.asked":                "Given by %s, %s",
		"role_grant.decided":              "decided by %s",
		"role_grant.approve":              "Approve",
		"role_grant.decline":              "Decline",
		"error.unclean_text":              "What you sent contains a character that cannot be stored (a NUL byte, or text that is not UTF-8). Remove it and send it again.",
	})
}
