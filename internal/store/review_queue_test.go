package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// reviewEnv adds to noteEnv an alternate supervisor of Peer and a
// supervisor who reaches every participant (also a clinician) but
// supervises nobody.
type reviewEnv struct {
	*noteEnv
	alternate, stranger goldthread.Actor
	offset              int
}

func newReviewEnv(t *testing.T, db *store.DB) *reviewEnv {
	t.Helper()
	ctx := context.Background()
	e := &reviewEnv{noteEnv: newNoteEnv(t, db)}
	hash, err := password.Hash(storetest.Password, password.Params{Memory: 64, Time: 1, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	staff := func(email, name string, roles ...goldthread.Role) goldthread.Actor {
		s := goldthread.Staff{AgencyID: e.f.Agency.ID, Email: email, Name: name, Roles: roles, Credential: "LCSW"}
		if err := db.CreateStaff(ctx, &s, hash, 0); err != nil {
			t.Fatal(err)
		}
		return goldthread.Actor{UserID: s.ID, AgencyID: e.f.Agency.ID, Name: name, Roles: roles}
	}
	e.alternate = staff("alt@fixture.test", "Al Alternate", goldthread.RoleSupervisor)
	e.stranger = staff("stranger@fixture.test", "Stu Stranger", goldthread.RoleSupervisor, goldthread.RoleClinician)
	if err := db.LinkSupervisor(ctx, e.f.Agency.ID, e.alternate.UserID, e.f.Peer.UserID, true); err != nil {
		t.Fatal(err)
	}
	return e
}

// at returns a mutation that moves the note k slots back from 13:00 on
// Mar 10: twelve hourly slots a day, then the day before (late entries
// from the fourth day back), so the fixture's notes never overlap.
func at(k int) func(*store.NoteInput) {
	return func(in *store.NoteInput) {
		back := time.Duration(k/12)*24*time.Hour + time.Duration(k%12)*time.Hour
		in.Start, in.End = in.Start.Add(-back), in.End.Add(-back)
		in.ServiceDate = goldthread.DateOf(in.Start)
		if k/12 >= 3 {
			in.LateEntryReason = "Written late in the test."
		}
	}
}

// signed writes and signs one more note by Peer in the next free slot.
func (e *reviewEnv) signed(t *testing.T, mut ...func(*store.NoteInput)) goldthread.Note {
	t.Helper()
	e.offset++
	return e.mustSign(t, e.draft(t, append([]func(*store.NoteInput){at(e.offset)}, mut...)...))
}

func approved(t *testing.T, db *store.DB, noteID int64) bool {
	t.Helper()
	var ok bool
	err := db.ReadTx(context.Background(), func(tx *store.Tx) error {
		var err error
		ok, err = store.NoteApprovedTx(context.Background(), tx, noteID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestApproveNotes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		t.Run("BatchApprovalIsRecordedLikeASignature", func(t *testing.T) {
			a, b := e.signed(t), e.signed(t)
			ids, err := db.ApproveNotes(ctx, e.f.Supervisor, []int64{a.ID, b.ID, a.ID}, storetest.Password)
			if err != nil || len(ids) != 2 {
				t.Fatalf("approve = %v, %v", ids, err)
			}
			item, err := db.ReviewNote(ctx, e.f.Supervisor, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if item.State != goldthread.ReviewApproved || len(item.Approvals) != 1 || item.Approvals[0].Name != "Sue Supervisor" ||
				item.Approvals[0].Credential != "CPSS" || !item.Approvals[0].Current || item.Approvals[0].NoteHash != a.ContentHash {
				t.Fatalf("review item = %+v", item)
			}
			if !approved(t, db, a.ID) || !approved(t, db, b.ID) {
				t.Fatal("NoteApprovedTx is false after approval")
			}
			_, err = db.ApproveNotes(ctx, e.f.Supervisor, []int64{a.ID}, storetest.Password)
			wantKind(t, err, goldthread.ECONFLICT, "")
		})
		t.Run("OnlyTheirSupervisorOrAlternateApproves", func(t *testing.T) {
			n := e.signed(t)
			_, err := db.ApproveNotes(ctx, e.stranger, []int64{n.ID}, storetest.Password)
			wantKind(t, err, goldthread.EFORBIDDEN, "")
			_, err = db.ReturnNote(ctx, e.stranger, n.ID, "Please add the goal.")
			wantKind(t, err, goldthread.EFORBIDDEN, "")
			_, err = db.ApproveNotes(ctx, e.f.Peer, []int64{n.ID}, storetest.Password)
			wantKind(t, err, goldthread.EFORBIDDEN, "")
			_, err = db.ApproveNotes(ctx, e.f.Clinician, []int64{n.ID}, storetest.Password)
			wantKind(t, err, goldthread.EFORBIDDEN, "")
			if approved(t, db, n.ID) {
				t.Fatal("a refused approval counted")
			}
			if _, err := db.ApproveNotes(ctx, e.alternate, []int64{n.ID}, storetest.Password); err != nil {
				t.Fatalf("alternate approve: %v", err)
			}
			if !approved(t, db, n.ID) {
				t.Fatal("the alternate's approval did not count")
			}
		})
		t.Run("NeverTheirOwnNote", func(t *testing.T) {
			if _, err := db.ExecRaw(ctx, "INSERT INTO caseload (agency_id, participant_id, peer_id, start_date) VALUES (?, ?, ?, ?)",
				e.f.Agency.ID, e.f.Mine.ID, e.f.Supervisor.UserID, goldthread.NewDate(2026, 1, 5)); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecRaw(ctx, "INSERT INTO supervision_link (supervisor_id, peer_id, agency_id, alternate) VALUES (?, ?, ?, ?)",
				e.f.Supervisor.UserID, e.f.Supervisor.UserID, e.f.Agency.ID, false); err != nil {
				t.Fatal(err)
			}
			e.offset++
			d, err := db.CreateDraftNote(ctx, e.f.Supervisor, e.input(at(e.offset)))
			if err != nil {
				t.Fatal(err)
			}
			own, _, err := db.SignNote(ctx, e.f.Supervisor, d.ID, store.SignNoteInput{Password: storetest.Password, Attestation: "I attest.", Version: d.Version})
			if err != nil {
				t.Fatal(err)
			}
			_, err = db.ApproveNotes(ctx, e.f.Supervisor, []int64{own.ID}, storetest.Password)
			wantKind(t, err, goldthread.EFORBIDDEN, "")
		})
		t.Run("WrongPasswordApprovesNothingAndIsAudited", func(t *testing.T) {
			a, b := e.signed(t), e.signed(t)
			_, err := db.ApproveNotes(ctx, e.f.Supervisor, []int64{a.ID, b.ID}, "guess")
			wantKind(t, err, goldthread.EUNAUTHORIZED, "password")
			if approved(t, db, a.ID) || approved(t, db, b.ID) {
				t.Fatal("a wrong password approved a note")
			}
			if n := countRaw(t, db, "SELECT COUNT(*) FROM audit_event WHERE record_type = ? AND outcome = ?", "note_approval", goldthread.OutcomeFailure); n != 1 {
				t.Fatalf("%d failed approval audit events; want 1", n)
			}
		})
		t.Run("DraftsAreNotApproved", func(t *testing.T) {
			e.offset++
			d := e.draft(t, at(e.offset))
			_, err := db.ApproveNotes(ctx, e.f.Supervisor, []int64{d.ID}, storetest.Password)
			wantKind(t, err, goldthread.ECONFLICT, "")
			_, err = db.ApproveNotes(ctx, e.f.Supervisor, nil, storetest.Password)
			wantKind(t, err, goldthread.EINVALID, "note_ids")
		})
		t.Run("ApprovalIsAuditedPerNote", func(t *testing.T) {
			a, b := e.signed(t), e.signed(t)
			before := countRaw(t, db, "SELECT COUNT(*) FROM audit_event WHERE record_type = ? AND outcome = ?", "note_approval", goldthread.OutcomeSuccess)
			if _, err := db.ApproveNotes(ctx, e.f.Supervisor, []int64{a.ID, b.ID}, storetest.Password); err != nil {
				t.Fatal(err)
			}
			after := countRaw(t, db, "SELECT COUNT(*) FROM audit_event WHERE record_type = ? AND outcome = ?", "note_approval", goldthread.OutcomeSuccess)
			if after-before != 2 {
				t.Fatalf("%d approval audit events; want 2", after-before)
			}
		})
	})
}

// TestNoteApprovedTx is the store half of "a claim line is never created
// for a note whose program needs approval and lacks it": billing asks
// NoteApprovedTx, which is false until approval and again after an
// addendum changes what was approved.
func TestNoteApprovedTx(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		n := e.signed(t)
		if approved(t, db, n.ID) {
			t.Fatal("an unapproved note counts as approved")
		}
		if _, err := db.ApproveNotes(ctx, e.f.Supervisor, []int64{n.ID}, storetest.Password); err != nil {
			t.Fatal(err)
		}
		if !approved(t, db, n.ID) {
			t.Fatal("an approved note does not count as approved")
		}
		if _, err := db.AddAddendum(ctx, e.f.Peer, n.ID, store.AddendumInput{Kind: goldthread.AddendumCorrection,
			Body: "The second call was to the housing office.", Password: storetest.Password, Attestation: "I attest."}); err != nil {
			t.Fatal(err)
		}
		if approved(t, db, n.ID) {
			t.Fatal("a note amended after approval still counts as approved")
		}
		if _, err := db.ApproveNotes(ctx, e.f.Supervisor, []int64{n.ID}, storetest.Password); err != nil {
			t.Fatalf("approving the amended note: %v", err)
		}
		if !approved(t, db, n.ID) {
			t.Fatal("the amended note, approved again, does not count")
		}
		d := e.draft(t, at(9))
		if approved(t, db, d.ID) {
			t.Fatal("a draft counts as approved")
		}
	})
}

// TestReviewRecordsNeverChange proves with raw SQL that approvals, review
// comments and finding overrides are append-only on both engines, and that
// a draft cannot be approved even bypassing the store.
func TestReviewRecordsNeverChange(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newReviewEnv(t, db)
		n := e.signed(t)
		if _, err := db.ApproveNotes(ctx, e.f.Supervisor, []int64{n.ID}, storetest.Password); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CommentOnNote(ctx, e.f.Supervisor, n.ID, "Nice use of the person's words."); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecRaw(ctx, `INSERT INTO finding_override (note_id, agency_id, rule_id, supervisor_id, reason, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, n.ID, e.f.Agency.ID, "x.rule", e.f.Supervisor.UserID, "raw", time.Now()); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			"UPDATE note_approval SET name = 'Someone Else'",
			"UPDATE note_approval SET note_hash = 'forged'",
			"DELETE FROM note_approval",
			"UPDATE note_review_comment SET body = 'changed'",
			"DELETE FROM note_review_comment",
			"UPDATE finding_override SET reason = 'changed'",
			"DELETE FROM finding_override",
		} {
			if _, err := db.ExecRaw(ctx, q); err == nil {
				t.Errorf("%s: succeeded; want the trigger to refuse it", q)
			}
		}
		d := e.draft(t, at(10))
		if _, err := db.ExecRaw(ctx, `INSERT INTO note_approval (note_id, agency_id, supervisor_id, name, approved_at, note_hash)
			VALUES (?, ?, ?, ?, ?, ?)`, d.ID, e.f.Agency.ID, e.f.Supervisor.UserID, "Sue", time.Now(), "x"); err == nil {
			t.Error("a draft was approved with raw SQL; want the trigger to refuse it")
		}
		if !approved(t, db, n.ID) {
			t.Fatal("the approval is gone")
		}
	})
}

func countRaw(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	rows, err := db.QueryRaw(context.Background(), q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	return n
}
