package web

import (
	"context"
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
	"golang.org/x/text/language"
)

// langKey holds, in a request's context, the language its Accept-Language
// header prefers among those with a catalog.
type langKeyType struct{}

var langKey langKeyType

// withLanguage records the browser's preferred language for the request,
// the language of pages before sign-in and of people who chose none.
func withLanguage(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), langKey, acceptedLanguage(r.Header.Get("Accept-Language"))))
}

// acceptedLanguage returns the catalog language the header ranks highest
// ("es" for "es-MX,es;q=0.9,en;q=0.8"), or English when it names none
// Goldthread has or cannot be read.
func acceptedLanguage(header string) string {
	tags, _, err := language.ParseAcceptLanguage(header) // sorted by weight
	if err != nil {
		return "en"
	}
	for _, t := range tags {
		if l, ok := locale.Match(t.String()); ok {
			return l
		}
	}
	return "en"
}

// languageOf is the language a person reads: their own choice (or, on a
// participant's own account, their record's language) when Goldthread has
// it, else the browser's.
func languageOf(ctx context.Context, a goldthread.Actor) string {
	if l, ok := locale.Match(a.Language); ok {
		return l
	}
	l, _ := ctx.Value(langKey).(string)
	return locale.Supported(l)
}

// printerFor is the printer of a request known only by its context and
// actor (page sections loaded beside the main handler).
func printerFor(ctx context.Context, a goldthread.Actor) *locale.Printer {
	return locale.New(languageOf(ctx, a), a.Location())
}

// participantPrinter is p in the participant's language when Goldthread
// has a catalog for it (their record's language from intake), else p:
// what is printed for a participant, or handed to them to read and sign,
// reads in their language whoever holds the device. The plan's own goal
// text stays as written, in the participant's words.
func participantPrinter(p *locale.Printer, pt goldthread.Participant) *locale.Printer {
	l, ok := locale.Match(pt.Language)
	if !ok || l == p.Lang {
		return p
	}
	out := locale.New(l, p.Zone)
	out.ShowZone = p.ShowZone
	return out
}

// documentLanguage is the BCP 47 tag a document in lang declares.
func documentLanguage(lang string) string {
	if lang == "es" {
		return "es-US"
	}
	return "en-US"
}
