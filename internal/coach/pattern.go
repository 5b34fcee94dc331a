package coach

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// A pattern is the Pattern column of a lexicon entry: one or more phrases
// separated by ";". A phrase is a list of slots separated by spaces:
//
//	word        a word, matched case-insensitively, also in its possessive
//	            form ("addict's"); "non-compliant" is two words
//	word*       any word starting with "word"
//	{a|b*|c}    one of several single words
//	word? {a|b}? an optional word
//	... / ...N  up to 4 (or N, at most 10) other words of the same sentence
//
// A phrase that starts with "=" matches case-sensitively ("=SI" is the
// abbreviation, never the Spanish word "si"). The pattern "@fullname" names
// the built-in full-name detector instead of a phrase.
type phrase struct {
	slots     []slot
	exactCase bool
}

type slot struct {
	words    []string
	prefixes []string
	optional bool
	gap      int // > 0: this slot skips up to gap tokens
}

const fullNamePattern = "@fullname"

// compilePattern parses a pattern into phrases.
func compilePattern(p string) ([]phrase, error) {
	if strings.TrimSpace(p) == "" {
		return nil, errors.New("empty pattern")
	}
	var out []phrase
	for _, alt := range strings.Split(p, ";") {
		alt = strings.TrimSpace(alt)
		if alt == "" {
			return nil, fmt.Errorf("empty phrase in pattern %q", p)
		}
		ph, err := compilePhrase(alt)
		if err != nil {
			return nil, fmt.Errorf("phrase %q: %w", alt, err)
		}
		out = append(out, ph)
	}
	return out, nil
}

func compilePhrase(alt string) (phrase, error) {
	var ph phrase
	if strings.HasPrefix(alt, "=") {
		ph.exactCase = true
		alt = strings.TrimSpace(alt[1:])
	}
	if strings.HasPrefix(alt, "@") {
		return ph, fmt.Errorf("%q can only be a whole pattern", alt)
	}
	for _, f := range strings.Fields(alt) {
		if strings.HasPrefix(f, "...") {
			n := 4
			if rest := f[3:]; rest != "" {
				v, err := strconv.Atoi(rest)
				if err != nil || v < 1 || v > 10 {
					return ph, fmt.Errorf("gap %q: want ... or ...N with N from 1 to 10", f)
				}
				n = v
			}
			ph.slots = append(ph.slots, slot{gap: n})
			continue
		}
		optional := strings.HasSuffix(f, "?")
		f = strings.TrimSuffix(f, "?")
		if strings.HasPrefix(f, "{") {
			if !strings.HasSuffix(f, "}") {
				return ph, fmt.Errorf("unclosed %q", f)
			}
			var s slot
			for _, w := range strings.Split(f[1:len(f)-1], "|") {
				if err := s.add(w, ph.exactCase); err != nil {
					return ph, err
				}
			}
			s.optional = optional
			ph.slots = append(ph.slots, s)
			continue
		}
		if strings.ContainsAny(f, "{}|") {
			return ph, fmt.Errorf("stray brace or bar in %q", f)
		}
		// A plain word may be several tokens ("non-compliant"); only the
		// last may carry "*" and only a single token may be optional.
		star := strings.HasSuffix(f, "*")
		parts := splitWord(strings.TrimSuffix(f, "*"), ph.exactCase)
		if len(parts) == 0 {
			return ph, fmt.Errorf("%q holds no word", f)
		}
		if optional && len(parts) > 1 {
			return ph, fmt.Errorf("%q: only a single word can be optional", f)
		}
		for k, w := range parts {
			var s slot
			if star && k == len(parts)-1 {
				if len(w) < prefixKey {
					return ph, fmt.Errorf("prefix %q: give at least %d letters before *", f, prefixKey)
				}
				s.prefixes = []string{w}
			} else {
				s.words = []string{w}
			}
			s.optional = optional
			ph.slots = append(ph.slots, s)
		}
	}
	if len(ph.slots) == 0 {
		return ph, errors.New("no words")
	}
	first, last := ph.slots[0], ph.slots[len(ph.slots)-1]
	if first.gap > 0 || first.optional {
		return ph, errors.New("the first word cannot be optional or a gap")
	}
	if last.gap > 0 {
		return ph, errors.New("a phrase cannot end with a gap")
	}
	for k := 1; k < len(ph.slots); k++ {
		if ph.slots[k].gap > 0 && ph.slots[k-1].gap > 0 {
			return ph, errors.New("two gaps in a row")
		}
	}
	return ph, nil
}

