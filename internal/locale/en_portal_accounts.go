package locale

// Messages of portal accounts (a participant's own sign-in: invitation,
// joining, disabling) and of plan signatures (re-authentication, typed
// names, the day a plan comes into force).
func init() {
	register(map[string]string{
		"plan_sign.full_name":    "Participant's first and last name, as in their record",
		"plan_sign.reauth_hint":  "Signing asks who you are again: your password, or your passkey.",
		"plan_sign.password":     "Your password",
		"plan_sign.in_force":     "In force from",
		"plan_sign.in_force_why": "(the day of the last signature: a plan is never in force before everyone signed)",
	})
}
