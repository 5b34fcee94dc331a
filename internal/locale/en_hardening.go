package locale

// Messages of the security hardening (issue #15): refused text at the
// edge, consent scope and Part 2 consent checks, privilege approvals,
// turning on the authenticator app.
func init() {
	register(map[string]string{
		"mfa.confirm.password":      "Your password",
		"mfa.confirm.ends_sessions": "Turning it on signs you out everywhere else: other devices sign in again with the code.",
		"error.unclean_text":        "What you sent contains a character that cannot be stored (a NUL byte, or text that is not UTF-8). Remove it and send it again.",
	})
}
