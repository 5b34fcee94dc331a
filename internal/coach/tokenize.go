package coach

import (
	"unicode"
	"unicode/utf8"
)

// token is one word of a note. Matching works on tokens rather than on
// raw text so that whitespace, case and curly apostrophes never matter and
// every finding falls on word boundaries.
type token struct {
	start, end int // byte span in the note text
	ns, ne     int // span of the normalized form in the shared lowercase buffer
	sent       int // sentence index; quotes open and close their own sentences

	quoted    bool // inside quotation marks: the participant's own voice
	sentStart bool // first word of a sentence or of a quotation
	capital   bool // Capitalized (first letter upper, some lower): a name candidate
	period    bool // immediately followed by '.', e.g. "Dr."
	plainGap  bool // only spaces or a hyphen separate it from the previous token
}

// tokenized is a note split into tokens; norm holds every token's lowercase
// form back to back so a lookup key is a substring, not a fresh allocation.
type tokenized struct {
	text string
	norm string
	toks []token
}

func (tz *tokenized) word(i int) string { t := &tz.toks[i]; return tz.norm[t.ns:t.ne] }
func (tz *tokenized) raw(i int) string  { t := &tz.toks[i]; return tz.text[t.start:t.end] }

// abbreviations whose trailing period does not end a sentence.
var noStopAbbrev = map[string]bool{
	"dr": true, "mr": true, "mrs": true, "ms": true, "st": true, "jr": true, "sr": true,
	"vs": true, "etc": true, "approx": true, "appt": true, "apt": true, "ave": true,
}

// ASCII classes, so the common case skips the unicode tables.
const (
	asciiWord = 1 << iota
	asciiDigit
	asciiUpper
	asciiLower
)

var asciiClass = func() (t [128]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = asciiWord | asciiDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = asciiWord | asciiLower
		t[c-'a'+'A'] = asciiWord | asciiUpper
	}
	return t
}()

// decode is utf8.DecodeRuneInString with an ASCII shortcut.
func decode(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&asciiWord != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&asciiDigit != 0
	}
	return unicode.IsDigit(r)
}

// appendLower appends r lowercased and reports whether r was upper and lower case.
func appendLower(buf []byte, r rune) ([]byte, bool, bool) {
	if r < utf8.RuneSelf {
		c := asciiClass[r]
		if c&asciiUpper != 0 {
			return append(buf, byte(r)+'a'-'A'), true, false
		}
		return append(buf, byte(r)), false, c&asciiLower != 0
	}
	return utf8.AppendRune(buf, unicode.ToLower(r)), unicode.IsUpper(r), unicode.IsLower(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// tokenize splits text into tokens. Rules that matter for the lexicon:
// hyphens separate words ("non-compliant" is "non" "compliant"); letters and
// digits separate ("2wks" is "2" "wks"); a slash joins a short word to the
// next ("c/o", "SI/HI", "w/", "w/o") but not two long ones
// ("counseling/therapy"); straight and curly double quotes, and curly single
// quotes, mark the participant's own words. An unclosed quote ends at the
// line end so a stray mark cannot hide the rest of a note.
func tokenize(text string, buf []byte, toks []token) tokenized {
	buf = buf[:0]
	toks = toks[:0]
	sent := 0
	sentStart := true
	quoted := false
	var closer rune
	plain := true
	newSentence := func() {
		if !sentStart {
			sent++
		}
		sentStart = true
	}
	i := 0
	for i < len(text) {
		if text[i] == ' ' {
			i++
			continue
		}
		r, size := decode(text[i:])
		switch {
		case isWordRune(r):
			start := i
			ns := len(buf)
			letters, slash := 0, false
			digit := isDigit(r)
			hasLower, firstUpper := false, false
			for i < len(text) {
				if c := text[i]; c < utf8.RuneSelf && asciiClass[c]&asciiWord != 0 {
					// ASCII letters and digits: the hot path, no rune decoding.
					cls := asciiClass[c]
					d := cls&asciiDigit != 0
					if letters > 0 && d != digit {
						break
					}
					digit = d
					if cls&asciiUpper != 0 {
						c += 'a' - 'A'
						firstUpper = firstUpper || i == start
					} else if cls&asciiLower != 0 {
						hasLower = true
					}
					buf = append(buf, c)
					letters++
					i++
					continue
				}
				r, size = decode(text[i:])
				if isWordRune(r) {
					d := isDigit(r)
					if letters > 0 && d != digit {
						break // letter/digit change starts a new token
					}
					digit = d
					var up, low bool
					buf, up, low = appendLower(buf, r)
					if i == start {
						firstUpper = up
					}
					hasLower = hasLower || low
					letters++
					i += size
					continue
				}
				if isApostrophe(r) && letters > 0 && i+size < len(text) {
					if n, _ := decode(text[i+size:]); unicode.IsLetter(n) {
						buf = append(buf, '\'')
						i += size
						continue
					}
				}
				if r == '/' && !slash && letters > 0 && letters <= 3 && !digit {
					slash = true
					buf = append(buf, '/')
					i += size
					letters = 0
					continue
				}
				break
			}
			t := token{start: start, end: i, ns: ns, ne: len(buf), sent: sent,
				quoted: quoted, sentStart: sentStart, plainGap: plain,
				capital: firstUpper && hasLower}
			if i < len(text) && text[i] == '.' {
				t.period = true
			}
			toks = append(toks, t)
			sentStart = false
			plain = true
			continue
		case r == '"':
			if quoted && closer == '"' {
				quoted = false
			} else if !quoted {
				quoted, closer = true, '"'
			}
			newSentence()
		case r == '\u201c' || r == '\u00ab': // “ «
			if !quoted {
				quoted = true
				closer = '\u201d'
				if r == '\u00ab' {
					closer = '\u00bb'
				}
			}
			newSentence()
		case r == '\u201d' || r == '\u00bb': // ” »
			if quoted && closer == r {
				quoted = false
			}
			newSentence()
		case r == '\u2018' && !quoted: // ‘ opens a single-quoted passage
			quoted, closer = true, '\u2019'
			newSentence()
		case r == '\u2019' && quoted && closer == '\u2019':
			quoted = false
			newSentence()
		case r == '\n' || r == '\r':
			if quoted {
				quoted = false
			}
			newSentence()
		case r == '!' || r == '?' || r == ';' || r == ':':
			newSentence()
		case r == '.':
			n := len(toks)
			if n == 0 || !abbrevPeriod(buf, toks[n-1], i) {
				newSentence()
			}
		case unicode.IsSpace(r):
			// spaces keep the gap plain
			i += size
			continue
		case r == '-' || r == '\u2010' || r == '\u2011':
			i += size
			continue
		}
		plain = false
		i += size
	}
	return tokenized{text: text, norm: string(buf), toks: toks}
}

// abbrevPeriod reports whether a period right after tok is part of an
// abbreviation ("Dr.", a middle initial "J.") rather than a sentence end.
func abbrevPeriod(buf []byte, tok token, at int) bool {
	if tok.end != at {
		return false
	}
	w := buf[tok.ns:tok.ne]
	if utf8.RuneCount(w) == 1 {
		return true
	}
	return noStopAbbrev[string(w)]
}
