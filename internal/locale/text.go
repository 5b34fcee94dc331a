package locale

import (
	"fmt"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// Text renders t in the printer's language: its English format is the key
// into the same table as errors' (a format without an entry reads in
// English), its arguments filled in, a Text argument rendered the same way
// (an *goldthread.Error argument as Error renders it).
func (p *Printer) Text(t goldthread.Text) string {
	args := t.Args
	for i, a := range t.Args {
		var s string
		switch v := a.(type) {
		case goldthread.Text:
			s = p.Text(v)
		case goldthread.TextDate:
			s = p.textDate(v)
		case *goldthread.Error: // a reason quoted in the sentence, such as why a billing identity cannot go on a claim
			s = p.message(v)
		case goldthread.Money:
			s = p.Money(int64(v))
		default:
			continue
		}
		if &args[0] == &t.Args[0] {
			args = append([]any(nil), t.Args...)
		}
		args[i] = s
	}
	return p.Sprintf(t.Format, args...)
}

// textDate writes a date quoted in a Text: English as the rules write it,
// Spanish "2 ene 2026" ("2 ene 2026, 17:00"), on the date's own clock
// (the rules give dates and deadlines on the agency's).
func (p *Printer) textDate(d goldthread.TextDate) string {
	if p.Lang != "es" {
		return d.String()
	}
	t := d.Time
	s := fmt.Sprintf("%d %s %d", t.Day(), esMonths[t.Month()-1], t.Year())
	if d.Clock {
		s += ", " + t.Format("15:04")
	}
	return s
}

// TextOr renders t in the printer's language, or gives english when t is
// empty (a finding stored before findings kept their formats): templates
// write {{$.P.TextOr .MessageText .Message}}.
func (p *Printer) TextOr(t goldthread.Text, english string) string {
	if t.Format == "" {
		return english
	}
	return p.Text(t)
}

// Finding renders a compliance finding's message and fix in the printer's
// language (English for one stored without its formats).
func (p *Printer) Finding(f rules.Finding) (message, fix string) {
	return p.TextOr(f.MessageText, f.Message), p.TextOr(f.FixText, f.Fix)
}
