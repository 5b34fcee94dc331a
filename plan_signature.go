package goldthread

import (
	"strings"
	"unicode/utf8"
)

// A participant who has no account of their own signs their plan by typing
// their name on a staff member's device. The typed name is a signature only
// when it is the whole name the record holds: legal first and last name, or
// the name they go by and the last name. Initials and part of a name are
// not, because anyone could type them.

// foldName lowercases s and folds its runs of spaces into one, so case and
// spacing never decide whether a name matches.
func foldName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// CheckTypedSignature returns nil when typed is p's full name (first and
// last, or preferred and last; case and spacing do not matter), and
// otherwise an EINVALID error on field "name" that says what to type.
func CheckTypedSignature(p Participant, typed string) error {
	got := foldName(typed)
	if got == "" {
		return FieldError("name", "The participant types their first and last name to sign.")
	}
	for _, first := range []string{p.FirstName, p.PreferredName} {
		if strings.TrimSpace(first) != "" && got == foldName(first+" "+p.LastName) {
			return nil
		}
	}
	if looksLikeInitials(got) {
		return FieldError("name", "Initials are not a signature. The participant types their whole first and last name, as in their record.")
	}
	return FieldError("name", "The typed name does not match the participant's record. The participant types their whole first and last name (or the name they go by and their last name).")
}

// looksLikeInitials reports a typed name made only of initials: single
// letters with or without dots ("m b", "M.B.") or one run of two or three
// letters ("mb").
func looksLikeInitials(folded string) bool {
	words := strings.FieldsFunc(folded, func(r rune) bool { return r == ' ' || r == '.' })
	if len(words) == 1 && utf8.RuneCountInString(words[0]) <= 3 {
		return true
	}
	for _, w := range words {
		if utf8.RuneCountInString(w) > 1 {
			return false
		}
	}
	return len(words) > 0
}
