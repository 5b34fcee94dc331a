package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestSignProblems: everything that would stop signing is listed before
// the author attests, all at once, each with the fix the signing page can
// apply in place; signing then refuses the same draft and locks nothing.
func TestSignProblems(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		byField := func(ps []goldthread.SignProblem) map[string]goldthread.SignProblem {
			out := map[string]goldthread.SignProblem{}
			for _, p := range ps {
				out[p.Field] = p
			}
			return out
		}
		t.Run("MissingTypeOfServiceAndABillableCollateralContactAreBothListed", func(t *testing.T) {
			n := e.draft(t, func(in *store.NoteInput) {
				in.Category, in.Kind, in.OthersPresent = "", goldthread.NoteCollateral, "sister"
			})
			ps, err := db.SignProblems(ctx, e.f.Peer, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			got := byField(ps)
			if got["category"].Remedy != goldthread.RemedyCategory || got["category"].RuleID != rules.RuleRequiredElements {
				t.Errorf("missing type of service: %+v", got["category"])
			}
			if got["billable"].Remedy != goldthread.RemedyNonBillable || got["billable"].RuleID != rules.RuleCollateral {
				t.Errorf("billable collateral contact in NC 8G: %+v", got["billable"])
			}
			if _, _, err := e.sign(n); goldthread.ErrorKind(err) != goldthread.EINVALID {
				t.Fatalf("signing a draft with problems: %v", err)
			}
			if cur, _ := db.Note(ctx, e.f.Peer, n.ID); cur.Status != goldthread.NoteDraft {
				t.Fatal("a refused draft was locked")
			}
			// The fixes the signing page applies: a reason is required to
			// mark a note non-billable, and a stale version is refused.
			_, err = db.FixDraft(ctx, e.f.Peer, n.ID, store.SignFix{Remedy: goldthread.RemedyNonBillable, Version: n.Version})
			wantKind(t, err, goldthread.EINVALID, "non_billable_reason")
			fixed, err := db.FixDraft(ctx, e.f.Peer, n.ID, store.SignFix{Remedy: goldthread.RemedyCategory, Version: n.Version, Category: "peer_mentoring_coaching"})
			if err != nil || fixed.Category != "peer_mentoring_coaching" || fixed.PeerAction != n.PeerAction {
				t.Fatalf("category fix: %+v %v", fixed, err)
			}
			_, err = db.FixDraft(ctx, e.f.Peer, n.ID, store.SignFix{Remedy: goldthread.RemedyNonBillable, Version: n.Version, NonBillableReason: "Family time."})
			wantKind(t, err, goldthread.ECONFLICT, "")
			fixed, err = db.FixDraft(ctx, e.f.Peer, n.ID, store.SignFix{Remedy: goldthread.RemedyNonBillable, Version: fixed.Version,
				NonBillableReason: "NC 8G does not pay for time with family."})
			if err != nil || fixed.Billable || fixed.Category != "peer_mentoring_coaching" {
				t.Fatalf("non-billable fix: %+v %v", fixed, err)
			}
			if ps, err := db.SignProblems(ctx, e.f.Peer, n.ID); err != nil || len(ps) != 0 {
				t.Fatalf("after the fixes: %+v %v", ps, err)
			}
			e.mustSign(t, fixed)
		})
		t.Run("TheAuthorsOwnGroupBlocksAnOverlappingNote", func(t *testing.T) {
			start := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
			g, err := db.CreateGroupSession(ctx, e.f.Peer, store.GroupSessionInput{ProgramID: e.f.Program.ID, Topic: "Coping skills",
				ServiceDate: goldthread.DateOf(start), Start: start, End: start.Add(75 * time.Minute), Location: "community", Modality: "in_person",
				Category: "skills_building_recovery_group", SharedDescription: "We practised grounding skills.", NextSteps: "Try one skill daily."})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.SetAttendee(ctx, e.f.Peer, g.ID, goldthread.GroupAttendee{ParticipantID: e.f.MineToo.ID, Present: true, Response: "Tried box breathing."}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SignGroupSession(ctx, e.f.Peer, g.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest."}); err != nil {
				t.Fatal(err)
			}
			n := e.draft(t, func(in *store.NoteInput) { in.Start, in.End = start.Add(time.Hour), start.Add(105*time.Minute) })
			ps, err := db.SignProblems(ctx, e.f.Peer, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			p, ok := byField(ps)["start"]
			if !ok || p.RuleID != rules.RuleOverlapAuthor || p.Remedy != goldthread.RemedyTimes || p.Other == nil || p.Other.Topic != "Coping skills" || p.Other.GroupSessionID != g.ID {
				t.Fatalf("problems = %+v; want the overlap with the group named", ps)
			}
			if _, _, err := e.sign(n); goldthread.ErrorField(err) != "start" {
				t.Fatalf("signing over the author's own group: %v", err)
			}
			// Times after the group: nothing left to fix.
			fixed, err := db.FixDraft(ctx, e.f.Peer, n.ID, store.SignFix{Remedy: goldthread.RemedyTimes, Version: n.Version,
				Start: start.Add(90 * time.Minute), End: start.Add(135 * time.Minute)})
			if err != nil {
				t.Fatal(err)
			}
			if ps, err := db.SignProblems(ctx, e.f.Peer, n.ID); err != nil || len(ps) != 0 {
				t.Fatalf("after moving the times: %+v %v", ps, err)
			}
			e.mustSign(t, fixed)
		})
		t.Run("OnlyTheAuthorAsks", func(t *testing.T) {
			n := e.draft(t)
			if _, err := db.SignProblems(ctx, e.f.Supervisor, n.ID); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("supervisor: %v", err)
			}
			if _, err := db.SignProblems(ctx, e.f.OtherPeer, n.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("another peer: %v", err)
			}
		})
	})
}
