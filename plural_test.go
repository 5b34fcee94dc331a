package goldthread_test

import (
	"testing"

	"github.com/goldthread/goldthread"
)

// TestSprintfChoosesPlurals: a %{singular|plural} choice agrees with the
// count before it (or, first in the sentence, the one after it), one
// being the only singular count; amounts and other values are no counts.
func TestSprintfChoosesPlurals(t *testing.T) {
	for _, c := range []struct {
		format string
		args   []any
		want   string
	}{
		{"%d %{service|services}", []any{1}, "1 service"},
		{"%d %{service|services}", []any{0}, "0 services"},
		{"%d %{service|services}", []any{2}, "2 services"},
		{"%d %{servicio|servicios} %{listo|listos}", []any{int64(1)}, "1 servicio listo"},
		{"%d de %d %{unidad|unidades} usadas", []any{3, 1}, "3 de 1 unidad usadas"},
		{"%d %{claim|claims}, %d %{line|lines}", []any{1, 4}, "1 claim, 4 lines"},
		{"Se trabajó en %d de %[2]{la|las} %d %{meta|metas}", []any{1, 5}, "Se trabajó en 1 de las 5 metas"},
		{"%{Queda|Quedan} %d", []any{1}, "Queda 1"},
		{"%[2]d %{day|days} after %[1]s", []any{"Monday", 1}, "1 day after Monday"},
		{"%s billed for %d %{unit|units}", []any{goldthread.Money(100), 1}, "$1.00 billed for 1 unit"},
		{"%s %{unit|units}", []any{goldthread.Money(100)}, "$1.00 units"},
		{"100%% of %d %{note|notes}", []any{1}, "100% of 1 note"},
		{"no choice: %d", []any{1}, "no choice: 1"},
		{"%-3d|%05.1f %{x|xs}", []any{1, 2.5}, "1  |002.5 x"},
	} {
		if got := goldthread.Sprintf(c.format, c.args...); got != c.want {
			t.Errorf("Sprintf(%q, %v) = %q; want %q", c.format, c.args, got, c.want)
		}
	}
	// Errors and Texts write their English through it.
	if got := goldthread.Errorf(goldthread.EINVALID, "%d %{unit|units} left", 1).Message; got != "1 unit left" {
		t.Errorf("Errorf message = %q", got)
	}
	if got := goldthread.Textf("%d %{unit|units} left", 3).String(); got != "3 units left" {
		t.Errorf("Text = %q", got)
	}
}
