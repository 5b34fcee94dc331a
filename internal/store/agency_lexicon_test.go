package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// agencyEntry is a valid agency entry flagging "frequent visitor".
func agencyEntry() coach.Entry {
	return coach.Entry{ID: "frequent-visitor", Category: coach.CategoryJudgment, Severity: coach.SeverityBlock,
		Pattern: "frequent visitor*", Why: "It labels the person.", Suggestion: `Write "has come in often this month".`}
}

func fires(lx *coach.Lexicon, text, ruleID string) bool {
	for _, f := range coach.CoachText(text, coach.Context{Program: ncPack, Lexicon: lx}) {
		if f.RuleID == ruleID {
			return true
		}
	}
	return false
}

func TestLexiconChangesAreForAdministratorsAndSupervisors(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		for _, a := range []goldthread.Actor{f.Peer, f.Billing, f.Auditor, f.Clinician} {
			_, err := db.AddLexiconEntry(ctx, a, 0, agencyEntry(), "our word list")
			wantKind(t, err, goldthread.EFORBIDDEN, "")
			_, err = db.SilenceLexiconEntry(ctx, a, 0, "judgment.refused", "house style")
			wantKind(t, err, goldthread.EFORBIDDEN, "")
		}
		if _, err := db.AddLexiconEntry(ctx, f.Supervisor, 0, agencyEntry(), "our word list"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestLexiconEntryRefusedNamingTheField(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		cases := []struct {
			name   string
			mut    func(*coach.Entry)
			reason string
			field  string
		}{
			{"BadPattern", func(e *coach.Entry) { e.Pattern = "{unclosed" }, "r", "pattern"},
			{"EmptyPattern", func(e *coach.Entry) { e.Pattern = " " }, "r", "pattern"},
			{"BadCategory", func(e *coach.Entry) { e.Category = "rude" }, "r", "category"},
			{"NameCategory", func(e *coach.Entry) { e.Category = coach.CategoryName }, "r", "category"},
			{"BadSeverity", func(e *coach.Entry) { e.Severity = "loud" }, "r", "severity"},
			{"BadFlags", func(e *coach.Entry) { e.Flags = "sometimes" }, "r", "flags"},
			{"BadID", func(e *coach.Entry) { e.ID = "Frequent Visitor" }, "r", "rule_id"},
			{"NoWhy", func(e *coach.Entry) { e.Why = "" }, "r", "why"},
			{"NoSuggestion", func(e *coach.Entry) { e.Suggestion = "" }, "r", "suggestion"},
			{"NoReason", func(e *coach.Entry) {}, " ", "reason"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				e := agencyEntry()
				c.mut(&e)
				_, err := db.AddLexiconEntry(ctx, f.Admin, 0, e, c.reason)
				wantKind(t, err, goldthread.EINVALID, c.field)
			})
		}
		t.Run("ForeignProgram", func(t *testing.T) {
			_, err := db.AddLexiconEntry(ctx, f.Admin, f.Program.ID+1000, agencyEntry(), "r")
			wantKind(t, err, goldthread.EINVALID, "program_id")
		})
		t.Run("SilenceUnknownRule", func(t *testing.T) {
			_, err := db.SilenceLexiconEntry(ctx, f.Admin, 0, "judgment.nope", "r")
			wantKind(t, err, goldthread.EINVALID, "rule_id")
		})
		t.Run("SilenceWithoutReason", func(t *testing.T) {
			_, err := db.SilenceLexiconEntry(ctx, f.Admin, 0, "judgment.refused", "")
			wantKind(t, err, goldthread.EINVALID, "reason")
		})
		if n := countRows(t, db, "SELECT COUNT(*) FROM agency_lexicon"); n != 0 {
			t.Fatalf("%d rows written by refused changes", n)
		}
	})
}

