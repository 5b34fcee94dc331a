package locale

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
)

// fixedPlural finds a count written with a noun or adjective that cannot
// agree with it: "%d services", "%d nota(s)", "%d vez/veces", "in %d
// days", "%d listos". Such a word must be a choice, %{singular|plural}.
var fixedPlural = regexp.MustCompile(`%(\[\d+\])?d (\p{L}+ ){0,1}\p{L}*(s|\(s\)|\(es\)|/veces)\b|\p{L}\((s|es)\)|\bvez/veces\b`)

// notCounts are words after a number that do not change with it: a
// record's number ("Note %d is", "Nota %d todavía es") or "dos" in "%d
// tienen dos o más".
var notCounts = map[string]bool{"más": true, "is": true, "was": true, "has": true, "yours": true, "documents": true,
	"belongs": true, "differs": true, "does": true, "this": true, "ethics": true, "es": true, "dos": true, "las": true, "los": true}

// TestCountsAgree: no message of the catalogs, nor any error or finding
// format with its Spanish, writes a fixed plural after a count; each one
// is a %{singular|plural} choice that agrees with it (goldthread.Sprintf).
func TestCountsAgree(t *testing.T) {
	type msg struct{ where, text string }
	var all []msg
	for k, v := range english {
		all = append(all, msg{"English " + k, v})
	}
	for k, v := range spanish {
		all = append(all, msg{"Spanish " + k, v})
	}
	for k, v := range spanishFormats {
		all = append(all, msg{"format " + k, k}, msg{"Spanish of format " + k, v})
	}
	var bad []string
	for _, m := range all {
		for _, hit := range fixedPlural.FindAllString(m.text, -1) {
			words := strings.Fields(hit)
			if notCounts[words[len(words)-1]] {
				continue
			}
			bad = append(bad, m.where+": "+hit)
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

// choicePattern is one plural choice of a message.
var choicePattern = regexp.MustCompile(`%(\[\d+\])?\{([^{}]*)\}`)

// TestPluralChoicesAreWellFormed: each %{…} of a message has a singular
// and a plural, and a count to agree with.
func TestPluralChoicesAreWellFormed(t *testing.T) {
	check := func(where, msg string) {
		for _, c := range choicePattern.FindAllStringSubmatch(msg, -1) {
			if strings.Count(c[2], "|") != 1 {
				t.Errorf("%s: choice %q wants exactly singular|plural", where, c[0])
			}
		}
		if strings.Count(msg, "%{")+strings.Count(msg, "]{") != len(choicePattern.FindAllString(msg, -1)) {
			t.Errorf("%s: an unclosed choice in %q", where, msg)
		}
		if strings.Contains(msg, "{") && choicePattern.MatchString(msg) && !regexp.MustCompile(`%(\[\d+\])?d`).MatchString(msg) {
			t.Errorf("%s: %q has a plural choice but no count", where, msg)
		}
	}
	for k, v := range english {
		check("English "+k, v)
	}
	for k, v := range spanish {
		check("Spanish "+k, v)
	}
	for k, v := range spanishFormats {
		check("format", k)
		check("Spanish of "+k, v)
	}
}

// TestCountsRenderInBothLanguages: the pages' counts agree with their
// number, in English and in Spanish ("1 servicios" and "1 participants"
// were on the billing worklist and the clinician's Today).
func TestCountsRenderInBothLanguages(t *testing.T) {
	en, es := New("en", nil), New("es", nil)
	for _, c := range []struct {
		p    *Printer
		key  string
		args []any
		want string
	}{
		{en, "billing.group_n", []any{1}, "1 service"},
		{en, "billing.group_n", []any{0}, "0 services"},
		{es, "billing.group_n", []any{1}, "1 servicio"},
		{es, "billing.group_n", []any{3}, "3 servicios"},
		{es, "billing.ready_n", []any{1}, "1 listo"},
		{en, "today.peer.caseload_n", []any{1}, "1 participant on your caseload."},
		{es, "today.peer.caseload_n", []any{1}, "1 participante en su lista de casos."},
		{en, "claims.batch_counts", []any{1, 2, 1}, "1 claim, 2 lines, 1 unit"},
		{es, "claims.batch_counts", []any{2, 1, 4}, "2 reclamos, 1 línea, 4 unidades"},
		{es, "nreview.today.awaiting", []any{1}, "1 nota firmada espera su revisión."},
		{es, "export.done", []any{1}, "Listo: se descargó 1 fila."},
		{en, "dash.goals.addressed", []any{1, 1}, "1 of the 1 goal of the plans in force was worked on in a signed note in this period."},
		{es, "dash.goals.addressed", []any{2, 5}, "Se trabajó en 2 de las 5 metas de los planes vigentes en una nota firmada en este período."},
		{es, "eligibility.units", []any{3, 4, 1}, "3 de 4 unidades usadas, queda 1"},
	} {
		if got := c.p.T(c.key, c.args...); got != c.want {
			t.Errorf("%s %s %v = %q; want %q", c.p.Lang, c.key, c.args, got, c.want)
		}
	}
	// An error's format and a finding stored with its old format.
	if got := es.Error(goldthread.Errorf(goldthread.EINVALID, "Use at most %d %{character|characters}.", 1)); got != "Use como máximo 1 carácter." {
		t.Errorf("Spanish error = %q", got)
	}
	if got := es.Text(goldthread.Textf("This note needs %d units; authorization %s has %d left.", 1, "A-1", 1)); got != "Esta nota necesita 1 unidad; a la autorización A-1 le queda 1." {
		t.Errorf("Spanish of a finding stored with the old format = %q", got)
	}
}
