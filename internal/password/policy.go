package password

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goldthread/goldthread"
)

// MinLength and MaxLength follow NIST SP 800-63B: length is what makes a
// password strong, so there are no composition rules, but a floor, a
// generous ceiling, and a check against passwords known to be breached.
const (
	MinLength = 12
	MaxLength = 128
)

//go:embed common.txt
var commonList string

// common holds passwords that appear in public breach corpora and
// guessing dictionaries, lower-cased.
var common = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = true
		}
	}
	return m
}()

// CheckPolicy returns an invalid-input error about field, in a sentence a
// person can act on, when pw is too weak, or nil. context lists words the
// password must not be built from (the person's email, name, the agency's
// name).
func CheckPolicy(field, pw string, context ...string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinLength:
		return goldthread.FieldError(field, "Use at least %d %{character|characters}; a short sentence you will remember works well.", MinLength)
	case n > MaxLength:
		return goldthread.FieldError(field, "Use at most %d %{character|characters}.", MaxLength)
	}
	lower := strings.ToLower(pw)
	if common[lower] || common[strings.TrimRight(lower, "!.")] || common[strings.TrimRight(lower, "0123456789!.")] {
		return goldthread.FieldError(field, "This password appears in lists of breached passwords. Choose another.")
	}
	if repetitive(lower) {
		return goldthread.FieldError(field, "Avoid repeated or sequential characters such as aaaa or 1234; choose another.")
	}
	if fromContext(lower, context) {
		return goldthread.FieldError(field, "Do not build the password from your name, email or the agency's name.")
	}
	return nil
}

// fromContext reports a password built from the context words (the
// person's name and email, the agency's name): one with a word of them
// and little else, or one that is left with fewer than six letters once
// every word of three letters or more is taken out ("Riverbend Peer
// Services 2026", "Ada.Admin!2026").
func fromContext(lower string, context []string) bool {
	rest, found := lower, false
	for _, c := range context {
		for _, part := range strings.FieldsFunc(strings.ToLower(c), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if len(part) >= 4 && strings.Contains(lower, part) && len(lower)-len(part) < MinLength {
				return true
			}
			if len(part) >= 3 && strings.Contains(rest, part) {
				rest, found = strings.ReplaceAll(rest, part, " "), true
			}
		}
	}
	letters := 0
	for _, r := range rest {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return found && letters < 6
}

// repetitive reports a password made mostly of one character or of one
// ascending or descending run.
func repetitive(s string) bool {
	if len(s) == 0 {
		return false
	}
	same, up, down := 0, 0, 0
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case s[i-1]:
			same++
		case s[i-1] + 1:
			up++
		case s[i-1] - 1:
			down++
		}
	}
	limit := len(s) * 3 / 4
	return same >= limit || up >= limit || down >= limit
}
