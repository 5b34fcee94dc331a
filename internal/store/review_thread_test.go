package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

func itemIDs(items []goldthread.ReviewItem) []int64 {
	var out []int64
	for _, it := range items {
		out = append(out, it.Note.ID)
	}
	return out
}

func TestReviewQueue(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		newer, older := e.signed(t), e.signed(t) // older: a slot further back
		approvedNote := e.signed(t)
		if _, err := db.ApproveNotes(ctx, e.f.Supervisor, []int64{approvedNote.ID}, storetest.Password); err != nil {
			t.Fatal(err)
		}
		t.Run("OldestFirstWithFindingsLinksAndPeer", func(t *testing.T) {
			q, err := db.ReviewQueue(ctx, e.f.Supervisor)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(itemIDs(q.Awaiting), []int64{older.ID, newer.ID}) {
				t.Fatalf("awaiting = %v; want oldest first %v (approved %d left out)", itemIDs(q.Awaiting), []int64{older.ID, newer.ID}, approvedNote.ID)
			}
			it := q.Awaiting[0]
			if it.Note.AuthorName != "Pat Peer" || it.ParticipantName != "Marcus Bell" || it.ProgramName != e.f.Program.Name ||
				len(it.Links) != 1 || it.Links[0].Goal == "" || it.Links[0].Intervention == "" ||
				!slices.Contains(it.Reasons, goldthread.ReviewBecauseProgram) {
				t.Fatalf("item = %+v", it)
			}
		})
		t.Run("DraftsHeldByABlockFindingAreListed", func(t *testing.T) {
			e.offset++
			held := e.draft(t, at(e.offset), func(in *store.NoteInput) { in.PeerAction = "I counseled him about the landlord calls." })
			plain := e.draft(t, at(e.offset+1))
			e.offset++
			q, err := db.ReviewQueue(ctx, e.f.Supervisor)
			if err != nil || !slices.Contains(itemIDs(q.Held), held.ID) || slices.Contains(itemIDs(q.Held), plain.ID) ||
				slices.Contains(itemIDs(q.Awaiting), held.ID) {
				t.Fatalf("held drafts = %v (held %d, plain %d), %v", itemIDs(q.Held), held.ID, plain.ID, err)
			}
		})
		t.Run("OnlySupervisorsHaveAQueue", func(t *testing.T) {
			_, err := db.ReviewQueue(ctx, e.f.Peer)
			wantKind(t, err, goldthread.EFORBIDDEN, "")
			q, err := db.ReviewQueue(ctx, e.stranger)
			if err != nil || len(q.Awaiting) != 0 {
				t.Fatalf("a supervisor of nobody sees %v, %v", itemIDs(q.Awaiting), err)
			}
			q, err = db.ReviewQueue(ctx, e.alternate)
			if err != nil || len(q.Awaiting) != 2 {
				t.Fatalf("the alternate sees %v, %v; want the 2 awaiting notes", itemIDs(q.Awaiting), err)
			}
		})
		t.Run("AFindingOrAgencyPolicyIsAReason", func(t *testing.T) {
			flagged := e.signed(t, func(in *store.NoteInput) {
				in.PeerAction = "He seemed paranoid about the landlord; we made two calls together."
			})
			it, err := db.ReviewNote(ctx, e.f.Supervisor, flagged.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(it.Reasons, goldthread.ReviewBecauseFindings) || !slices.ContainsFunc(it.Findings, func(f goldthread.ReviewFinding) bool {
				return f.Source == "coach" && f.Severity == "warn"
			}) {
				t.Fatalf("flagged note: reasons %v findings %+v", it.Reasons, it.Findings)
			}
			if err := db.SetReviewAllNotes(ctx, e.f.Supervisor, true, ""); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("a supervisor set agency policy: %v", err)
			}
			if err := db.SetReviewAllNotes(ctx, e.f.Admin, true, "Quality project"); err != nil {
				t.Fatal(err)
			}
			it, err = db.ReviewNote(ctx, e.f.Supervisor, newer.ID)
			if err != nil || !slices.Contains(it.Reasons, goldthread.ReviewBecauseAgency) {
				t.Fatalf("reasons under agency policy = %v, %v", it.Reasons, err)
			}
		})
		t.Run("ReturnThenAddendumBringsItBack", func(t *testing.T) {
			_, err := db.ReturnNote(ctx, e.f.Supervisor, newer.ID, "  ")
			wantKind(t, err, goldthread.EINVALID, "comment")
			if _, err := db.ReturnNote(ctx, e.f.Supervisor, newer.ID, "Say which goal the calls served."); err != nil {
				t.Fatal(err)
			}
			q, err := db.ReviewQueue(ctx, e.f.Supervisor)
			if err != nil || slices.Contains(itemIDs(q.Awaiting), newer.ID) || !slices.Contains(itemIDs(q.Returned), newer.ID) {
				t.Fatalf("after return: awaiting %v returned %v, %v", itemIDs(q.Awaiting), itemIDs(q.Returned), err)
			}
			mine, err := db.ReturnedNotes(ctx, e.f.Peer)
			if err != nil || !slices.Equal(itemIDs(mine), []int64{newer.ID}) || mine[0].Comments[0].Body != "Say which goal the calls served." {
				t.Fatalf("the author's returned notes = %v, %v", itemIDs(mine), err)
			}
			if _, err := db.CommentOnNote(ctx, e.f.Peer, newer.ID, "Adding it now."); err != nil {
				t.Fatal(err)
			}
			if _, err := db.AddAddendum(ctx, e.f.Peer, newer.ID, store.AddendumInput{Kind: goldthread.AddendumClarification,
				Body: "The calls served the housing goal.", Password: storetest.Password, Attestation: "I attest."}); err != nil {
				t.Fatal(err)
			}
			q, err = db.ReviewQueue(ctx, e.f.Supervisor)
			if err != nil || !slices.Contains(itemIDs(q.Awaiting), newer.ID) || len(q.Returned) != 0 {
				t.Fatalf("after the addendum: awaiting %v returned %v, %v", itemIDs(q.Awaiting), itemIDs(q.Returned), err)
			}
			if mine, _ := db.ReturnedNotes(ctx, e.f.Peer); len(mine) != 0 {
				t.Fatalf("still returned for the author: %v", itemIDs(mine))
			}
			it, err := db.ReviewNote(ctx, e.f.Peer, newer.ID)
			if err != nil || len(it.Comments) != 2 || it.Comments[0].Kind != goldthread.ReviewKindReturn || it.Comments[1].Kind != goldthread.ReviewKindReply {
				t.Fatalf("thread = %+v, %v", it.Comments, err)
			}
		})
		t.Run("OnlyTheirSupervisorReturnsOrComments", func(t *testing.T) {
			_, err := db.ReturnNote(ctx, e.stranger, older.ID, "Fix it.")
			wantKind(t, err, goldthread.EFORBIDDEN, "")
			_, err = db.CommentOnNote(ctx, e.stranger, older.ID, "Looks fine.")
			wantKind(t, err, goldthread.EFORBIDDEN, "")
			_, err = db.ReturnNote(ctx, e.f.Peer, older.ID, "Fix it.")
			wantKind(t, err, goldthread.EFORBIDDEN, "")
			_, err = db.ReturnNote(ctx, e.f.OtherPeer, older.ID, "Fix it.")
			wantKind(t, err, goldthread.ENOTFOUND, "")
			if _, err := db.ReturnNote(ctx, e.alternate, older.ID, "Please add the participant's words."); err != nil {
				t.Fatalf("the alternate could not return: %v", err)
			}
			_, err = db.ReturnNote(ctx, e.f.Supervisor, approvedNote.ID, "Too late.")
			wantKind(t, err, goldthread.ECONFLICT, "")
		})
	})
}

