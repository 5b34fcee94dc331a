// Package goldthread holds the domain of Goldthread: the people, records and
// rules of peer support documentation, free of any database or HTTP code.
// Adapters (internal/store, internal/web, cmd/goldthread) depend on it; it
// depends on none of them.
package goldthread

import (
	"errors"
	"fmt"
)

// Error kinds. Handlers map a kind to an HTTP status; users see only the
// message of an *Error, never the text of an internal error.
const (
	EINVALID      = "invalid"            // the input is wrong; the message names the field
	ENOTFOUND     = "not_found"          // no such record in the actor's reach
	EFORBIDDEN    = "forbidden"          // the actor may not do this
	EUNAUTHORIZED = "unauthorized"       // no valid sign-in
	ECONFLICT     = "conflict"           // the record changed or already exists
	ETHROTTLED    = "too_many_attempts"  // too many failed tries: wait, then try again
	EBADREQUEST   = "bad_request"        // the request itself cannot be read (not JSON, not text)
	ETOOLARGE     = "too_large"          // the request body is over the server's limit
	EMETHOD       = "method_not_allowed" // the path exists, but not for this method
	EINTERNAL     = "internal"           // a bug or an outage; details go to the log only
)

// ErrorKinds lists every kind, so the web side maps each to a status and
// the README documents each (TestEveryErrorKindIsDocumented): a client may
// switch on any kind it can receive.
var ErrorKinds = []string{EINVALID, ENOTFOUND, EFORBIDDEN, EUNAUTHORIZED, ECONFLICT, ETHROTTLED,
	EBADREQUEST, ETOOLARGE, EMETHOD, EINTERNAL}

// Error is the one error type of the domain. Field, when set, names the
// input field the message is about so forms can show it beside the field.
//
// Format and Args keep the message unrendered: Format is the English fmt
// format written at the call site and doubles as the key of every other
// language's catalog (gettext style), so the locale printer of whoever
// reads the error renders it in their language. Message is the English
// rendering, for logs, the command line and tests. An argument that is
// itself an *Error is rendered as its own message, in the same language.
type Error struct {
	Kind    string
	Field   string
	Message string
	Format  string
	Args    []any
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("goldthread: %s: %s: %s", e.Kind, e.Field, e.Message)
	}
	return fmt.Sprintf("goldthread: %s: %s", e.Kind, e.Message)
}

// Errorf returns an *Error of the given kind with a formatted message.
// format is English and must be a string literal: it is the key of the
// translations (TestEveryErrorFormatHasSpanish in internal/locale walks
// the source for it).
func Errorf(kind, format string, args ...any) *Error {
	return ErrorAbout(kind, "", format, args...)
}

// FieldError returns an EINVALID error about one input field.
func FieldError(field, format string, args ...any) *Error {
	return ErrorAbout(EINVALID, field, format, args...)
}

// ErrorAbout returns an *Error of any kind about one input field (a wrong
// password is EUNAUTHORIZED on "password"); field may be empty.
func ErrorAbout(kind, field, format string, args ...any) *Error {
	return &Error{Kind: kind, Field: field, Message: Sprintf(format, englishArgs(args)...), Format: format, Args: args}
}

// englishArgs renders *Error arguments as their English message, so a
// message that quotes another ("line 4: …") reads the same in the log.
func englishArgs(args []any) []any {
	var out []any
	for i, a := range args {
		if e, ok := a.(*Error); ok {
			if out == nil {
				out = append([]any(nil), args...) // Args stays as given
			}
			out[i] = e.Message
		}
	}
	if out == nil {
		return args
	}
	return out
}

// FieldConflict returns an ECONFLICT error about one input field: the
// value is well formed but collides with a record that exists (a Medicaid
// ID another participant has).
func FieldConflict(field, format string, args ...any) *Error {
	return ErrorAbout(ECONFLICT, field, format, args...)
}

// ErrorKind returns the kind of err, or EINTERNAL when err is not an *Error
// (and "" for nil).
func ErrorKind(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return EINTERNAL
}

// ErrorMessage returns the message a user may see for err. Internal errors
// are hidden behind a generic sentence.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return InternalMessage
}

// InternalMessage is what a user reads for an error that is not an
// *Error: never its text, which may name tables or values.
const InternalMessage = "Something went wrong on our side. Your data was not changed; please try again."

// Reason returns err as an argument for another error's message: the
// *Error inside it (rendered later in the reader's language), or for any
// other error an internal *Error whose message hides its text.
func Reason(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Kind: EINTERNAL, Message: InternalMessage, Format: InternalMessage}
}

// ErrorField returns the field an EINVALID error is about, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
