package x12

import (
	"strconv"
	"unicode/utf8"
)

// The separators this package writes. They are fixed rather than
// configurable: every payer accepts them, and fixed separators let the
// cleaning rules below be simple and complete.
const (
	elementSeparator    = '*'
	componentSeparator  = ':'
	repetitionSeparator = '^'
	segmentTerminator   = '~'
)

// isDelimiter reports whether b would end an element, component,
// repetition or segment if it appeared inside data.
func isDelimiter(b byte) bool {
	return b == elementSeparator || b == componentSeparator || b == repetitionSeparator || b == segmentTerminator
}

// asciiFor returns the printable-ASCII spelling of a non-ASCII rune, or a
// space when there is none. Names and addresses keep their letters (José
// becomes JOSE, Nguyễn NGUYEN) instead of being split at the accent.
func asciiFor(r rune) string {
	var pair string
	switch {
	case r >= 0xC0 && r <= 0x24F:
		k := int(r-0xC0) * 2
		pair = latinTable[k : k+2]
	case r >= 0x1E00 && r <= 0x1EFF:
		k := int(r-0x1E00) * 2
		pair = latinAdditionalTable[k : k+2]
	case r == '\u2018' || r == '\u2019' || r == '\u02BC':
		return "'"
	case r == '\u201C' || r == '\u201D':
		return `"`
	case r >= '\u2010' && r <= '\u2014':
		return "-"
	default:
		return " "
	}
	switch {
	case pair[0] == ' ':
		return " "
	case pair[1] == ' ':
		return pair[:1]
	}
	return pair
}

// appendText appends free text s to dst as a safe X12 data element: at most
// max characters of printable ASCII in upper case, with no separator,
// no control character, no leading or trailing space and no run of spaces.
// Separators become spaces, so "SMITH*JONES" is written "SMITH JONES".
func appendText(dst []byte, s string, max int) []byte {
	start := len(dst)
	pendingSpace := false
	put := func(b byte) {
		if b == ' ' {
			pendingSpace = len(dst) > start
			return
		}
		if pendingSpace {
			dst = append(dst, ' ')
			pendingSpace = false
		}
		dst = append(dst, b)
	}
	for i := 0; i < len(s) && len(dst)-start < max; {
		b := s[i]
		if b < utf8.RuneSelf {
			i++
			switch {
			case b < ' ' || b == 0x7F || isDelimiter(b):
				put(' ')
			case b >= 'a' && b <= 'z':
				put(b - 'a' + 'A')
			default:
				put(b)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		for _, c := range []byte(asciiFor(r)) {
			put(c)
		}
	}
	if len(dst)-start > max {
		dst = dst[:start+max]
	}
	for len(dst) > start && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// cleanText is appendText returning a string; validation and tests use it.
func cleanText(s string, max int) string {
	return string(appendText(nil, s, max))
}

// hasText reports whether s keeps at least one visible character once
// cleaned, so a required name made only of separators or spaces is
// rejected instead of being written empty.
func hasText(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			b := byte(r)
			if b > ' ' && b != 0x7F && !isDelimiter(b) {
				return true
			}
			continue
		}
		if asciiFor(r) != " " {
			return true
		}
	}
	return false
}

// identifierProblem describes why s cannot be written unchanged as an
// identifier of minLen..maxLen characters, or returns "". Identifiers may
// use printable ASCII except the separators; they are never rewritten.
// IdentifierProblem says what is wrong with s as an X12 identifier of
// minLen to maxLen characters ("" when nothing is), in words that finish a
// sentence naming the field: "must not contain * : ^ or ~". Callers that
// keep ids for later files check them with it when they are saved.
func IdentifierProblem(s string, minLen, maxLen int) string {
	return identifierProblem(s, minLen, maxLen)
}

// PriorAuthorizationMax is the longest prior authorization number REF*G1
// carries (REF02, 1 to 50 characters).
const PriorAuthorizationMax = 50

// PriorAuthorizationProblem says what is wrong with a payer's
// authorization number for the claim file ("" when nothing is), in the
// words of IdentifierProblem: checked when the number is entered, so a
// saved authorization never makes a claim the writer refuses.
func PriorAuthorizationProblem(s string) string {
	return identifierProblem(s, 1, PriorAuthorizationMax)
}

func identifierProblem(s string, minLen, maxLen int) string {
	if s == "" {
		return "is required"
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < ' ' || b >= 0x7F {
			return "must contain only printable ASCII characters"
		}
		if isDelimiter(b) {
			return "must not contain * : ^ or ~"
		}
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return "must not start or end with a space"
	}
	if len(s) < minLen {
		return "must be at least " + strconv.Itoa(minLen) + " characters"
	}
	if len(s) > maxLen {
		return "must be at most " + strconv.Itoa(maxLen) + " characters"
	}
	return ""
}

// digitsOnly returns s without the punctuation people type in phone
// numbers, ZIP codes and tax ids, and whether everything else was a digit.
// PhoneDigits is a phone number as the writer puts it in a PER segment:
// its digits, with the usual punctuation dropped; false when it holds
// anything else. The writer wants exactly 10.
func PhoneDigits(s string) (string, bool) { return digitsOnly(s) }

func digitsOnly(s string) (string, bool) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b >= '0' && b <= '9':
			out = append(out, b)
		case b == '-' || b == ' ' || b == '(' || b == ')' || b == '.' || b == '+':
		default:
			return "", false
		}
	}
	return string(out), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isUpperAlnum(b byte) bool {
	return (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}
