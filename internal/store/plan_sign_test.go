package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// draftWithCrisis creates a draft of f.SamplePlan(effective) with its
// crisis plan, ready to sign.
func draftWithCrisis(t *testing.T, db *store.DB, f *storetest.Fixture, effective goldthread.Date) goldthread.Plan {
	t.Helper()
	p := f.SamplePlan(effective)
	if err := db.CreatePlan(context.Background(), f.Peer, &p); err != nil {
		t.Fatal(err)
	}
	f.MustCrisisPlan(t, db, p.ID)
	return p
}

// TestPlanSignaturesReauthenticate: the peer, the clinician and a
// participant on their own account sign a plan only after proving who they
// are again, as when signing a note; a failure is audited and saves
// nothing.
func TestPlanSignaturesReauthenticate(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		db.Now = (&storetest.Clock{T: time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)}).Now
		p := draftWithCrisis(t, db, f, goldthread.NewDate(2026, 2, 1))
		signatures := func() int {
			got, err := db.Plan(ctx, f.Peer, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(got.Signatures)
		}
		for _, s := range []struct {
			name  string
			actor goldthread.Actor
			role  string
		}{{"Peer", f.Peer, goldthread.SignerPeer}, {"Clinician", f.Clinician, goldthread.SignerClinician},
			{"ParticipantOwnAccount", f.ParticipantUser, goldthread.SignerParticipant}} {
			t.Run("Err"+s.name+"WithoutPassword", func(t *testing.T) {
				_, err := db.SignPlan(ctx, s.actor, p.ID, store.PlanSignatureInput{Role: s.role})
				wantKind(t, err, goldthread.EINVALID, "password")
			})
			t.Run("Err"+s.name+"WrongPasswordIsAuditedAndSavesNothing", func(t *testing.T) {
				_, err := db.SignPlan(ctx, s.actor, p.ID, store.PlanSignatureInput{Role: s.role, Password: "not my password at all"})
				wantKind(t, err, goldthread.EUNAUTHORIZED, "password")
				evs, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{ActorID: s.actor.UserID, Action: goldthread.ActionSign, Limit: 1})
				if err != nil || len(evs) != 1 || evs[0].Outcome != goldthread.OutcomeFailure || evs[0].RecordType != "plan" ||
					evs[0].RecordID != p.ID || evs[0].Detail != "wrong_password" {
					t.Fatalf("newest sign event: %v %+v; want a failed plan signature", err, evs)
				}
				if n := signatures(); n != 0 {
					t.Fatalf("%d signatures after a refused one", n)
				}
			})
		}
		t.Run("PasskeyProofSignsOnce", func(t *testing.T) {
			proof, err := db.IssueReauthProof(ctx, f.Peer)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.SignPlan(ctx, f.Peer, p.ID, store.PlanSignatureInput{Role: goldthread.SignerPeer, Password: store.ReauthPrefix + proof}); err != nil {
				t.Fatalf("sign with a passkey proof: %v", err)
			}
			_, err = db.SignPlan(ctx, f.Clinician, p.ID, store.PlanSignatureInput{Role: goldthread.SignerClinician, Password: store.ReauthPrefix + proof})
			wantKind(t, err, goldthread.EUNAUTHORIZED, "password")
		})
		t.Run("ParticipantOwnAccountSigns", func(t *testing.T) {
			got, err := db.SignPlan(ctx, f.ParticipantUser, p.ID, store.PlanSignatureInput{Role: goldthread.SignerParticipant, Password: storetest.Password})
			if err != nil || !got.SignedBy(goldthread.SignerParticipant) || got.Signatures[len(got.Signatures)-1].UserID != f.ParticipantUser.UserID {
				t.Fatalf("%v %+v", err, got.Signatures)
			}
		})
	})
}

