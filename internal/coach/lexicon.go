package coach

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

//go:embed lexicon/default.tsv
var defaultLexiconTSV string

// Entry is one rule of a lexicon: what to look for and what to tell the peer.
//
// In the TSV form an entry is one line of nine tab-separated columns:
// id, category, severity, pattern, why, suggestion, source, flags, programs.
// Lines starting with "#" and blank lines are skipped; "-" stands for an
// empty flags or programs column.
type Entry struct {
	ID         string   `json:"id"`         // stable: agencies silence it, supervisors count it
	Category   Category `json:"category"`   // clinical, scope, judgment, name, jargon, noncovered
	Severity   Severity `json:"severity"`   // info, warn, block
	Pattern    string   `json:"pattern"`    // see phrase; "@fullname" for the name detector
	Why        string   `json:"why"`        // one plain sentence
	Suggestion string   `json:"suggestion"` // a peer-language rewrite or a question to ask
	Source     string   `json:"source"`     // seed document, rule pack or agency list
	// Flags narrow when a match counts, separated by spaces:
	//   negatable      a "not"/"never"/"didn't" just before cancels it
	//   self-report    fine when the participant (or the peer about their own
	//                  lived experience) is reported saying it
	//   actor          an act of the peer: cancelled when the sentence's
	//                  subject is the participant, family or a clinician
	//   !before=w,p*   cancelled by one of these words up to 6 words before
	//   !after=w,p*    ... up to 4 words after
	//   !inside=w,p*   ... among the matched words
	//   !sentence=w,p* ... anywhere in the sentence
	Flags string `json:"flags,omitempty"`
	// Programs limits the entry to payer rule packs; "!id" excludes one.
	// Empty means every program, including no program.
	Programs []string `json:"programs,omitempty"`
}

// Lexicon is a compiled, immutable set of entries. It is safe for
// concurrent use; build variants with With.
type Lexicon struct {
	entries    []Entry
	rules      []rule
	byID       map[string]int
	first      map[string][]phraseRef
	prefixes   map[string][]prefixRef     // by the prefix's first prefixKey bytes
	fullName   int                        // index of the @fullname rule, or -1
	silenced   map[string]bool            // rule ids silenced everywhere
	silencedIn map[string]map[string]bool // program -> silenced rule ids
}

type phraseRef struct {
	rule int
	ph   *phrase
}

// prefixRef is a phrase whose first word is a prefix ("refus*"). Such
// phrases are bucketed by the prefix's first bytes so a word costs one map
// lookup, whatever the number of prefix lengths.
type prefixRef struct {
	prefix string
	phraseRef
}

const prefixKey = 3

