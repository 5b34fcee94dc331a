package web

import (
	"encoding/csv"
	"io"
)

// csvExport writes CSV for spreadsheets: every cell of every row goes
// through csvSafe, so no export can carry a formula, whichever column a
// typed name, reason or id lands in.
type csvExport struct{ w *csv.Writer }

func newCSVExport(w io.Writer) *csvExport { return &csvExport{w: csv.NewWriter(w)} }

// Write writes one row, every cell defused.
func (c *csvExport) Write(cells ...string) error {
	row := make([]string, len(cells))
	for i, cell := range cells {
		row[i] = csvSafe(cell)
	}
	return c.w.Write(row)
}

// Flush sends what is buffered and returns the first write error.
func (c *csvExport) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// csvSafe defuses a cell a spreadsheet would run as a formula (OWASP CSV
// injection): one starting with =, +, -, @, a tab or a carriage return is
// prefixed with an apostrophe, which spreadsheets show as text.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
