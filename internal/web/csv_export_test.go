package web

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// TestCSVExportDefusesEveryCell: whatever column a typed value lands in,
// a cell a spreadsheet would run (=, +, -, @, tab, carriage return) comes
// out as text, and the value is otherwise kept.
func TestCSVExportDefusesEveryCell(t *testing.T) {
	var buf bytes.Buffer
	cw := newCSVExport(&buf)
	in := []string{"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "plain", "", "a=b"}
	cw.Write(in...)
	if err := cw.Flush(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 1 {
		t.Fatalf("%v %v", rows, err)
	}
	for i, cell := range rows[0] {
		want := in[i]
		if i < 6 {
			want = "'" + in[i]
		}
		if cell != want {
			t.Errorf("cell %d = %q; want %q", i, cell, want)
		}
	}
}