// add puts one brace alternative into the slot.
func (s *slot) add(w string, exact bool) error {
	star := strings.HasSuffix(w, "*")
	parts := splitWord(strings.TrimSuffix(w, "*"), exact)
	if len(parts) != 1 {
		return fmt.Errorf("alternative %q must be exactly one word", w)
	}
	if star {
		if len(parts[0]) < prefixKey {
			return fmt.Errorf("prefix %q: give at least %d letters before *", w, prefixKey)
		}
		s.prefixes = append(s.prefixes, parts[0])
	} else {
		s.words = append(s.words, parts[0])
	}
	return nil
}

// splitWord runs the note tokenizer over a pattern word, so patterns and
// notes agree on what a word is; exact-case words keep their spelling.
func splitWord(w string, exact bool) []string {
	tz := tokenize(w, nil, nil)
	out := make([]string, 0, len(tz.toks))
	for k := range tz.toks {
		if exact {
			out = append(out, tz.raw(k))
		} else {
			out = append(out, tz.word(k))
		}
	}
	return out
}

// firstKeys returns the lowercase index keys of a phrase's first slot.
func (ph *phrase) firstKeys() (words, prefixes []string) {
	s := ph.slots[0]
	for _, w := range s.words {
		words = append(words, strings.ToLower(w))
	}
	for _, p := range s.prefixes {
		prefixes = append(prefixes, strings.ToLower(p))
	}
	return words, prefixes
}

func (s *slot) has(w string) bool {
	for _, x := range s.words {
		if x == w {
			return true
		}
	}
	for _, p := range s.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// match tries the phrase at token i and returns the index of its last
// token, or -1. All tokens lie in token i's sentence. Optional words are
// tried present first, gaps shortest first, so a match ends as early as
// the phrase allows.
func (ph *phrase) match(tz *tokenized, i int) int {
	return ph.matchFrom(tz, 0, i, tz.toks[i].sent, i-1)
}

func (ph *phrase) matchFrom(tz *tokenized, si, k, sent, last int) int {
	if si == len(ph.slots) {
		return last
	}
	s := &ph.slots[si]
	if s.gap > 0 {
		for n := 0; n <= s.gap; n++ {
			if n > 0 && (k+n-1 >= len(tz.toks) || tz.toks[k+n-1].sent != sent) {
				break
			}
			if end := ph.matchFrom(tz, si+1, k+n, sent, last); end >= 0 {
				return end
			}
		}
		return -1
	}
	if k < len(tz.toks) && tz.toks[k].sent == sent {
		w := tz.word(k)
		if ph.exactCase {
			w = tz.raw(k)
		}
		// A possessive matches its word: "the BHT's offer" holds "bht".
		if s.has(w) || (!ph.exactCase && len(w) > 2 && strings.HasSuffix(w, "'s") && s.has(w[:len(w)-2])) {
			if end := ph.matchFrom(tz, si+1, k+1, sent, k); end >= 0 {
				return end
			}
		}
	}
	if s.optional {
		return ph.matchFrom(tz, si+1, k, sent, last)
	}
	return -1
}

// wordSet is a list of words and word prefixes ("practic*") used by the
// context flags of an entry and by the cue lists.
type wordSet struct {
	words    map[string]bool
	prefixes []string
}

func newWordSet(items []string) wordSet {
	ws := wordSet{words: map[string]bool{}}
	for _, it := range items {
		it = strings.ToLower(strings.TrimSpace(it))
		if it == "" {
			continue
		}
		if strings.HasSuffix(it, "*") {
			ws.prefixes = append(ws.prefixes, strings.TrimSuffix(it, "*"))
		} else {
			ws.words[it] = true
		}
	}
	return ws
}

func (ws *wordSet) has(w string) bool {
	if ws.words[w] {
		return true
	}
	for _, p := range ws.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

func (ws *wordSet) empty() bool { return len(ws.words) == 0 && len(ws.prefixes) == 0 }
