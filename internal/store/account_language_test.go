package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestAccountLanguage: a person chooses the language they read in on their
// own account; a participant who chose none reads in their record's
// language; the choice is checked and audited.
func TestAccountLanguage(t *testing.T) {
	ctx := context.Background()
	signIn := func(t *testing.T, db *store.DB, email string) goldthread.Actor {
		t.Helper()
		step, err := db.SignIn(ctx, email, storetest.Password, "192.0.2.1", store.SessionWeb, store.DefaultSessionPolicy)
		if err != nil {
			t.Fatalf("sign in %s: %v", email, err)
		}
		return step.Actor
	}
	// Each subtest works on a database of its own.
	t.Run("StaffChooseTheirOwn", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f := storetest.MustFixture(t, db)
			if got := signIn(t, db, "peer@fixture.test").Language; got != "" {
				t.Fatalf("a new account's language is %q; want none (the browser decides)", got)
			}
			if err := db.SetAccountLanguage(ctx, f.Peer, "es"); err != nil {
				t.Fatal(err)
			}
			if got := signIn(t, db, "peer@fixture.test").Language; got != "es" {
				t.Errorf("after choosing Spanish the actor reads %q", got)
			}
			if got, err := db.AccountLanguage(ctx, f.Peer); err != nil || got != "es" {
				t.Errorf("AccountLanguage = %q, %v", got, err)
			}
			if got := signIn(t, db, "other@fixture.test").Language; got != "" {
				t.Errorf("another peer's language changed too: %q", got)
			}
		})
	})
	t.Run("UnknownLanguageRefused", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f := storetest.MustFixture(t, db)
			if err := db.SetAccountLanguage(ctx, f.Peer, "es"); err != nil {
				t.Fatal(err)
			}
			err := db.SetAccountLanguage(ctx, f.Peer, "fr")
			if goldthread.ErrorKind(err) != goldthread.EINVALID || goldthread.ErrorField(err) != "language" {
				t.Fatalf("fr: %v; want EINVALID on language", err)
			}
			if got, _ := db.AccountLanguage(ctx, f.Peer); got != "es" {
				t.Errorf("a refused choice changed the language to %q", got)
			}
		})
	})
	t.Run("ParticipantReadsTheirRecordsLanguage", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f := storetest.MustFixture(t, db)
			p, err := db.Participant(ctx, f.Peer, f.Mine.ID)
			if err != nil {
				t.Fatal(err)
			}
			p.Language = "Spanish"
			if _, err := db.UpdateParticipant(ctx, f.Peer, f.Mine.ID, p); err != nil {
				t.Fatal(err)
			}
			if got := signIn(t, db, "marcus@fixture.test").Language; got != "Spanish" {
				t.Errorf("the participant's account reads %q; want their record's language", got)
			}
			if err := db.SetAccountLanguage(ctx, f.ParticipantUser, "en"); err != nil {
				t.Fatal(err)
			}
			if got := signIn(t, db, "marcus@fixture.test").Language; got != "en" {
				t.Errorf("the participant chose English and reads %q", got)
			}
		})
	})
	t.Run("Audited", func(t *testing.T) {
		storetest.Engines(t, func(t *testing.T, db *store.DB) {
			f := storetest.MustFixture(t, db)
			if err := db.SetAccountLanguage(ctx, f.Peer, "es"); err != nil {
				t.Fatal(err)
			}
			if err := db.SetAccountLanguage(ctx, f.Peer, "fr"); err == nil {
				t.Fatal("fr was accepted")
			}
			if n := countRows(t, db, "SELECT COUNT(*) FROM audit_event WHERE record_type = ? AND action = ? AND actor_id = ?",
				"user", goldthread.ActionSettingChange, f.Peer.UserID); n != 1 {
				t.Errorf("%d audit events for the peer's language; want 1 (the choice made, not the one refused)", n)
			}
		})
	})
}
