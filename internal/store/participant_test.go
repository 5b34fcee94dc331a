package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func ids(ps []goldthread.Participant) []int64 {
	var out []int64
	for _, p := range ps {
		out = append(out, p.ID)
	}
	slices.Sort(out)
	return out
}

func sorted(xs ...int64) []int64 { slices.Sort(xs); return xs }

// TestParticipantScope protects the access rule of every role: who reaches
// which participant, in lists and in single reads.
func TestParticipantScope(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		all := sorted(f.Mine.ID, f.MineToo.ID, f.Others.ID)
		cases := []struct {
			name  string
			actor goldthread.Actor
			want  []int64
		}{
			{"PeerReachesOnlyOwnCaseload", f.Peer, sorted(f.Mine.ID, f.MineToo.ID)},
			{"OtherPeerReachesOnlyOwnCaseload", f.OtherPeer, sorted(f.Others.ID)},
			{"SupervisorReachesTeamCaseloads", f.Supervisor, sorted(f.Mine.ID, f.MineToo.ID)},
			{"ClinicianReachesAgency", f.Clinician, all},
			{"BillingReachesAgency", f.Billing, all},
			{"AuditorReachesAgency", f.Auditor, all},
			{"ParticipantReachesThemselves", f.ParticipantUser, sorted(f.Mine.ID)},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got, err := db.ListParticipants(ctx, c.actor, goldthread.ParticipantFilter{})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(ids(got), c.want) {
					t.Fatalf("list = %v; want %v", ids(got), c.want)
				}
				for _, p := range []goldthread.Participant{f.Mine, f.MineToo, f.Others, f.Foreign} {
					_, err := db.Participant(ctx, c.actor, p.ID)
					reach := slices.Contains(c.want, p.ID)
					if reach && err != nil {
						t.Errorf("read %d: %v; want allowed", p.ID, err)
					}
					if !reach && goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
						t.Errorf("read %d: err = %v; want ENOTFOUND", p.ID, err)
					}
				}
			})
		}
		t.Run("AdministratorAloneReadsNoRecords", func(t *testing.T) {
			_, err := db.ListParticipants(ctx, f.Admin, goldthread.ParticipantFilter{})
			if goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("err = %v; want EFORBIDDEN", err)
			}
			if _, err := db.Participant(ctx, f.Admin, f.Mine.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("read err = %v; want ENOTFOUND", err)
			}
		})
		t.Run("AnonymousReachesNobody", func(t *testing.T) {
			if _, err := db.Participant(ctx, goldthread.Actor{}, f.Mine.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v; want ENOTFOUND", err)
			}
		})
		t.Run("ReassignmentMovesReach", func(t *testing.T) {
			sys := goldthread.Operator(f.Agency.ID, "test setup")
			if err := db.AssignCaseload(ctx, sys, f.Others.ID, f.Peer.UserID, goldthread.NewDate(2026, 3, 1)); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Participant(ctx, f.Peer, f.Others.ID); err != nil {
				t.Fatalf("new peer cannot read: %v", err)
			}
			if _, err := db.Participant(ctx, f.OtherPeer, f.Others.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("old peer still reads: %v", err)
			}
		})
	})
}

func TestParticipantRead(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		t.Run("OK", func(t *testing.T) {
			p, err := db.Participant(ctx, f.Peer, f.Mine.ID)
			if err != nil {
				t.Fatal(err)
			}
			if p.DisplayName() != "Marcus Bell" || p.BirthDate != goldthread.NewDate(1985, 4, 12) || p.MedicaidID != "900000001Q" {
				t.Fatalf("got %+v", p)
			}
			if len(p.Enrollments) != 1 || p.Enrollments[0].RulePack != "us-nc-medicaid-8g-pss" {
				t.Fatalf("enrollments = %+v", p.Enrollments)
			}
			if len(p.AssignedPeers) != 1 || p.AssignedPeers[0].PeerName != "Pat Peer" {
				t.Fatalf("assigned = %+v", p.AssignedPeers)
			}
		})
		t.Run("SearchByName", func(t *testing.T) {
			got, err := db.ListParticipants(ctx, f.Clinician, goldthread.ParticipantFilter{Query: "alv"})
			if err != nil || len(got) != 1 || got[0].ID != f.MineToo.ID {
				t.Fatalf("got %v, %v", ids(got), err)
			}
		})
		t.Run("ReadsAreAudited", func(t *testing.T) {
			if _, err := db.Participant(ctx, f.Peer, f.MineToo.ID); err != nil {
				t.Fatal(err)
			}
			db.Participant(ctx, f.Peer, f.Others.ID) // denied
			evs, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{ActorID: f.Peer.UserID})
			if err != nil {
				t.Fatal(err)
			}
			var read, denied bool
			for _, ev := range evs {
				if ev.Action == goldthread.ActionRead && ev.ParticipantID == f.MineToo.ID && ev.Outcome == goldthread.OutcomeSuccess {
					read = true
				}
				if ev.Action == goldthread.ActionRead && ev.RecordID == f.Others.ID && ev.Outcome == goldthread.OutcomeDenied {
					denied = true
				}
			}
			if !read || !denied {
				t.Fatalf("read audited %v, denied audited %v; events %+v", read, denied, evs)
			}
		})
	})
}

func TestCreateParticipantValidation(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		ok := func() goldthread.Participant {
			return goldthread.Participant{FirstName: "Ana", LastName: "Lopez", BirthDate: goldthread.NewDate(1990, 2, 3)}
		}
		cases := []struct {
			field string
			mut   func(*goldthread.Participant)
		}{
			{"first_name", func(p *goldthread.Participant) { p.FirstName = "  " }},
			{"last_name", func(p *goldthread.Participant) { p.LastName = "" }},
			{"birth_date", func(p *goldthread.Participant) { p.BirthDate = goldthread.Date{} }},
			{"birth_date", func(p *goldthread.Participant) { p.BirthDate = goldthread.NewDate(2999, 1, 1) }},
			{"gender", func(p *goldthread.Participant) { p.Gender = "X1" }},
		}
		for _, c := range cases {
			t.Run("Err_"+c.field, func(t *testing.T) {
				p := ok()
				c.mut(&p)
				err := db.CreateParticipant(ctx, f.Clinician, &p)
				if goldthread.ErrorKind(err) != goldthread.EINVALID || goldthread.ErrorField(err) != c.field {
					t.Fatalf("err = %v; want EINVALID on %s", err, c.field)
				}
				if p.ID != 0 {
					t.Fatal("an invalid participant was saved")
				}
			})
		}
		t.Run("ErrPeerCannotRegister", func(t *testing.T) {
			p := ok()
			if err := db.CreateParticipant(ctx, f.Peer, &p); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("err = %v; want EFORBIDDEN", err)
			}
		})
		t.Run("OK", func(t *testing.T) {
			p := ok()
			if err := db.CreateParticipant(ctx, f.Clinician, &p); err != nil || p.ID == 0 || p.Gender != "U" {
				t.Fatalf("err = %v, %+v", err, p)
			}
		})
	})
}
