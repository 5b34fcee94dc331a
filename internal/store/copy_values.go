package store

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// A copyColumn is one column CopyDatabase fills: its name and how a value
// SQLite stored turns into the Go value pgx writes for the column's
// PostgreSQL type.
type copyColumn struct {
	name, pgType string
	convert      func(any) (any, error)
}

// columnConverter returns how to convert SQLite's stored values (read raw:
// int64, float64, string, []byte or nil, never parsed by the driver) for a
// PostgreSQL column of type pgType, as information_schema names it. The
// schema uses bigint, integer, text, timestamptz, date, boolean and bytea;
// a type not listed is refused, so a migration that brings one in fails
// the copy's tests instead of copying it wrong.
func columnConverter(pgType string) (func(any) (any, error), bool) {
	switch pgType {
	case "bigint", "integer", "smallint":
		return copyInt, true
	case "text", "character varying", "character":
		return copyText, true
	case "boolean":
		return copyBool, true
	case "timestamp with time zone":
		return copyInstant, true
	case "date":
		return copyDate, true
	case "bytea":
		return copyBytes, true
	case "real", "double precision":
		return copyFloat, true
	}
	return nil, false
}

func copyInt(v any) (any, error) {
	switch x := v.(type) {
	case nil, int64:
		return x, nil
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), nil
		}
	case string:
		if n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil {
			return n, nil
		}
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	}
	return nil, fmt.Errorf("%v (%T) is not a whole number", v, v)
}

func copyText(v any) (any, error) {
	switch x := v.(type) {
	case nil, string:
		return x, nil
	case []byte:
		return string(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	}
	return nil, fmt.Errorf("%v (%T) is not text", v, v)
}

func copyBool(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool:
		return x, nil
	case int64:
		if x == 0 || x == 1 {
			return x == 1, nil
		}
	case string:
		if b, err := strconv.ParseBool(strings.TrimSpace(x)); err == nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("%v (%T) is not true or false", v, v)
}

func copyBytes(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []byte:
		return x, nil
	case string:
		return []byte(x), nil
	}
	return nil, fmt.Errorf("%v (%T) is not bytes", v, v)
}

func copyFloat(v any) (any, error) {
	switch x := v.(type) {
	case nil, float64:
		return x, nil
	case int64:
		return float64(x), nil
	case string:
		if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
			return f, nil
		}
	}
	return nil, fmt.Errorf("%v (%T) is not a number", v, v)
}

// instantLayouts are the ways an instant is written in a Goldthread SQLite
// file: the driver's (_time_format=sqlite) first, then RFC 3339 and the
// forms SQLite's own date functions give (no offset: UTC, as the driver
// reads them).
var instantLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02",
}

// copyInstant reads an instant. PostgreSQL keeps microseconds; Goldthread
// writes none finer (DB.now truncates), so nothing is rounded.
func copyInstant(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case time.Time:
		return x, nil
	case string:
		s := strings.TrimSpace(x)
		if i := strings.Index(s, " m="); i > 0 { // a Go monotonic reading
			s = s[:i]
		}
		for _, layout := range instantLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return t, nil
			}
		}
	case int64:
		return time.Unix(x, 0).UTC(), nil
	}
	return nil, fmt.Errorf("%v (%T) is not an instant", v, v)
}

// copyDate reads a calendar date (YYYY-MM-DD, or an instant's date as
// written) as midnight UTC, which pgx writes as that date.
func copyDate(v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		s := strings.TrimSpace(x)
		if len(s) >= 10 {
			if t, err := time.Parse("2006-01-02", s[:10]); err == nil && (len(s) == 10 || s[10] == ' ' || s[10] == 'T') {
				return t, nil
			}
		}
	case time.Time:
		return time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	return nil, fmt.Errorf("%v (%T) is not a date", v, v)
}
