// Package coach is the language and scope coach: it reads a peer's service
// note as it is typed and flags what a peer note should not contain, the
// way a good supervisor would — clinical words, acts outside the peer
// scope, judgments, full names of other people, chart abbreviations and
// activities a payer does not cover.
//
// The coach is pure: no database, no network, standard library only. Its
// word lists and phrases are data (lexicon/default.tsv, lexicon/cues.tsv)
// so an agency can add, reword or silence rules without a rebuild.
//
// Precision matters as much as recall: a coach that nags gets switched
// off. So the participant's own words in quotation marks are never judged
// as the peer's language, what the participant is reported to have said
// about themselves is theirs, acts done by someone else than the peer are
// not the peer's scope, and names are only flagged when they look like a
// person's first and last name.
package coach

import (
	"slices"
	"strings"
	"sync"
)

// Category groups findings the way a supervisor explains them.
type Category string

// The categories of findings.
const (
	CategoryClinical   Category = "clinical"   // diagnoses, symptoms, mental-status and compliance words
	CategoryScope      Category = "scope"      // acts reserved for licensed staff
	CategoryJudgment   Category = "judgment"   // opinions, guesses, labels
	CategoryName       Category = "name"       // full names of family, friends or others
	CategoryJargon     Category = "jargon"     // abbreviations a reader may not know
	CategoryNoncovered Category = "noncovered" // activities a payer does not pay for
)

func (c Category) valid() bool {
	switch c {
	case CategoryClinical, CategoryScope, CategoryJudgment, CategoryName, CategoryJargon, CategoryNoncovered:
		return true
	}
	return false
}

// Severity says how strongly the coach objects.
type Severity string

// The severities, from mildest.
const (
	SeverityInfo  Severity = "info"  // worth a second look
	SeverityWarn  Severity = "warn"  // a supervisor would ask for a rewrite
	SeverityBlock Severity = "block" // outside the peer role; fix before signing
)

func (s Severity) valid() bool { return s.rank() > 0 }

func (s Severity) rank() int {
	switch s {
	case SeverityInfo:
		return 1
	case SeverityWarn:
		return 2
	case SeverityBlock:
		return 3
	}
	return 0
}

// Context is what the coach may know about the note besides its text.
// Every field is optional.
type Context struct {
	// Program is the payer rule pack id, e.g. "us-nc-medicaid-8g-pss";
	// entries limited to other programs do not apply. Empty means none.
	Program string
	// Relationships are the participant's known natural supports by role
	// ("sister", "sponsor"): they help spot and rephrase full names.
	Relationships []string
	// Lexicon replaces the built-in DefaultLexicon when not nil.
	Lexicon *Lexicon
}

// Finding is one flagged stretch of a note. Start and End are byte
// offsets into the text given to CoachText, and text[Start:End] == Words.
type Finding struct {
	Category   Category `json:"category"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
	Words      string   `json:"words"`
	Why        string   `json:"why"`
	Suggestion string   `json:"suggestion"`
	Source     string   `json:"source"`
	Severity   Severity `json:"severity"`
	RuleID     string   `json:"rule_id"`
	// Rewrites are the one-tap fixes that keep the sentence grammatical
	// (lexicon/rewrites.tsv); none when no rewrite fits the words around.
	Rewrites []Rewrite `json:"rewrites,omitempty"`
	// SuggestionFormat and SuggestionArgs are how the coach composed
	// Suggestion when it did (SuggestRole, SuggestKnownSupports), so a
	// reader's printer can translate it; empty when Suggestion is the
	// entry's own sentence.
	SuggestionFormat string   `json:"-"`
	SuggestionArgs   []string `json:"-"`
}

// scratch holds per-call buffers so a call allocates little.
type scratch struct {
	buf  []byte
	toks []token
}

var scratchPool = sync.Pool{New: func() any { return &scratch{buf: make([]byte, 0, 2048), toks: make([]token, 0, 400)} }}

// CoachText returns the findings for a note, sorted by Start (then End and
// RuleID). It returns nil when there is nothing to say. Where two findings
// of one category overlap only the stronger (then longer) one is kept. It
// is safe for concurrent use and never panics on any input.
func CoachText(text string, c Context) []Finding {
	lx := c.Lexicon
	if lx == nil {
		lx = DefaultLexicon()
	}
	sc := scratchPool.Get().(*scratch)
	tz := tokenize(text, sc.buf, sc.toks)
	cs := defaultCues()
	var out []Finding
	for i := range tz.toks {
		w := tz.word(i)
		out = lx.tryAll(&tz, cs, c.Program, w, i, out)
		if base, ok := strings.CutSuffix(w, "'s"); ok && base != "" {
			out = lx.tryAll(&tz, cs, c.Program, base, i, out) // "the addict's family"
		}
	}
	if lx.fullName >= 0 && lx.active(lx.fullName, c.Program) {
		out = findFullNames(&tz, cs, lx, c.Relationships, out)
	}
	out = tidy(out)
	for k := range out {
		if out[k].Rewrites == nil {
			rewritesFor(&tz, &out[k])
		}
	}
	sc.buf, sc.toks = sc.buf[:0], tz.toks[:0]
	scratchPool.Put(sc)
	return out
}

// tryAll tries every phrase whose first word is w (or starts like it) at token i.
func (lx *Lexicon) tryAll(tz *tokenized, cs *cues, program, w string, i int, out []Finding) []Finding {
	for _, ref := range lx.first[w] {
		out = lx.try(tz, cs, program, ref, i, out)
	}
	if len(w) >= prefixKey {
		for _, ref := range lx.prefixes[w[:prefixKey]] {
			if strings.HasPrefix(w, ref.prefix) {
				out = lx.try(tz, cs, program, ref.phraseRef, i, out)
			}
		}
	}
	return out
}

// try matches one indexed phrase at token i and, when it holds in context,
// appends its finding.
func (lx *Lexicon) try(tz *tokenized, cs *cues, program string, ref phraseRef, i int, out []Finding) []Finding {
	if tz.toks[i].quoted {
		return out // the participant's own words
	}
	last := ref.ph.match(tz, i)
	if last < 0 || !lx.active(ref.rule, program) {
		return out
	}
	if !lx.rules[ref.rule].holds(tz, cs, i, last) {
		return out
	}
	e := &lx.entries[ref.rule]
	start, end := tz.toks[i].start, tz.toks[last].end
	return append(out, Finding{Category: e.Category, Start: start, End: end, Words: tz.text[start:end],
		Why: e.Why, Suggestion: e.Suggestion, Source: e.Source, Severity: e.Severity, RuleID: e.ID})
}

// tidy sorts findings and drops those that overlap a stronger finding of
// the same category, so one phrase is explained once.
func tidy(out []Finding) []Finding {
	if len(out) == 0 {
		return nil
	}
	slices.SortFunc(out, func(a, b Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return b.End - a.End
		}
		return strings.Compare(a.RuleID, b.RuleID)
	})
	kept := out[:0]
	for _, f := range out {
		drop := false
		for k := range kept {
			g := &kept[k]
			if g.Category != f.Category || g.End <= f.Start || f.End <= g.Start {
				continue
			}
			if stronger(f, *g) {
				*g = f
			}
			drop = true
			break
		}
		if !drop {
			kept = append(kept, f)
		}
	}
	slices.SortStableFunc(kept, func(a, b Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return strings.Compare(a.RuleID, b.RuleID)
	})
	return kept
}

func stronger(a, b Finding) bool {
	if a.Severity.rank() != b.Severity.rank() {
		return a.Severity.rank() > b.Severity.rank()
	}
	return a.End-a.Start > b.End-b.Start
}
