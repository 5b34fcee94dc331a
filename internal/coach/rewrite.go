package coach

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed lexicon/rewrites.tsv
var defaultRewritesTSV string

// Rewrite is a fix a peer can apply with one tap: text[Start:End] (byte
// offsets into the coached text) replaced by Text. It is offered only where
// a rewrite line of the rule fits the words around the finding, so the
// sentence stays grammatical: "refused to call" becomes "declined to call",
// never "decided not to to call".
type Rewrite struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// rewriteLine is one line of lexicon/rewrites.tsv: for rule, the words
// that must stand at the finding (slots), what must or must not follow
// them (next, notNext), and the replacements.
type rewriteLine struct {
	rule    string
	slots   []rewriteSlot
	next    wordSet // the word after must be one of these
	notNext wordSet // the word after must not be one of these
	with    []string
}

// rewriteSlot is one word of a rewrite line: a literal or a choice, or a
// capture ($1…$9) that the replacement repeats as it was typed.
type rewriteSlot struct {
	words   wordSet // empty: any word
	capture int     // 0: none
}

// ParseRewrites reads rewrite lines, one a line of three tab-separated
// columns: rule id, words, replacements separated by " | ". Words are
// separated by spaces; each is a word, {a|b} (one of several), $1…$9 (any
// word, repeated in the replacement as typed) or $1{a|b}; a last slot in
// square brackets is what must follow without being replaced: [to] or
// [!to|the] (must not follow; the end of the sentence counts as no word).
// Errors name the line.
func ParseRewrites(r io.Reader) (map[string][]rewriteLine, error) {
	out := map[string][]rewriteLine{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 3 {
			return nil, fmt.Errorf("coach: rewrites line %d: want rule, words, replacements (tab-separated), got %d columns", n, len(cols))
		}
		l, err := parseRewriteLine(strings.TrimSpace(cols[0]), strings.TrimSpace(cols[1]), strings.TrimSpace(cols[2]))
		if err != nil {
			return nil, fmt.Errorf("coach: rewrites line %d: %w", n, err)
		}
		out[l.rule] = append(out[l.rule], l)
	}
	return out, sc.Err()
}

func parseRewriteLine(rule, words, with string) (rewriteLine, error) {
	l := rewriteLine{rule: rule}
	if !idPattern.MatchString(rule) {
		return l, fmt.Errorf("rule id %q", rule)
	}
	fields := strings.Fields(strings.ToLower(words))
	if last := len(fields) - 1; last >= 0 && strings.HasPrefix(fields[last], "[") && strings.HasSuffix(fields[last], "]") {
		inner := strings.Trim(fields[last], "[]")
		if neg, ok := strings.CutPrefix(inner, "!"); ok {
			l.notNext = newWordSet(strings.Split(neg, "|"))
		} else {
			l.next = newWordSet(strings.Split(inner, "|"))
		}
		fields = fields[:last]
	}
	if len(fields) == 0 {
		return l, fmt.Errorf("no words to replace")
	}
	captures := map[int]bool{}
	for _, f := range fields {
		var s rewriteSlot
		if f[0] == '$' && len(f) >= 2 && f[1] >= '1' && f[1] <= '9' {
			s.capture = int(f[1] - '0')
			captures[s.capture] = true
			f = f[2:]
		}
		if f != "" {
			f = strings.TrimSuffix(strings.TrimPrefix(f, "{"), "}")
			s.words = newWordSet(strings.Split(f, "|"))
		}
		l.slots = append(l.slots, s)
	}
	for _, w := range strings.Split(with, "|") {
		w = strings.TrimSpace(w)
		if w == "" {
			return l, fmt.Errorf("an empty replacement")
		}
		for i := 1; i <= 9; i++ {
			if strings.Contains(w, "$"+strconv.Itoa(i)) && !captures[i] {
				return l, fmt.Errorf("replacement %q uses $%d, which the words do not capture", w, i)
			}
		}
		l.with = append(l.with, w)
	}
	return l, nil
}

var defaultRewrites = sync.OnceValues(func() (map[string][]rewriteLine, error) {
	return ParseRewrites(strings.NewReader(defaultRewritesTSV))
})

// rewritesFor fills f.Rewrites from the first rewrite line of its rule
// that fits the tokens at the finding and covers all its words.
func rewritesFor(tz *tokenized, f *Finding) {
	all, err := defaultRewrites()
	if err != nil {
		panic("coach: embedded rewrites: " + err.Error())
	}
	lines := all[f.RuleID]
	if len(lines) == 0 {
		return
	}
	first := -1
	for i := range tz.toks {
		if tz.toks[i].start == f.Start {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	for _, l := range lines {
		last, caps, ok := l.match(tz, first)
		if !ok || tz.toks[last].end < f.End {
			continue
		}
		start, end := tz.toks[first].start, tz.toks[last].end
		for _, w := range l.with {
			for i, c := range caps {
				if c != "" {
					w = strings.ReplaceAll(w, "$"+strconv.Itoa(i), c)
				}
			}
			f.Rewrites = append(f.Rewrites, Rewrite{Start: start, End: end, Text: sameCase(tz.text[start:end], w)})
		}
		return
	}
}

// match reports whether the line's words stand at token i (in one
// sentence, outside quotations), the last token they take and the words
// captured.
func (l *rewriteLine) match(tz *tokenized, i int) (int, [10]string, bool) {
	var caps [10]string
	sent := tz.toks[i].sent
	k := i
	for _, s := range l.slots {
		if k >= len(tz.toks) || tz.toks[k].sent != sent || tz.toks[k].quoted || (k > i && !tz.toks[k].plainGap) {
			return 0, caps, false
		}
		if !s.words.empty() && !s.words.has(tz.word(k)) {
			return 0, caps, false
		}
		if s.capture > 0 {
			caps[s.capture] = tz.raw(k)
		}
		k++
	}
	last := k - 1
	var next string
	// Only a word right after counts: a comma or a full stop ends what may
	// follow ("he refused, to be fair" is not "refused to").
	if k < len(tz.toks) && tz.toks[k].sent == sent && tz.toks[k].plainGap {
		next = tz.word(k)
	}
	if !l.next.empty() && (next == "" || !l.next.has(next)) {
		return 0, caps, false
	}
	if !l.notNext.empty() && next != "" && l.notNext.has(next) {
		return 0, caps, false
	}
	return last, caps, true
}

// sameCase capitalizes the replacement's first letter when the words it
// replaces begin with a capital (a sentence start).
func sameCase(was, with string) string {
	r, _ := utf8.DecodeRuneInString(was)
	w, size := utf8.DecodeRuneInString(with)
	if unicode.IsUpper(r) && unicode.IsLower(w) {
		return string(unicode.ToUpper(w)) + with[size:]
	}
	return with
}
