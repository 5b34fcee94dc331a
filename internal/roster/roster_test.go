package roster

import (
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
)

// TestReadCSV: columns in any order and case, US dates, yes/no, blank
// lines skipped; a field it cannot read is reported by line and column
// while the other rows are still read.
func TestReadCSV(t *testing.T) {
	file := "\ufeffLast_Name,First_Name,birth_date,Program,peer_email,medicaid_id,start_date,not_duplicate,gender\n" +
		"Bell,Marcus,04/12/1992,NC 8G,dana@x.org,946271835K,2026-06-01,,male\n" +
		"\n" +
		"Ortega,Lucía,2005-03-09,NC 8G,dana@x.org,,,yes,F\n" +
		"Hayes,Darnell,1981-13-01,NC 8G,dana@x.org,,,maybe,\n"
	rows, bad, err := ReadCSV(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Line != 2 || rows[1].Line != 4 || rows[2].Line != 5 {
		t.Fatalf("rows %+v", rows)
	}
	m := rows[0].Intake
	if m.Participant.FirstName != "Marcus" || m.Participant.BirthDate != goldthread.NewDate(1992, 4, 12) || m.Participant.Gender != "M" ||
		m.Start != goldthread.NewDate(2026, 6, 1) || rows[0].Program != "NC 8G" || rows[0].PeerEmail != "dana@x.org" {
		t.Errorf("row 2: %+v", rows[0])
	}
	if !rows[1].Intake.NotDuplicate {
		t.Error("yes in not_duplicate was not read")
	}
	want := []goldthread.ImportError{{Line: 5, Field: "birth_date"}, {Line: 5, Field: "not_duplicate"}}
	if len(bad) != 2 || bad[0].Line != want[0].Line || bad[0].Field != want[0].Field || bad[1].Field != want[1].Field {
		t.Fatalf("errors %+v; want line 5 birth_date and not_duplicate", bad)
	}
	for name, c := range map[string]string{
		"Empty":         "",
		"NoRows":        "first_name,last_name,birth_date,program,peer_email\n",
		"MissingColumn": "first_name,last_name,birth_date,program\nA,B,2000-01-01,X\n",
		"UnknownColumn": "first_name,last_name,birth_date,program,peer_email,ssn\nA,B,2000-01-01,X,y@z,123\n",
		"Twice":         "first_name,first_name,last_name,birth_date,program,peer_email\n",
		"BadQuote":      "first_name,last_name,birth_date,program,peer_email\n\"A,B,2000-01-01,X,y@z\n",
	} {
		if _, _, err := ReadCSV(strings.NewReader(c)); goldthread.ErrorField(err) != "file" {
			t.Errorf("%s: %v; want an error about the file", name, err)
		}
	}
}
