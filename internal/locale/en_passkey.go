package locale

// Passkeys (ONC (d)(13)): the account page, the sign-in page and the
// second step.
func init() {
	register(map[string]string{
		"mfa.status.on":             "Two-step sign-in is on: a stolen password alone cannot open your account.",
		"mfa.totp.title":            "Authenticator app",
		"mfa.totp.off":              "Not set up. An authenticator app on your phone gives a new 6-digit code every 30 seconds.",
		"passkey.title":             "Passkeys",
		"passkey.intro":             "A passkey lets you sign in with your phone's fingerprint, face or screen lock instead of typing a password and a code. It stays on your device; Goldthread keeps only a public key.",
		"passkey.none":              "You have no passkeys yet.",
		"passkey.name":              "Name this passkey",
		"passkey.name.hint":         "So you can tell your passkeys apart, such as \"My phone\".",
		"passkey.add":               "Add a passkey",
		"passkey.added":             "Passkey added. Next time, sign in with it.",
		"passkey.removed":           "Passkey removed. It can no longer sign you in.",
		"passkey.added_on":          "Added %s",
		"passkey.last_used":         "last used %s",
		"passkey.remove":            "Remove",
		"passkey.remove.submit":     "Remove %s",
		"passkey.or":                "or",
		"passkey.signin":            "Sign in with a passkey",
		"passkey.second_step":       "Use your passkey",
		"passkey.reauth":            "Use my passkey instead of my password",
		"passkey.or_password":       "or type your password",
		"passkey.or_code":           "or type a code",
		"passkey.working":           "Follow your device's prompt…",
		"passkey.error.cancelled":   "The passkey was cancelled or took too long. Try again when you are ready.",
		"passkey.error.unsupported": "This browser cannot use passkeys. Use the authenticator app instead, or a current browser.",
		"passkey.error.failed":      "Something went wrong with the passkey. Try again, or use your password.",
		"passkey.error.refused":     "That passkey could not be checked. Try again.",
		"passkey.error.no_host":     "Passkeys work only when Goldthread is reached by a name (such as goldthread.example.org or localhost), not an IP address. Your administrator sets it with --public-url.",
		"passkey.error.none_reauth": "You have no passkey. Type your password.",
		"passkey.error.none":        "You have no passkey for this account. Type the code from your authenticator app.",
	})
}
