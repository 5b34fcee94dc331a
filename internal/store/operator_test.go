package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// The store never reads a missing agency or a missing role as "all":
// agency 0 is refused, an actor with no role is refused, and only the
// explicit operator of a command does setup without one, audited as such.
func TestFailClosedScoping(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)

		if _, err := db.Programs(ctx, 0); goldthread.ErrorKind(err) != goldthread.EINVALID {
			t.Errorf("Programs of agency 0: %v; want EINVALID, never every agency's", err)
		}
		if _, err := db.Program(ctx, 0, f.Program.ID); goldthread.ErrorKind(err) != goldthread.EINVALID {
			t.Errorf("Program of agency 0: %v; want EINVALID", err)
		}
		all, err := db.EveryProgram(ctx)
		if err != nil || len(all) != 1 || all[0].ID != f.Program.ID {
			t.Errorf("EveryProgram: %+v %v; want the fixture's one program", all, err)
		}

		// The actor the old setup code passed: an agency and nobody.
		nobody := goldthread.Actor{AgencyID: f.Agency.ID}
		p := goldthread.Participant{FirstName: "Ines", LastName: "Operator", BirthDate: goldthread.NewDate(1988, 3, 9)}
		if err := db.CreateParticipant(ctx, nobody, &p); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Errorf("CreateParticipant with no role: %v; want EFORBIDDEN", err)
		}
		op := goldthread.Operator(f.Agency.ID, "goldthread test")
		if err := db.CreateParticipant(ctx, op, &p); err != nil {
			t.Fatalf("CreateParticipant as the operator: %v", err)
		}
		start := goldthread.NewDate(2026, 2, 2)
		for _, a := range []goldthread.Actor{nobody, f.Peer, f.Billing, f.Auditor} {
			if err := db.Enroll(ctx, a, p.ID, f.Program.ID, start); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Errorf("Enroll as %q: %v; want EFORBIDDEN", a.PrimaryRole(), err)
			}
			if err := db.AssignCaseload(ctx, a, p.ID, f.Peer.UserID, start); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Errorf("AssignCaseload as %q: %v; want EFORBIDDEN", a.PrimaryRole(), err)
			}
		}
		if err := db.Enroll(ctx, op, p.ID, f.Program.ID, start); err != nil {
			t.Fatalf("Enroll as the operator: %v", err)
		}
		if err := db.AssignCaseload(ctx, op, p.ID, f.Peer.UserID, start); err != nil {
			t.Fatalf("AssignCaseload as the operator: %v", err)
		}

		evs, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{ParticipantID: p.ID})
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]bool{}
		for _, ev := range evs {
			if ev.ActorRole != goldthread.RoleOperator || ev.ActorID != 0 {
				t.Errorf("%s %s audited as %q (user %d); want the operator", ev.Action, ev.RecordType, ev.ActorRole, ev.ActorID)
			}
			kinds[ev.RecordType] = true
		}
		if len(kinds) < 3 {
			t.Errorf("audited %v; want the participant, the enrolment and the caseload, each as the operator", kinds)
		}
	})
}
