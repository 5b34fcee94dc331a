package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestProgramAdmin: an administrator adds a program bound to a rule pack
// (payer and state from the pack), renames it, gives it a time zone and
// deactivates it; the pack stays once notes are written under it.
func TestProgramAdmin(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		f := e.f
		p := goldthread.Program{Name: " Peer Support — Sacramento ", RulePack: "us-ca-medi-cal-peer-support", TimeZone: "America/Los_Angeles"}
		if err := db.AddProgram(ctx, f.Admin, &p); err != nil {
			t.Fatal(err)
		}
		got, err := db.Program(ctx, f.Agency.ID, p.ID)
		if err != nil || got.Name != "Peer Support — Sacramento" || got.State != "CA" || got.Payer == "" || got.TimeZone != "America/Los_Angeles" || !got.Active {
			t.Fatalf("%+v %v", got, err)
		}
		for name, c := range map[string]struct {
			actor       goldthread.Actor
			p           goldthread.Program
			kind, field string
		}{
			"Supervisor":  {f.Supervisor, goldthread.Program{Name: "X", RulePack: "us-ca-medi-cal-peer-support"}, goldthread.EFORBIDDEN, ""},
			"NoName":      {f.Admin, goldthread.Program{Name: " ", RulePack: "us-ca-medi-cal-peer-support"}, goldthread.EINVALID, "name"},
			"UnknownPack": {f.Admin, goldthread.Program{Name: "X", RulePack: "us-tx-medicaid"}, goldthread.EINVALID, "rule_pack"},
			"UnknownZone": {f.Admin, goldthread.Program{Name: "X", RulePack: "us-ca-medi-cal-peer-support", TimeZone: "Pacific"}, goldthread.EINVALID, "time_zone"},
			"SameName":    {f.Admin, goldthread.Program{Name: "Peer Support — Sacramento", RulePack: "us-ca-medi-cal-peer-support"}, goldthread.ECONFLICT, "name"},
		} {
			t.Run("ErrAdd"+name, func(t *testing.T) {
				q := c.p
				err := db.AddProgram(ctx, c.actor, &q)
				if goldthread.ErrorKind(err) != c.kind || goldthread.ErrorField(err) != c.field {
					t.Fatalf("err = %v; want %s %q", err, c.kind, c.field)
				}
			})
		}
		upd := got
		upd.Name, upd.TimeZone, upd.Active = "Peer Support — Sacramento County", "", false
		if got, err = db.UpdateProgram(ctx, f.Admin, p.ID, upd); err != nil || got.Name != upd.Name || got.TimeZone != "" || got.Active {
			t.Fatalf("update: %+v %v", got, err)
		}
		// The fixture's NC program has notes: its pack stays.
		e.draft(t)
		nc := f.Program
		nc.RulePack = "us-ny-omh-mhotrs-pss"
		if _, err := db.UpdateProgram(ctx, f.Admin, nc.ID, nc); goldthread.ErrorField(err) != "rule_pack" {
			t.Fatalf("changing the pack of a program with notes: %v", err)
		}
		if _, err := db.UpdateProgram(ctx, f.Supervisor, nc.ID, f.Program); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
			t.Fatalf("a supervisor changed a program: %v", err)
		}
	})
}

// TestProgramZoneGovernsItsNotes: in an agency on New York time, a program
// on Los Angeles time dates a 9:30 PM service by its own clock (it is past
// midnight in New York) and signs it.
func TestProgramZoneGovernsItsNotes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		inNewYork(t, db, e.f)
		la := mustZone("America/Los_Angeles")
		prog := e.f.Program
		prog.TimeZone = "America/Los_Angeles"
		if _, err := db.UpdateProgram(ctx, e.f.Admin, prog.ID, prog); err != nil {
			t.Fatal(err)
		}
		e.clock.T = time.Date(2026, 3, 11, 9, 0, 0, 0, la)
		n := e.draft(t, func(in *store.NoteInput) {
			in.ServiceDate = goldthread.NewDate(2026, 3, 10)
			in.Start = time.Date(2026, 3, 10, 21, 30, 0, 0, la)
			in.End = in.Start.Add(45 * time.Minute)
		})
		if _, _, err := e.sign(n); err != nil {
			t.Fatalf("a 9:30 PM service in Los Angeles, dated by its program's clock: %v", err)
		}
	})
}