func TestOverrideFinding(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		n := e.signed(t, func(in *store.NoteInput) {
			in.PeerAction = "Drove him to the housing office; we planned the first week in the new place together."
		})
		it, err := db.ReviewNote(ctx, e.f.Supervisor, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(it.Findings, func(f goldthread.ReviewFinding) bool { return f.Source == "rules" && f.Blocks() })
		if i < 0 {
			t.Fatalf("no block-level rules finding on a note that describes a ride: %+v", it.Findings)
		}
		rule := it.Findings[i].RuleID
		_, err = db.OverrideFinding(ctx, e.f.Supervisor, n.ID, rule, "")
		wantKind(t, err, goldthread.EINVALID, "reason")
		_, err = db.OverrideFinding(ctx, e.f.Supervisor, n.ID, "no.such.rule", "Does not apply.")
		wantKind(t, err, goldthread.EINVALID, "rule_id")
		_, err = db.OverrideFinding(ctx, e.f.Supervisor, n.ID, rules.RuleSupervisorApproval, "Approval by override.")
		wantKind(t, err, goldthread.EINVALID, "rule_id")
		_, err = db.OverrideFinding(ctx, e.stranger, n.ID, rule, "Does not apply.")
		wantKind(t, err, goldthread.EFORBIDDEN, "")
		before := countRaw(t, db, "SELECT COUNT(*) FROM audit_event WHERE record_type = ?", "finding_override")
		if _, err := db.OverrideFinding(ctx, e.f.Supervisor, n.ID, rule, "The ride was the planned practice of getting to the housing office."); err != nil {
			t.Fatal(err)
		}
		if countRaw(t, db, "SELECT COUNT(*) FROM audit_event WHERE record_type = ?", "finding_override") != before+1 {
			t.Fatal("the override was not audited")
		}
		var overridden bool
		db.ReadTx(ctx, func(tx *store.Tx) error {
			overridden, err = store.FindingOverriddenTx(ctx, tx, n.ID, rule)
			return err
		})
		if !overridden {
			t.Fatal("FindingOverriddenTx is false after the override")
		}
		_, err = db.OverrideFinding(ctx, e.f.Supervisor, n.ID, rule, "Again.")
		wantKind(t, err, goldthread.EINVALID, "rule_id")
	})
}
