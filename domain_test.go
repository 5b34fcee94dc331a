package goldthread_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
)

func TestDate(t *testing.T) {
	d, err := goldthread.ParseDate("2026-02-28")
	if err != nil || d.String() != "2026-02-28" {
		t.Fatalf("%v %v", d, err)
	}
	for _, bad := range []string{"2026-02-30", "02/28/2026", "", "2026-2-8"} {
		if _, err := goldthread.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	var back goldthread.Date
	for _, src := range []any{"2026-02-28", []byte("2026-02-28"), "2026-02-28 00:00:00+00:00", time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)} {
		if err := back.Scan(src); err != nil || back != d {
			t.Errorf("Scan(%v) = %v, %v", src, back, err)
		}
	}
	if err := back.Scan(nil); err != nil || !back.IsZero() {
		t.Error("NULL must scan as the zero date")
	}
	if v, _ := (goldthread.Date{}).Value(); v != nil {
		t.Error("the zero date must store as NULL")
	}
	b, _ := json.Marshal(struct{ D goldthread.Date }{d})
	if string(b) != `{"D":"2026-02-28"}` {
		t.Errorf("JSON %s", b)
	}
	birth := goldthread.NewDate(1985, 11, 24)
	if a := birth.AgeOn(goldthread.NewDate(2026, 11, 23)); a != 40 {
		t.Errorf("age the day before the birthday = %d; want 40", a)
	}
	if a := birth.AgeOn(goldthread.NewDate(2026, 11, 24)); a != 41 {
		t.Errorf("age on the birthday = %d; want 41", a)
	}
}

func TestErrors(t *testing.T) {
	err := fmt.Errorf("store: %w", goldthread.FieldError("birth_date", "Enter the date of birth."))
	if goldthread.ErrorKind(err) != goldthread.EINVALID || goldthread.ErrorField(err) != "birth_date" || goldthread.ErrorMessage(err) != "Enter the date of birth." {
		t.Fatalf("wrapped error lost its kind, field or message: %v", err)
	}
	internal := errors.New("pq: connection refused at 10.0.0.3")
	if goldthread.ErrorKind(internal) != goldthread.EINTERNAL {
		t.Error("a plain error must be internal")
	}
	if msg := goldthread.ErrorMessage(internal); msg == internal.Error() {
		t.Error("an internal error's text must never reach the user")
	}
	if goldthread.ErrorKind(nil) != "" {
		t.Error("nil has no kind")
	}
}

func TestActorRoles(t *testing.T) {
	admin := goldthread.Actor{UserID: 1, Roles: []goldthread.Role{goldthread.RoleAdministrator}}
	if goldthread.CanReadParticipants(admin) {
		t.Error("an administrator alone must not read participant records")
	}
	adminClin := goldthread.Actor{UserID: 1, Roles: []goldthread.Role{goldthread.RoleAdministrator, goldthread.RoleClinician}}
	if !goldthread.CanReadParticipants(adminClin) || adminClin.PrimaryRole() != goldthread.RoleClinician {
		t.Error("an administrator who is also a clinician reads records, with the clinician's home")
	}
	if !(goldthread.Actor{}).Anonymous() || goldthread.Role("nurse").Valid() {
		t.Error("anonymous or role validity wrong")
	}
}