// rule is a compiled entry.
type rule struct {
	phrases                        []phrase
	negatable, selfReport, actor   bool
	notBefore, notAfter, notInside wordSet
	notSentence                    wordSet
	only, except                   []string // programs
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$`)

var defaultLexicon = sync.OnceValues(func() (*Lexicon, error) {
	return ParseLexicon(strings.NewReader(defaultLexiconTSV))
})

// DefaultLexicon returns the built-in lexicon (lexicon/default.tsv). It is
// compiled once and shared. It panics only if the embedded file is invalid,
// which the package tests rule out.
func DefaultLexicon() *Lexicon {
	lx, err := defaultLexicon()
	if err != nil {
		panic("coach: embedded lexicon: " + err.Error())
	}
	return lx
}

// ParseLexicon reads a lexicon in the TSV form described on Entry. A bad
// entry or a duplicate id is an error naming its line number.
func ParseLexicon(r io.Reader) (*Lexicon, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	var entries []Entry
	seen := map[string]int{}
	fullNameLine := 0
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		e, err := parseEntryLine(text)
		if err == nil {
			err = checkEntry(e)
		}
		if err == nil {
			if prev, dup := seen[e.ID]; dup {
				err = fmt.Errorf("duplicate id %q (first on line %d)", e.ID, prev)
			}
		}
		if err == nil && e.Pattern == fullNamePattern {
			if fullNameLine > 0 {
				err = fmt.Errorf("entry %s: %s is already used on line %d", e.ID, fullNamePattern, fullNameLine)
			}
			fullNameLine = line
		}
		if err != nil {
			return nil, fmt.Errorf("coach: lexicon line %d: %w", line, err)
		}
		seen[e.ID] = line
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("coach: reading lexicon after line %d: %w", line, err)
	}
	return build(entries, nil, nil)
}

func parseEntryLine(text string) (Entry, error) {
	cols := strings.Split(text, "\t")
	if len(cols) != 9 {
		return Entry{}, fmt.Errorf("want 9 tab-separated columns (id, category, severity, pattern, why, suggestion, source, flags, programs), got %d", len(cols))
	}
	for k := range cols {
		cols[k] = strings.TrimSpace(cols[k])
	}
	e := Entry{ID: cols[0], Category: Category(cols[1]), Severity: Severity(cols[2]),
		Pattern: cols[3], Why: cols[4], Suggestion: cols[5], Source: cols[6]}
	if cols[7] != "-" {
		e.Flags = cols[7]
	}
	if cols[8] != "-" && cols[8] != "" {
		for _, p := range strings.Split(cols[8], ",") {
			if p = strings.TrimSpace(p); p != "" {
				e.Programs = append(e.Programs, p)
			}
		}
	}
	return e, nil
}

// checkEntry validates everything but the pattern and flags, which
// compileRule checks.
func checkEntry(e Entry) error {
	switch {
	case !idPattern.MatchString(e.ID):
		return fmt.Errorf("id %q: use lowercase words joined by '.' or '-', e.g. judgment.refused", e.ID)
	case !e.Category.valid():
		return fmt.Errorf("entry %s: unknown category %q (want clinical, scope, judgment, name, jargon or noncovered)", e.ID, e.Category)
	case !e.Severity.valid():
		return fmt.Errorf("entry %s: unknown severity %q (want info, warn or block)", e.ID, e.Severity)
	case e.Why == "" || e.Suggestion == "" || e.Source == "":
		return fmt.Errorf("entry %s: why, suggestion and source must not be empty", e.ID)
	case (e.Pattern == fullNamePattern) != (e.Category == CategoryName):
		return fmt.Errorf("entry %s: the name category goes with pattern %s and only with it", e.ID, fullNamePattern)
	}
	_, err := compileRule(e)
	if err != nil {
		return fmt.Errorf("entry %s: %w", e.ID, err)
	}
	return nil
}

func compileRule(e Entry) (rule, error) {
	var r rule
	if e.Pattern != fullNamePattern {
		phs, err := compilePattern(e.Pattern)
		if err != nil {
			return r, err
		}
		r.phrases = phs
	}
	for _, f := range strings.Fields(e.Flags) {
		name, list, hasList := strings.Cut(f, "=")
		if hasList && list == "" {
			return r, fmt.Errorf("flag %q has an empty word list", f)
		}
		words := strings.Split(list, ",")
		switch {
		case name == "negatable" && !hasList:
			r.negatable = true
		case name == "self-report" && !hasList:
			r.selfReport = true
		case name == "actor" && !hasList:
			r.actor = true
		case name == "!before" && hasList:
			r.notBefore = newWordSet(words)
		case name == "!after" && hasList:
			r.notAfter = newWordSet(words)
		case name == "!inside" && hasList:
			r.notInside = newWordSet(words)
		case name == "!sentence" && hasList:
			r.notSentence = newWordSet(words)
		default:
			return r, fmt.Errorf("unknown flag %q (want negatable, self-report, actor, !before=, !after=, !inside=, !sentence=)", f)
		}
	}
	for _, p := range e.Programs {
		if ex, ok := strings.CutPrefix(p, "!"); ok {
			r.except = append(r.except, ex)
		} else {
			r.only = append(r.only, p)
		}
	}
	return r, nil
}

// build compiles entries into a lexicon and indexes phrases by first word.
func build(entries []Entry, silenced map[string]bool, silencedIn map[string]map[string]bool) (*Lexicon, error) {
	lx := &Lexicon{
		entries:    entries,
		rules:      make([]rule, len(entries)),
		byID:       make(map[string]int, len(entries)),
		first:      map[string][]phraseRef{},
		prefixes:   map[string][]prefixRef{},
		fullName:   -1,
		silenced:   silenced,
		silencedIn: silencedIn,
	}
	for k, e := range entries {
		r, err := compileRule(e)
		if err != nil {
			return nil, fmt.Errorf("coach: entry %s: %w", e.ID, err)
		}
		lx.rules[k] = r
		lx.byID[e.ID] = k
		if e.Pattern == fullNamePattern {
			if lx.fullName >= 0 {
				return nil, fmt.Errorf("coach: entry %s: only one entry may use %s", e.ID, fullNamePattern)
			}
			lx.fullName = k
		}
		for p := range lx.rules[k].phrases {
			ph := &lx.rules[k].phrases[p]
			words, prefixes := ph.firstKeys()
			for _, w := range words {
				lx.first[w] = append(lx.first[w], phraseRef{k, ph})
			}
			for _, pre := range prefixes {
				key := pre[:prefixKey]
				lx.prefixes[key] = append(lx.prefixes[key], prefixRef{pre, phraseRef{k, ph}})
			}
		}
	}
	return lx, nil
}

// Entries returns a copy of the lexicon's entries, in file order.
func (lx *Lexicon) Entries() []Entry {
	out := make([]Entry, len(lx.entries))
	copy(out, lx.entries)
	return out
}

// With returns a new lexicon with an agency's overrides: each added entry
// replaces the entry of the same id or is appended; each silence item is a
// rule id ("judgment.guess") silenced everywhere, or "id@program"
// ("judgment.guess@us-ny-omh-mhotrs-pss") silenced for that program only.
// An invalid entry or an unknown id to silence is an error and the
// receiver is left unchanged.
func (lx *Lexicon) With(add []Entry, silence []string) (*Lexicon, error) {
	entries := lx.Entries()
	index := make(map[string]int, len(entries))
	for k, e := range entries {
		index[e.ID] = k
	}
	for _, e := range add {
		if err := checkEntry(e); err != nil {
			return nil, fmt.Errorf("coach: added entry: %w", err)
		}
		if k, ok := index[e.ID]; ok {
			entries[k] = e
		} else {
			index[e.ID] = len(entries)
			entries = append(entries, e)
		}
	}
	silenced := map[string]bool{}
	for id := range lx.silenced {
		silenced[id] = true
	}
	silencedIn := map[string]map[string]bool{}
	for prog, ids := range lx.silencedIn {
		silencedIn[prog] = map[string]bool{}
		for id := range ids {
			silencedIn[prog][id] = true
		}
	}
	for _, s := range silence {
		id, prog, scoped := strings.Cut(strings.TrimSpace(s), "@")
		if _, ok := index[id]; !ok {
			return nil, fmt.Errorf("coach: cannot silence %q: no entry has id %q", s, id)
		}
		if !scoped {
			silenced[id] = true
			continue
		}
		if prog == "" {
			return nil, fmt.Errorf("coach: cannot silence %q: program after @ is empty", s)
		}
		if silencedIn[prog] == nil {
			silencedIn[prog] = map[string]bool{}
		}
		silencedIn[prog][id] = true
	}
	return build(entries, silenced, silencedIn)
}

// active reports whether rule k applies to a note of this program.
func (lx *Lexicon) active(k int, program string) bool {
	id := lx.entries[k].ID
	if lx.silenced[id] || lx.silencedIn[program][id] {
		return false
	}
	r := &lx.rules[k]
	for _, p := range r.except {
		if p == program {
			return false
		}
	}
	if len(r.only) == 0 {
		return true
	}
	for _, p := range r.only {
		if p == program {
			return true
		}
	}
	return false
}
