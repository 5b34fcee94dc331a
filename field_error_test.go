package goldthread_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
)

// ruleCase is one rule of a Validate method: a valid value broken in one
// way (spoil), the field the refusal must name, and words of the message
// that tell the user what would fix it. Removing the rule lets the spoiled
// value through, so its case fails.
type ruleCase[T any] struct {
	rule  string
	spoil func(*T)
	field string
	fix   string
}

// checkRules runs each case on a fresh valid value (which must itself
// pass) and asserts the refusal: EINVALID, on the case's field, with the
// fix in its message.
func checkRules[T any](t *testing.T, valid func() T, validate func(*T) error, cases []ruleCase[T]) {
	t.Helper()
	v := valid()
	if err := validate(&v); err != nil {
		t.Fatalf("the valid value is refused: %v", err)
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			v := valid()
			c.spoil(&v)
			err := validate(&v)
			var e *goldthread.Error
			if !errors.As(err, &e) || e.Kind != goldthread.EINVALID {
				t.Fatalf("error %v; want EINVALID", err)
			}
			if e.Field != c.field {
				t.Errorf("refusal names field %q; want %q (%v)", e.Field, c.field, err)
			}
			if !strings.Contains(e.Message, c.fix) {
				t.Errorf("message %q does not say %q", e.Message, c.fix)
			}
		})
	}
}
