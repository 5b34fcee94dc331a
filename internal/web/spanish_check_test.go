package web_test

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/locale"
)

// englishLeft is one English message of the catalogs with a different
// Spanish: a page in Spanish showing it has a message left untranslated.
type englishLeft struct {
	english string
	match   *regexp.Regexp // the whole of a text, its values any
}

var (
	englishProbesOnce sync.Once
	englishProbes     []englishLeft     // messages with values
	englishSentences  map[string]string // messages without: the text itself
)

// probeVerb is a fmt verb or a plural choice of a message.
var probeVerb = regexp.MustCompile(`%%|%(\[\d+\])?\{([^{}]*)\}|%[-+# 0]*(\[\d+\])?(\d+|\*)?(\.(\d+|\*)?)?[a-zA-Z]`)

// spanishProbes turns every English message and format that Spanish
// writes differently into a pattern matching a whole text it renders,
// values being anything. Messages of fewer than four letters of their
// own ("OK"), or with values and fewer than eight ("%s (%d)", "Call %s"),
// are left out: they say too little to tell from data.
func spanishProbes() ([]englishLeft, map[string]string) {
	englishProbesOnce.Do(func() {
		englishSentences = map[string]string{}
		for en := range locale.Translated("es") {
			if !probeVerb.MatchString(en) {
				if countLetters(en) >= 4 {
					englishSentences[squeeze(en)] = en
				}
				continue
			}
			var re strings.Builder
			letters, last := 0, 0
			for _, loc := range probeVerb.FindAllStringSubmatchIndex(en, -1) {
				lit := en[last:loc[0]]
				re.WriteString(regexp.QuoteMeta(lit))
				letters += countLetters(lit)
				switch v := en[loc[0]:loc[1]]; {
				case v == "%%":
					re.WriteString("%")
				case loc[4] >= 0: // a choice
					one, other, _ := strings.Cut(en[loc[4]:loc[5]], "|")
					re.WriteString("(?:" + regexp.QuoteMeta(one) + "|" + regexp.QuoteMeta(other) + ")")
				default:
					re.WriteString(".+?")
				}
				last = loc[1]
			}
			re.WriteString(regexp.QuoteMeta(en[last:]))
			letters += countLetters(en[last:])
			if letters < 8 { // "Call %s", "%s hours": too short to tell from a record's own words
				continue
			}
			englishProbes = append(englishProbes, englishLeft{en, regexp.MustCompile(`^(?s)` + squeeze(re.String()) + `$`)})
		}
	})
	return englishProbes, englishSentences
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// squeeze collapses runs of white space, as pageTexts does.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// pageTexts returns the page's text nodes (script and style aside, closed
// <details> included, the words a person signed, quoted as signed in
// whatever language they signed them, aside) and the words of its labelling attributes
// (aria-label, placeholder, title, alt, a button's value), each with its
// white space collapsed.
const pageTexts = `(() => {
  const out = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = w.nextNode());) {
    const p = n.parentElement;
    if (!p || p.closest('script,style,template,noscript,[data-as-signed]')) continue;
    const t = n.textContent.replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
  }
  document.querySelectorAll('[aria-label],[placeholder],[title],[alt],input[type=submit],input[type=button]').forEach(e => {
    for (const a of ['aria-label', 'placeholder', 'title', 'alt']) { const v = e.getAttribute(a); if (v && v.trim()) out.push(v.replace(/\s+/g, ' ').trim()); }
    if ((e.type === 'submit' || e.type === 'button') && e.value) out.push(e.value.trim());
  });
  out.push(document.title);
  return out;
})()`

// leftovers are what a message that failed to render leaves on a page: a
// key missing from the catalog ("[billing.title]"), a fmt complaint
// ("%!d(MISSING)") or a plural choice not chosen.
var leftovers = regexp.MustCompile(`\[[a-z_]+(\.[a-z0-9_]+)+\]|%!|%\{|%\[\d+\]\{`)

// untranslated lists the texts of the current page (and the parts of a
// text between " · " or " — " separators) that are an English message of
// the catalogs whose Spanish differs, or a message that did not render.
func untranslated(t *testing.T, ctx context.Context) []string {
	t.Helper()
	texts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](pageTexts))
	if err != nil {
		t.Fatal(err)
	}
	probes, sentences := spanishProbes()
	var out []string
	seen := map[string]bool{}
	for _, text := range texts {
		if m := leftovers.FindString(text); m != "" && !seen[text] {
			seen[text] = true
			out = append(out, "unrendered "+m+" in "+strconvQuote(text))
		}
		parts := []string{text}
		for _, sep := range []string{" · ", " — ", "·"} {
			for _, p := range strings.Split(text, sep) {
				if p = strings.TrimSpace(p); p != "" && p != text {
					parts = append(parts, p)
				}
			}
		}
		for _, p := range parts {
			p = strings.TrimSpace(strings.TrimRight(p, ":"))
			if en, ok := sentences[p]; ok && !seen[p] {
				seen[p] = true
				out = append(out, strconvQuote(p)+" (English message "+strconvQuote(en)+")")
				continue
			}
			if countLetters(p) < 4 {
				continue
			}
			for _, pr := range probes {
				if pr.match.MatchString(p) && !seen[p] {
					seen[p] = true
					out = append(out, strconvQuote(p)+" (English message "+strconvQuote(pr.english)+")")
				}
			}
		}
	}
	return out
}

func strconvQuote(s string) string {
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return `"` + s + `"`
}