func TestAgencyLexiconAddsAndSilencesPerProgram(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		other := goldthread.Program{AgencyID: f.Agency.ID, Name: "Second NC program", RulePack: ncPack, State: "NC", Active: true}
		if err := db.CreateProgram(ctx, &other); err != nil {
			t.Fatal(err)
		}
		added, err := db.AddLexiconEntry(ctx, f.Admin, f.Program.ID, agencyEntry(), "our word list")
		if err != nil {
			t.Fatal(err)
		}
		if added.RuleID != "agency.frequent-visitor" {
			t.Fatalf("id = %q; want the agency. prefix", added.RuleID)
		}
		if _, err := db.SilenceLexiconEntry(ctx, f.Supervisor, 0, "judgment.refused", "we coach this in supervision instead"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SilenceLexiconEntry(ctx, f.Supervisor, 0, "judgment.refused", "again"); goldthread.ErrorField(err) != "rule_id" {
			t.Fatalf("silencing twice: %v", err)
		}
		lx, err := db.AgencyLexicon(ctx, f.Agency.ID, f.Program.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !fires(lx, "He is a frequent visitor here.", "agency.frequent-visitor") || fires(lx, "He refused the ride.", "judgment.refused") {
			t.Fatal("program lexicon: the agency entry does not fire or the silenced rule still does")
		}
		lx2, _ := db.AgencyLexicon(ctx, f.Agency.ID, other.ID)
		if fires(lx2, "He is a frequent visitor here.", "agency.frequent-visitor") || fires(lx2, "He refused the ride.", "judgment.refused") {
			t.Fatal("other program: the program's entry leaked or the all-program silence is missing")
		}
		foreign, _ := db.AgencyLexicon(ctx, f.Agency.ID+1, 0)
		if !fires(foreign, "He refused the ride.", "judgment.refused") {
			t.Fatal("another agency's coach was silenced")
		}
		if err := db.EndLexiconChange(ctx, f.Admin, added.ID); err != nil {
			t.Fatal(err)
		}
		wantKind(t, db.EndLexiconChange(ctx, f.Admin, added.ID), goldthread.ECONFLICT, "")
		if lx, _ := db.AgencyLexicon(ctx, f.Agency.ID, f.Program.ID); fires(lx, "He is a frequent visitor here.", "agency.frequent-visitor") {
			t.Fatal("an ended entry still fires")
		}
		changes, err := db.LexiconChanges(ctx, f.Supervisor)
		if err != nil {
			t.Fatal(err)
		}
		if len(changes) != 2 || changes[1].Active || changes[1].EndedBy != "Ada Admin" || changes[0].Action != goldthread.LexiconSilence ||
			changes[1].ProgramName != f.Program.Name {
			t.Fatalf("changes = %+v", changes)
		}
		if n := countRows(t, db, "SELECT COUNT(*) FROM audit_event WHERE action = ? AND record_type = ?", goldthread.ActionSettingChange, "lexicon"); n != 3 {
			t.Fatalf("%d audit events; want 3", n)
		}
		if _, err := db.ExecRaw(ctx, "DELETE FROM agency_lexicon"); err == nil {
			t.Fatal("a lexicon change was deleted")
		}
	})
}

// TestSigningUsesTheAgencyLexicon: an agency block entry stops signing
// (naming the field), and a silenced built-in block rule no longer does.
func TestSigningUsesTheAgencyLexicon(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newNoteEnv(t, db)
		if _, err := db.AddLexiconEntry(ctx, e.f.Admin, 0, agencyEntry(), "our word list"); err != nil {
			t.Fatal(err)
		}
		n := e.draft(t, func(in *store.NoteInput) { in.NextSteps = "Talk about being a frequent visitor at the clinic." })
		_, _, err := e.sign(n)
		wantKind(t, err, goldthread.EINVALID, "next_steps")

		counseled := e.draft(t, func(in *store.NoteInput) {
			in.Start, in.End = in.Start.Add(-3*3600e9), in.End.Add(-3*3600e9)
			in.PeerAction = "I counseled him about the landlord calls."
		})
		_, _, err = e.sign(counseled)
		wantKind(t, err, goldthread.EINVALID, "peer_action")
		if _, err := db.SilenceLexiconEntry(ctx, e.f.Supervisor, e.f.Program.ID, "scope.counseled", "our program uses the word for peer counseling"); err != nil {
			t.Fatal(err)
		}
		e.mustSign(t, counseled)
	})
}
