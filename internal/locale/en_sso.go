package locale

// Single sign-on through the agency's identity provider (OpenID Connect).
// %s is the provider's name as configured (serve --oidc-name).
func init() {
	register(map[string]string{
		"sso.signin":         "Sign in with %s",
		"sso.or_password":    "Or sign in with your email and password.",
		"sso.expired":        "That sign-in took too long or was already used. Start again.",
		"sso.denied":         "%s did not let you in. If you cancelled, start again; otherwise ask your administrator for access.",
		"sso.provider_error": "%s could not finish the sign-in. Try again in a moment, or sign in with your email and password.",
		"sso.unavailable":    "We could not reach %s. Try again in a moment, or sign in with your email and password.",
		"sso.failed":         "Signing in with %s did not work. Start again, or sign in with your email and password.",
		"sso.no_account":     "That sign-in does not match an active staff account here. Ask your administrator, or sign in with your email and password.",
	})
}
