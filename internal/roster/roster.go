// Package roster reads participant files exported by another system (CSV)
// into intakes, naming the line and column of anything it cannot read. It
// is pure: the store decides what the rows may become.
package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldthread/goldthread"
)

// MaxRows bounds one file: a larger roster is sent in parts, so one
// mistake does not hold back thousands of rows in one transaction.
const MaxRows = 5000

// Columns are the header names a file may use, in any order and case;
// first_name, last_name, birth_date, program and peer_email are required.
var Columns = []string{"first_name", "last_name", "preferred_name", "pronouns", "birth_date", "gender", "medicaid_id",
	"phone", "email", "language", "address_line1", "city", "state", "postal_code", "program", "start_date", "peer_email", "not_duplicate"}

var required = []string{"first_name", "last_name", "birth_date", "program", "peer_email"}

// ReadCSV reads a roster. A file it cannot use at all (no header, a
// missing required column, an unknown column, too many rows, broken
// quoting) is an error; a row with a field it cannot read (a date, a
// yes/no) is an ImportError for that row and the rest are still read.
func ReadCSV(r io.Reader) ([]goldthread.ImportRow, []goldthread.ImportError, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, goldthread.FieldError("file", "The file cannot be read: %v.", err)
	}
	// A NUL or bytes that are not UTF-8 can be stored by no record (a
	// spreadsheet saved in another encoding): say so before reading rows.
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, nil, goldthread.FieldError("file", "The file holds a NUL character or text that is not UTF-8. Save it again as CSV UTF-8 and send it once more.")
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.TrimLeadingSpace = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, goldthread.FieldError("file", "The file is empty; the first line names the columns.")
	}
	if err != nil {
		return nil, nil, goldthread.FieldError("file", "Line 1 cannot be read as CSV: %v.", err)
	}
	col := map[string]int{}
	for i, h := range head {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !slices.Contains(Columns, name) {
			return nil, nil, goldthread.FieldError("file", "Column %d is %q, which Goldthread does not know. Use the column names %s.", i+1, h, strings.Join(Columns, ", "))
		}
		if _, dup := col[name]; dup {
			return nil, nil, goldthread.FieldError("file", "Column %q appears twice.", name)
		}
		col[name] = i
	}
	for _, name := range required {
		if _, ok := col[name]; !ok {
			return nil, nil, goldthread.FieldError("file", "The file has no %s column; it is required.", name)
		}
	}
	var rows []goldthread.ImportRow
	var bad []goldthread.ImportError
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, goldthread.FieldError("file", "The file cannot be read as CSV: %v.", err)
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(rows) == MaxRows {
			return nil, nil, goldthread.FieldError("file", "The file has more than %d %{participant|participants}; send it in parts.", MaxRows)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row, errs := readRow(line, get)
		rows = append(rows, row)
		bad = append(bad, errs...)
	}
	if len(rows) == 0 {
		return nil, nil, goldthread.FieldError("file", "The file names its columns but has no participant.")
	}
	return rows, bad, nil
}

// readRow turns one line into an import row, reporting each field it
// cannot read.
func readRow(line int, get func(string) string) (goldthread.ImportRow, []goldthread.ImportError) {
	var errs []goldthread.ImportError
	fail := func(field string, msg goldthread.Text) {
		errs = append(errs, goldthread.ImportProblem(line, field, msg))
	}
	p := goldthread.Participant{FirstName: get("first_name"), LastName: get("last_name"), PreferredName: get("preferred_name"),
		Pronouns: get("pronouns"), Gender: strings.ToUpper(get("gender")), MedicaidID: get("medicaid_id"), Phone: get("phone"),
		Email: get("email"), Language: get("language"),
		Address: goldthread.Address{Line1: get("address_line1"), City: get("city"), State: get("state"), PostalCode: get("postal_code")}}
	if len(p.Gender) > 1 {
		p.Gender = p.Gender[:1] // FEMALE, Male
	}
	row := goldthread.ImportRow{Line: line, Program: get("program"), PeerEmail: get("peer_email")}
	var ok bool
	if p.BirthDate, ok = readDate(get("birth_date")); !ok {
		fail("birth_date", goldthread.Textf("%q is not a date; write it as YYYY-MM-DD or MM/DD/YYYY.", get("birth_date")))
	}
	if row.Intake.Start, ok = readDate(get("start_date")); !ok {
		fail("start_date", goldthread.Textf("%q is not a date; write it as YYYY-MM-DD or MM/DD/YYYY.", get("start_date")))
	}
	switch strings.ToLower(get("not_duplicate")) {
	case "", "no", "n", "false", "0":
	case "yes", "y", "true", "1":
		row.Intake.NotDuplicate = true
	default:
		fail("not_duplicate", goldthread.Textf("Write yes or no (or leave it empty)."))
	}
	row.Intake.Participant = p
	return row, errs
}

// readDate reads YYYY-MM-DD, or the US MM/DD/YYYY spreadsheets write; an
// empty cell is the zero date. It reports whether s was one of those.
func readDate(s string) (goldthread.Date, bool) {
	if s == "" {
		return goldthread.Date{}, true
	}
	if d, err := goldthread.ParseDate(s); err == nil {
		return d, true
	}
	if t, err := time.Parse("1/2/2006", s); err == nil {
		return goldthread.DateOf(t), true
	}
	return goldthread.Date{}, false
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
