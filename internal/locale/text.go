package locale

import (
	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// Text renders t in the printer's language: its English format is the key
// into the same table as errors' (a format without an entry reads in
// English), its arguments filled in, a Text argument rendered the same way.
func (p *Printer) Text(t goldthread.Text) string {
	args := t.Args
	for i, a := range t.Args {
		if inner, ok := a.(goldthread.Text); ok {
			if &args[0] == &t.Args[0] {
				args = append([]any(nil), t.Args...)
			}
			args[i] = p.Text(inner)
		}
	}
	return p.Sprintf(t.Format, args...)
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
