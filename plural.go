package goldthread

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Sprintf is fmt.Sprintf that also writes plural choices, so a message
// agrees with the number it counts in every language ("1 service",
// "2 services"; "1 servicio", "2 servicios"). A choice is written
// %{singular|plural} in the format, just after the count it agrees with:
//
//	"%d %{service|services} ready"
//	"%d de %d %{unidad|unidades} usadas"
//
// It agrees with the nearest integer argument printed before it, or, when
// none comes before it, the first one after it ("%{Queda|Quedan} %d"), or
// the argument it names ("%d de %[2]{la|las} %d %{meta|metas}"). English and Spanish both take the singular for
// exactly one and the plural for every other count, zero included. Every
// message of the catalogs and every error and Text format is written
// through here, which is the one place plurals are chosen.
func Sprintf(format string, args ...any) string {
	if strings.Contains(format, "%{") {
		format = choosePlurals(format, args)
	}
	return fmt.Sprintf(format, args...)
}

// choosePlurals replaces each %{singular|plural} of format by the form
// its count takes, leaving the fmt verbs for fmt.
func choosePlurals(format string, args []any) string {
	type choice struct {
		start, end int // the choice's bytes in format
		one, other string
		count      int   // index into counts, -1 when no count precedes it
		arg        int64 // the count of a choice naming its argument (%[2]{…}), else -1
	}
	var choices []choice
	var counts []int64 // the integers printed, in order
	next := 0          // the argument the next verb prints
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		index := -1 // an explicit argument index, [n]
		if j < len(format) && format[j] == '[' {
			if k := strings.IndexByte(format[j:], ']'); k > 0 {
				if n, err := strconv.Atoi(format[j+1 : j+k]); err == nil && n > 0 {
					index = n - 1
				}
				j += k + 1
			}
		}
		if j < len(format) && format[j] == '{' {
			end := strings.IndexByte(format[j:], '}')
			if end < 0 {
				break
			}
			one, other, _ := strings.Cut(format[j+1:j+end], "|")
			c := choice{start: i, end: j + end + 1, one: one, other: other, count: len(counts) - 1, arg: -1}
			if index >= 0 {
				c.arg, _ = integer(args, index)
			}
			choices = append(choices, c)
			i = j + end
			continue
		}
		if index >= 0 {
			next = index
		}
		// The rest of a verb: flags, width, precision, the letter.
		for j < len(format) && strings.IndexByte("+-# 0123456789.*", format[j]) >= 0 {
			if format[j] == '*' {
				next++
			}
			j++
		}
		if j >= len(format) {
			break
		}
		if format[j] != '%' {
			if n, ok := integer(args, next); ok {
				counts = append(counts, n)
			}
			next++
		}
		i = j
	}
	if len(choices) == 0 {
		return format
	}
	var b strings.Builder
	last := 0
	for _, c := range choices {
		n := int64(0) // no count at all: the plural
		switch {
		case c.arg >= 0:
			n = c.arg
		case c.count >= 0:
			n = counts[c.count]
		case len(counts) > 0:
			n = counts[0]
		}
		form := c.other
		if n == 1 {
			form = c.one
		}
		b.WriteString(format[last:c.start])
		b.WriteString(strings.ReplaceAll(form, "%", "%%"))
		last = c.end
	}
	b.WriteString(format[last:])
	return b.String()
}

// integer gives args[i] when it is a whole number (of any integer type,
// such as a count kept as int64), a value that writes itself aside.
func integer(args []any, i int) (int64, bool) {
	if i < 0 || i >= len(args) || args[i] == nil {
		return 0, false
	}
	if _, ok := args[i].(fmt.Stringer); ok { // an amount (Money) or a duration is no count
		return 0, false
	}
	switch v := reflect.ValueOf(args[i]); v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(v.Uint()), true
	}
	return 0, false
}