// TestTypedParticipantSignature: a participant without their own account
// signs on a staff device by typing their whole name as the record holds
// it (the matching itself: TestCheckTypedSignature); a refused name names
// the field and saves nothing, and only staff who serve the participant
// collect the signature.
func TestTypedParticipantSignature(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		p := draftWithCrisis(t, db, f, goldthread.NewDate(2026, 2, 1))
		for _, typed := range []string{"M.B.", "Marcus", "Renee Alvarez"} {
			t.Run("Err"+typed, func(t *testing.T) {
				_, err := db.SignPlan(ctx, f.Peer, p.ID, store.PlanSignatureInput{Role: goldthread.SignerParticipant, Name: typed})
				wantKind(t, err, goldthread.EINVALID, "name")
				if got, _ := db.Plan(ctx, f.Peer, p.ID); len(got.Signatures) != 0 {
					t.Fatalf("a refused name was saved: %+v", got.Signatures)
				}
			})
		}
		t.Run("ErrSupervisorAndBillingDoNotCollectASignature", func(t *testing.T) {
			for _, a := range []goldthread.Actor{f.Supervisor, f.Billing} {
				_, err := db.SignPlan(ctx, a, p.ID, store.PlanSignatureInput{Role: goldthread.SignerParticipant, Name: "Marcus Bell"})
				if goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
					t.Fatalf("%v: err = %v; want EFORBIDDEN", a.Roles, err)
				}
			}
		})
		t.Run("FullNameSignsAsTyped", func(t *testing.T) {
			got, err := db.SignPlan(ctx, f.Clinician, p.ID, store.PlanSignatureInput{Role: goldthread.SignerParticipant, Name: " marcus   BELL "})
			if err != nil || len(got.Signatures) != 1 || got.Signatures[0].Name != "marcus BELL" {
				t.Fatalf("%v %+v", err, got.Signatures)
			}
			evs, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{ActorID: f.Clinician.UserID, Action: goldthread.ActionSign, Limit: 1})
			if err != nil || len(evs) != 1 || evs[0].Detail != "signer=participant typed_name" || strings.Contains(evs[0].Detail, "arcus") {
				t.Fatalf("audit: %v %+v; want the typed signature named, never the name", err, evs)
			}
		})
	})
}

