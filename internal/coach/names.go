package coach

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The suggestions the coach composes for a full name, as English formats
// (a reader's printer translates them, keeping the role words, which are
// the words the note is written in): the role near the name, or the
// entry's own suggestion and the participant's known supports.
const (
	SuggestRole          = `Write "the participant's %s" instead of the name.`
	SuggestKnownSupports = "%s Known supports: %s."
)

func anyArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// findFullNames flags a person's first and last name. Peers refer to family,
// friends and others by role (Medi-Cal guide §6), but a note is full of
// capitalized words that are not people: sentence starts, days and months,
// places ("Main Street", "Grace Church"), programs ("Narcotics Anonymous")
// and providers named by title ("Dr. Anita Patel"). A run of two or three
// Capitalized words counts as a name when
//   - its first word is a common first name, or
//   - a role word is near ("her friend Ashley Brown", "…, her father"), or
//   - it sits mid-sentence and not after a place word such as "at" or "to".
//
// A run holding a place word, or after a provider title, or followed by a
// staff credential ("Maria Lopez, CPSS") is not flagged. Names inside
// quotation marks are still flagged: privacy does not depend on who spoke.
func findFullNames(tz *tokenized, cs *cues, lx *Lexicon, relationships []string, out []Finding) []Finding {
	e := &lx.entries[lx.fullName]
	toks := tz.toks
	for i := 0; i < len(toks); {
		if !toks[i].capital {
			i++
			continue
		}
		j := i + 1 // run is toks[i:j]
		for j < len(toks) && toks[j].sent == toks[i].sent && joinsRun(tz, cs, j) {
			j++
		}
		if a, b, ok := personRun(tz, cs, i, j, relationships); ok {
			start, end := toks[a].start, toks[b-1].end
			f := Finding{Category: e.Category, Start: start, End: end, Words: tz.text[start:end],
				Why: e.Why, Suggestion: e.Suggestion, Source: e.Source, Severity: e.Severity, RuleID: e.ID}
			if role := roleNear(tz, cs, a, b, relationships); role != "" {
				f.SuggestionFormat, f.SuggestionArgs = SuggestRole, []string{role}
			} else if len(relationships) > 0 {
				f.SuggestionFormat, f.SuggestionArgs = SuggestKnownSupports, []string{e.Suggestion, strings.Join(relationships, ", ")}
			}
			if f.SuggestionFormat != "" {
				f.Suggestion = fmt.Sprintf(f.SuggestionFormat, anyArgs(f.SuggestionArgs)...)
			}
			out = append(out, f)
		}
		i = j
	}
	return out
}

// joinsRun reports whether token j continues a run of capitalized words:
// it is capitalized and only spaces or a hyphen separate it from the
// previous one, or the previous one is a middle initial ("John Q. Public")
// or a title ("Dr. Anita Rao").
func joinsRun(tz *tokenized, cs *cues, j int) bool {
	t, prev := &tz.toks[j], &tz.toks[j-1]
	if !t.capital && !isInitial(tz, j) {
		return false
	}
	if t.plainGap {
		return true
	}
	if !prev.period || tz.text[prev.end:t.start] != ". " {
		return false
	}
	w := tz.word(j - 1)
	return isInitial(tz, j-1) || cs.titleProvider.has(w) || cs.titlePerson.has(w)
}

func isInitial(tz *tokenized, k int) bool {
	raw := tz.raw(k)
	if len(raw) != 1 || !tz.toks[k].period {
		return false
	}
	return raw[0] >= 'A' && raw[0] <= 'Z'
}

// personRun decides whether toks[i:j] holds a person's full name and
// returns the name's token range.
func personRun(tz *tokenized, cs *cues, i, j int, relationships []string) (int, int, bool) {
	afterPlacePrep := i > 0 && tz.toks[i-1].sent == tz.toks[i].sent && tz.toks[i].plainGap && cs.placePrep.has(tz.word(i-1))
	for k := i; k < j; k++ {
		w := tz.word(k)
		if !cs.place.has(w) {
			continue
		}
		// "Marcus Hill" is a person, "Nob Hill" and "at Martin Park" are places.
		if k == i || !cs.surname.has(w) || !cs.firstName.has(tz.word(k-1)) || afterPlacePrep {
			return 0, 0, false
		}
	}
	a := i
	// Leading words: titles and capitalized non-names ("Participant",
	// "Monday") are dropped; a provider title makes the run a provider.
	for a < j {
		w := tz.word(a)
		if cs.titleProvider.has(w) {
			return 0, 0, false
		}
		if cs.titlePerson.has(w) || cs.notName.has(w) {
			a++
			continue
		}
		if a == i && tz.toks[a].sentStart && !cs.firstName.has(w) {
			a++ // "Called Robert Smith": a sentence start is usually no name
			continue
		}
		break
	}
	for k := a; k < j; k++ {
		if cs.notName.has(tz.word(k)) {
			return 0, 0, false
		}
	}
	n := j - a
	if n < 2 || n > 3 || isInitial(tz, a) || isInitial(tz, j-1) {
		return 0, 0, false
	}
	for k := a; k < j; k++ {
		if !isInitial(tz, k) && utf8.RuneCountInString(tz.word(k)) < 2 {
			return 0, 0, false
		}
	}
	if credentialAfter(tz, cs, j) {
		return 0, 0, false
	}
	if cs.firstName.has(tz.word(a)) || roleNear(tz, cs, a, j, relationships) != "" {
		return a, j, true
	}
	if a == i && tz.toks[a].sentStart {
		return 0, 0, false
	}
	if a > 0 && tz.toks[a-1].sent == tz.toks[a].sent && tz.toks[a].plainGap && cs.placePrep.has(tz.word(a-1)) {
		return 0, 0, false
	}
	return a, j, true
}

// credentialAfter: "Maria Lopez, CPSS" is staff signing, not a participant's contact.
func credentialAfter(tz *tokenized, cs *cues, j int) bool {
	return j < len(tz.toks) && cs.credential.has(tz.word(j)) && tz.toks[j].sent == tz.toks[j-1].sent
}

// roleNear returns a role word ("father", "case worker") within four words
// before the name or just after it, or "" when there is none.
func roleNear(tz *tokenized, cs *cues, a, j int, relationships []string) string {
	isRole := func(k int) bool {
		w := strings.TrimSuffix(tz.word(k), "'s")
		if cs.relationship.has(w) {
			return true
		}
		for _, r := range relationships {
			if strings.EqualFold(r, w) {
				return true
			}
		}
		return false
	}
	s := tz.toks[a].sent
	for k := a - 1; k >= 0 && k >= a-4 && tz.toks[k].sent == s; k-- {
		if isRole(k) {
			return roleWords(tz, k)
		}
	}
	for k := j; k < len(tz.toks) && k < j+3 && tz.toks[k].sent == s; k++ {
		if isRole(k) {
			return roleWords(tz, k)
		}
	}
	return ""
}

// roleWords keeps two-word roles whole ("case worker", "probation officer").
func roleWords(tz *tokenized, k int) string {
	w := strings.TrimSuffix(tz.word(k), "'s")
	if k > 0 && tz.toks[k].plainGap && tz.toks[k-1].sent == tz.toks[k].sent {
		switch p := tz.word(k - 1); p {
		case "case", "probation", "parole", "social", "step":
			return p + " " + w
		}
	}
	return w
}
