package locale

// Spanish for the password policy's errors (internal/password).
func init() {
	registerSpanishFormats(map[string]string{
		"Use at least %d %{character|characters}; a short sentence you will remember works well.": "Use al menos %d %{carácter|caracteres}; una oración corta que vaya a recordar funciona bien.",
		"Use at most %d %{character|characters}.":                                                 "Use como máximo %d %{carácter|caracteres}.",
		"This password appears in lists of breached passwords. Choose another.":                   "Esta contraseña aparece en listas de contraseñas filtradas. Elija otra.",
		"Avoid repeated or sequential characters such as aaaa or 1234; choose another.":           "Evite caracteres repetidos o seguidos como aaaa o 1234; elija otra.",
		"Do not build the password from your name, email or the agency's name.":                   "No forme la contraseña con su nombre, su correo electrónico o el nombre de la agencia.",
	})
}
