package locale

import (
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
)

// Sentence renders a whole English sentence that carries no values, such
// as a coach lexicon entry's why or suggestion, in the printer's language:
// the sentence is its own key (an agency's own wording, which has no
// entry, reads as written).
func (p *Printer) Sentence(s string) string { return p.Text(SentenceText(s)) }

// SentenceText keeps s as a Text whose format is s itself, a "%" in it
// kept literal.
func SentenceText(s string) goldthread.Text {
	return goldthread.Text{Format: strings.ReplaceAll(s, "%", "%%")}
}

// CoachTexts keeps a coach finding's explanation and suggestion as Texts
// for a reader's printer: the lexicon's sentences are their own keys (see
// es_coach.go), a suggestion the coach composed is its format with the
// values it filled in, the entry's suggestion inside it translated too.
// The words quoted from the note and the role words a suggestion offers
// stay as written: they are the note's language, not the reader's.
func CoachTexts(f coach.Finding) (why, suggestion goldthread.Text) {
	why, suggestion = SentenceText(f.Why), SentenceText(f.Suggestion)
	switch f.SuggestionFormat {
	case coach.SuggestRole:
		suggestion = goldthread.Text{Format: coach.SuggestRole, Args: []any{f.SuggestionArgs[0]}}
	case coach.SuggestKnownSupports:
		suggestion = goldthread.Text{Format: coach.SuggestKnownSupports, Args: []any{SentenceText(f.SuggestionArgs[0]), f.SuggestionArgs[1]}}
	}
	return why, suggestion
}

// CoachWhy is f's explanation in the printer's language.
func (p *Printer) CoachWhy(f coach.Finding) string {
	why, _ := CoachTexts(f)
	return p.Text(why)
}

// CoachSuggestion is f's suggestion in the printer's language.
func (p *Printer) CoachSuggestion(f coach.Finding) string {
	_, s := CoachTexts(f)
	return p.Text(s)
}
