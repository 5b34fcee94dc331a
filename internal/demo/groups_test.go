package demo

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestDemoGroups: Dana's weekly group is signed three times (one note per
// member present, none for the absent member) and this week's session is
// waiting to be signed.
func TestDemoGroups(t *testing.T) {
	db := storetest.OpenSQLite(t)
	if _, err := Load(context.Background(), db, Today(time.Now()), cheap); err != nil {
		t.Fatal(err)
	}
	one := func(q string) int {
		t.Helper()
		rows, err := db.QueryRaw(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var n int
		rows.Next()
		rows.Scan(&n)
		return n
	}
	if n := one("SELECT COUNT(*) FROM group_session WHERE status = 'signed'"); n != 3 {
		t.Errorf("%d signed sessions; want 3", n)
	}
	if n := one("SELECT COUNT(*) FROM group_session WHERE status = 'draft'"); n != 1 {
		t.Errorf("%d draft sessions; want this week's", n)
	}
	present := one("SELECT COUNT(*) FROM group_attendee a JOIN group_session s ON s.id = a.session_id WHERE s.status = 'signed' AND a.present")
	notes := one("SELECT COUNT(*) FROM service_note WHERE kind = 'group' AND status = 'signed'")
	if notes == 0 || notes != present {
		t.Errorf("%d group notes for %d members present; want one each", notes, present)
	}
	if n := one("SELECT COUNT(*) FROM group_attendee a JOIN group_session s ON s.id = a.session_id WHERE s.status = 'signed' AND NOT a.present AND a.note_id IS NOT NULL"); n != 0 {
		t.Errorf("%d absent members got a note", n)
	}
}
