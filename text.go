package goldthread

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Text is a sentence shown to a person, kept as its English format and
// the values that fill it in, as an Error keeps its own: String gives the
// English, and a reader's printer (locale.Printer.Text) renders the format
// translated, the English format being the key into its table. An
// argument that is itself a Text (a fragment such as "the service date")
// is rendered the same way. The compliance engine's findings carry their
// message and fix as Texts.
type Text struct {
	Format string `json:"format"`
	Args   []any  `json:"args,omitempty"`
}

// Textf keeps format and args as a Text. format must be a string literal:
// the locale tests read it from the source to check it has Spanish.
func Textf(format string, args ...any) Text { return Text{Format: format, Args: args} }

// TextJoin is parts written one after the other with sep between them
// (", ", "; "): a list of fragments each rendered in the reader's
// language, the separator being punctuation that reads alike in English
// and Spanish. No parts is the empty Text.
func TextJoin(parts []Text, sep string) Text {
	if len(parts) == 0 {
		return Text{}
	}
	var b strings.Builder
	args := make([]any, len(parts))
	for i, p := range parts {
		if i > 0 {
			b.WriteString(strings.ReplaceAll(sep, "%", "%%"))
		}
		b.WriteString("%s")
		args[i] = p
	}
	return Text{Format: b.String(), Args: args}
}

// ErrorText is err as a Text: an *Error's own format and arguments, so a
// reader's printer renders it as it renders the error (and String gives
// its English message); any other error is the internal message, never
// its text.
func ErrorText(err error) Text {
	e := Reason(err)
	if e.Format == "" { // built by hand: English only
		return Text{Format: strings.ReplaceAll(e.Message, "%", "%%")}
	}
	return Text{Format: e.Format, Args: e.Args}
}

// String is the English sentence.
func (t Text) String() string {
	if t.Format == "" {
		return ""
	}
	return Sprintf(t.Format, englishTextArgs(t.Args)...)
}

// englishTextArgs renders Text arguments as their English (and an *Error
// argument as its message), leaving Args as given.
func englishTextArgs(args []any) []any {
	var out []any
	for i, a := range args {
		var s string
		switch v := a.(type) {
		case Text:
			s = v.String()
		case *Error:
			s = v.Message
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = s
	}
	if out == nil {
		return args
	}
	return out
}

// UnmarshalJSON reads a Text as MarshalJSON wrote it (findings are stored
// with a note's signature): a whole number comes back as an int, so "%d"
// still fills it in, and a nested {"format": …} as a Text.
func (t *Text) UnmarshalJSON(b []byte) error {
	var raw struct {
		Format string            `json:"format"`
		Args   []json.RawMessage `json:"args"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	t.Format, t.Args = raw.Format, nil
	for _, a := range raw.Args {
		v, err := textArg(a)
		if err != nil {
			return err
		}
		t.Args = append(t.Args, v)
	}
	return nil
}

func textArg(a json.RawMessage) (any, error) {
	a = bytes.TrimSpace(a)
	if len(a) > 0 && a[0] == '{' {
		var probe struct {
			Format *string `json:"format"`
			Cents  *int64  `json:"cents"`
		}
		if err := json.Unmarshal(a, &probe); err != nil {
			return nil, err
		}
		if probe.Cents != nil {
			return Money(*probe.Cents), nil
		}
		if probe.Format == nil {
			var d TextDate
			err := json.Unmarshal(a, &d)
			return d, err
		}
		var inner Text
		err := inner.UnmarshalJSON(a)
		return inner, err
	}
	d := json.NewDecoder(bytes.NewReader(a))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if n, ok := v.(json.Number); ok {
		if i, err := strconv.Atoi(n.String()); err == nil {
			return i, nil
		}
		return n.Float64()
	}
	return v, nil
}

// TextDate is a date (with Clock, a date and time, on its own clock)
// quoted in a Text: String writes it the English way ("Jan 2, 2006",
// "Jan 2, 2006 15:04"), and a reader's printer writes it theirs.
type TextDate struct {
	Time  time.Time `json:"date"`
	Clock bool      `json:"clock,omitempty"`
}

func (d TextDate) String() string {
	if d.Clock {
		return d.Time.Format("Jan 2, 2006 15:04")
	}
	return d.Time.Format("Jan 2, 2006")
}
