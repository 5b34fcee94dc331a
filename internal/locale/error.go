package locale

import (
	"errors"

	"github.com/goldthread/goldthread"
)

// Error renders the message a person may read for err in the printer's
// language: a goldthread.Error's format is translated (its English format
// is the key) and its arguments filled in, an *Error or goldthread.Text
// among them rendered the same way; any other error reads as the generic sentence, never its
// text.
func (p *Printer) Error(err error) string {
	var e *goldthread.Error
	if !errors.As(err, &e) {
		return p.Sprintf(goldthread.InternalMessage)
	}
	return p.message(e)
}

func (p *Printer) message(e *goldthread.Error) string {
	if e.Format == "" { // built by hand, without a format: English only
		return e.Message
	}
	args := e.Args
	for i, a := range e.Args {
		var s string
		switch v := a.(type) {
		case *goldthread.Error:
			s = p.message(v)
		case goldthread.Text: // a finding or list of them quoted in the error
			s = p.Text(v)
		case goldthread.Money:
			s = p.Money(int64(v))
		default:
			continue
		}
		if &args[0] == &e.Args[0] {
			args = append([]any(nil), e.Args...)
		}
		args[i] = s
	}
	return p.Sprintf(e.Format, args...)
}
