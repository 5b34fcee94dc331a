package roster

import (
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
)

// TestUncleanFileRefused: a roster with a NUL byte or bytes that are not
// UTF-8 (a spreadsheet saved as Latin-1) is refused naming the file, so
// nothing PostgreSQL would refuse reaches the database.
func TestUncleanFileRefused(t *testing.T) {
	head := "first_name,last_name,birth_date,program,peer_email\n"
	for name, body := range map[string]string{"NUL": "Ana\x00,Ruiz,1990-01-02,1,p@x.test\n", "Latin1": "Jos\xe9,Ruiz,1990-01-02,1,p@x.test\n"} {
		t.Run(name, func(t *testing.T) {
			_, _, err := ReadCSV(strings.NewReader(head + body))
			if goldthread.ErrorField(err) != "file" || !strings.Contains(goldthread.ErrorMessage(err), "UTF-8") {
				t.Fatalf("err = %v", err)
			}
		})
	}
}
