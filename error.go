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
	EINVALID      = "invalid"           // the input is wrong; the message names the field
	ENOTFOUND     = "not_found"         // no such record in the actor's reach
	EFORBIDDEN    = "forbidden"         // the actor may not do this
	EUNAUTHORIZED = "unauthorized"      // no valid sign-in
	ECONFLICT     = "conflict"          // the record changed or already exists
	ETHROTTLED    = "too_many_attempts" // too many failed tries: wait, then try again
	EINTERNAL     = "internal"          // a bug or an outage; details go to the log only
)

// Error is the one error type of the domain. Field, when set, names the
// input field the message is about so forms can show it beside the field.
type Error struct {
	Kind    string
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("goldthread: %s: %s: %s", e.Kind, e.Field, e.Message)
	}
	return fmt.Sprintf("goldthread: %s: %s", e.Kind, e.Message)
}

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error about one input field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Kind: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// FieldConflict returns an ECONFLICT error about one input field: the
// value is well formed but collides with a record that exists (a Medicaid
// ID another participant has).
func FieldConflict(field, format string, args ...any) *Error {
	return &Error{Kind: ECONFLICT, Field: field, Message: fmt.Sprintf(format, args...)}
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
	return "Something went wrong on our side. Your data was not changed; please try again."
}

// ErrorField returns the field an EINVALID error is about, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
