package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func hasCoachRule(fs []coach.Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

func TestNoteFindingsOnADraft(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		n := e.draft(t, func(in *store.NoteInput) {
			in.PeerAction = "I counseled him about the landlord calls."
			in.Goals, in.Modality = nil, "video"
		})
		if _, err := db.SetRuleOverride(ctx, e.f.Admin, ncPack, "modalities.video.allowed", "false", "MCO contract: no video"); err != nil {
			t.Fatal(err)
		}
		t.Run("RulesAndCoachAsSigningWouldSee", func(t *testing.T) {
			rf, cf, err := db.NoteFindings(ctx, e.f.Peer, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !hasRuleFinding(rf, rules.RuleModality) || !hasCoachRule(cf, "scope.counseled") {
				t.Fatalf("rules %+v coach %+v", rf, cf)
			}
			for i := 1; i < len(rf); i++ {
				if rf[i-1].Severity != rules.BlockSigning && rf[i].Severity == rules.BlockSigning {
					t.Fatalf("a block_signing finding after a weaker one: %+v", rf)
				}
			}
		})
		t.Run("OutOfReach", func(t *testing.T) {
			_, _, err := db.NoteFindings(ctx, e.f.OtherPeer, n.ID)
			wantKind(t, err, goldthread.ENOTFOUND, "")
		})
		t.Run("SupervisorDismissalHidesTheCoachFinding", func(t *testing.T) {
			if err := db.DismissCoachFinding(ctx, e.f.Supervisor, n.ID, "peer_action", "scope.counseled", "counseled him", "peer language here"); err != nil {
				t.Fatal(err)
			}
			_, cf, err := db.NoteFindings(ctx, e.f.Peer, n.ID)
			if err != nil || hasCoachRule(cf, "scope.counseled") {
				t.Fatalf("%v %+v", err, cf)
			}
		})
	})
}

func TestNoteFindingsOnASignedNote(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		if _, err := db.SetRuleOverride(ctx, e.f.Admin, ncPack, "modalities.video.allowed", "false", "MCO contract: no video"); err != nil {
			t.Fatal(err)
		}
		n := e.mustSign(t, e.draft(t, func(in *store.NoteInput) {
			in.Modality = "video"
			in.NextSteps = "He refused to plan the next visit."
		}))
		e.clock.T = e.clock.T.Add(20 * 24 * time.Hour)
		t.Run("StoredWithTheSignature", func(t *testing.T) {
			stored, signed, err := db.SignatureFindings(ctx, e.f.Supervisor, n.ID)
			if err != nil || !signed || !hasRuleFinding(stored, rules.RuleModality) {
				t.Fatalf("%v %+v", err, stored)
			}
		})
		t.Run("RecheckUsesTheSignatureTime", func(t *testing.T) {
			rf, cf, err := db.NoteFindings(ctx, e.f.Supervisor, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			if hasRuleFinding(rf, rules.RuleLate) || !hasRuleFinding(rf, rules.RuleModality) || !hasCoachRule(cf, "judgment.refused") {
				t.Fatalf("rules %+v coach %+v", rf, cf)
			}
		})
		t.Run("BillingGetsRulesButNoText", func(t *testing.T) {
			rf, cf, err := db.NoteFindings(ctx, e.f.Billing, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(cf) != 0 || !hasRuleFinding(rf, rules.RuleModality) || hasRuleFinding(rf, rules.RuleRequiredElements) {
				t.Fatalf("rules %+v coach %+v", rf, cf)
			}
		})
		t.Run("ADraftHasNoStoredFindings", func(t *testing.T) {
			d := e.draft(t)
			if stored, signed, err := db.SignatureFindings(ctx, e.f.Peer, d.ID); err != nil || signed || stored != nil {
				t.Fatalf("%v %+v", err, stored)
			}
		})
	})
}