// TestPlanNotInForceBeforeItsLastSignature: a plan effective Feb 1 whose
// clinician signs on Feb 10 is in force from Feb 10 — for the plan in
// force, notes' goal links, the golden thread's stale goals and the
// previous version, which stays in force until then.
func TestPlanNotInForceBeforeItsLastSignature(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		clock := &storetest.Clock{T: time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		v1 := f.MustSignedPlan(t, db, f.SamplePlan(goldthread.NewDate(2026, 1, 5)))
		db.Now = clock.Now
		feb1, feb5, feb10 := goldthread.NewDate(2026, 2, 1), goldthread.NewDate(2026, 2, 5), goldthread.NewDate(2026, 2, 10)
		clock.T = feb1.Add(11 * time.Hour)
		v2, err := db.NewPlanVersion(ctx, f.Peer, v1.ID, feb1)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range []store.PlanSignatureInput{{Role: goldthread.SignerParticipant, Name: "Marcus Bell"},
			{Role: goldthread.SignerPeer, Password: storetest.Password}} {
			if _, err := db.SignPlan(ctx, f.Peer, v2.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		clock.T = feb10.Add(20 * time.Hour)
		signed, err := db.SignPlan(ctx, f.Clinician, v2.ID, store.PlanSignatureInput{Role: goldthread.SignerClinician, Password: storetest.Password})
		if err != nil {
			t.Fatal(err)
		}
		t.Run("InForceFromTheLastSignature", func(t *testing.T) {
			if signed.Status != goldthread.PlanSigned || signed.InForce != feb10 || signed.Effective != feb1 {
				t.Fatalf("status %s, in force %s, effective %s; want signed, in force Feb 10, effective kept Feb 1", signed.Status, signed.InForce, signed.Effective)
			}
			stored, err := db.Plan(ctx, f.Peer, v2.ID)
			if err != nil || stored.InForce != feb10 {
				t.Fatalf("stored in force %s (%v)", stored.InForce, err)
			}
		})
		t.Run("EarlierVersionStaysInForceUntilThen", func(t *testing.T) {
			on5, err := db.PlanInForce(ctx, f.Peer, f.Mine.ID, f.Program.ID, feb5)
			if err != nil || on5.ID != v1.ID {
				t.Fatalf("Feb 5: plan %d (%v); want version 1, %d", on5.ID, err, v1.ID)
			}
			on10, err := db.PlanInForce(ctx, f.Peer, f.Mine.ID, f.Program.ID, feb10)
			if err != nil || on10.ID != v2.ID {
				t.Fatalf("Feb 10: plan %d (%v); want version 2", on10.ID, err)
			}
			list, err := db.ListPlans(ctx, f.Peer, f.Mine.ID)
			if err != nil {
				t.Fatal(err)
			}
			if cur := goldthread.CurrentPlan(list, feb5); cur == nil || cur.ID != v1.ID {
				t.Fatalf("the page's current plan on Feb 5: %+v; want version 1", cur)
			}
		})
		t.Run("NotesLinkToTheVersionInForce", func(t *testing.T) {
			link := func(on goldthread.Date, goal int64) error {
				return db.ReadTx(ctx, func(tx *store.Tx) error {
					return store.CheckGoalLinks(ctx, tx, f.Peer, f.Mine.ID, f.Program.ID, on, []int64{goal}, nil)
				})
			}
			if err := link(feb5, signed.Goals[0].ID); goldthread.ErrorKind(err) != goldthread.EINVALID {
				t.Fatalf("a Feb 5 note linked to version 2, signed Feb 10: %v", err)
			}
			if err := link(feb5, v1.Goals[0].ID); err != nil {
				t.Fatalf("a Feb 5 note cannot link to version 1: %v", err)
			}
			if err := link(feb10, signed.Goals[0].ID); err != nil {
				t.Fatalf("a Feb 10 note cannot link to version 2: %v", err)
			}
		})
		t.Run("ThreadCountsStaleGoalsFromTheLastSignature", func(t *testing.T) {
			clock.T = time.Date(2026, 2, 20, 15, 0, 0, 0, time.UTC) // 19 days after Feb 1, 10 after Feb 10
			th, err := db.GoldenThread(ctx, f.Peer, f.Mine.ID)
			if err != nil || len(th.Plans) != 1 || th.Plans[0].PlanID != v2.ID || th.Plans[0].InForce != feb10 {
				t.Fatalf("%v %+v", err, th.Plans)
			}
			clock.T = time.Date(2026, 3, 5, 15, 0, 0, 0, time.UTC) // 32 days after Feb 1, 23 after Feb 10
			th, err = db.GoldenThread(ctx, f.Peer, f.Mine.ID)
			if err != nil || th.Plans[0].Goals[0].Stale {
				t.Fatalf("a goal of a plan in force 23 days is stale: %v %+v", err, th.Plans[0].Goals[0])
			}
		})
		t.Run("DatabaseRefusesASignedPlanInForceBeforeItsEffectiveDate", func(t *testing.T) {
			p := draftWithCrisis(t, db, f, goldthread.NewDate(2026, 6, 1))
			for _, q := range []string{
				"UPDATE plan SET status = 'signed', in_force_from = '2026-05-01' WHERE id = ?",
				"UPDATE plan SET status = 'signed', in_force_from = NULL WHERE id = ?",
			} {
				if _, err := db.ExecRaw(ctx, q, p.ID); err == nil {
					t.Errorf("%s: the database took it", q)
				}
			}
		})
		t.Run("IntegrityHoldsAndCoversTheInForceDate", func(t *testing.T) {
			res, err := db.VerifyPlan(ctx, f.Auditor, v2.ID)
			if err != nil || !res.OK {
				t.Fatalf("%v %+v", err, res)
			}
		})
	})
}
