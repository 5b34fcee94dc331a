package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// grantEnv is a note environment whose peer is signed in (a session of
// their own), since a grant belongs to a session.
func grantEnv(t *testing.T, db *store.DB) (*noteEnv, goldthread.Actor) {
	t.Helper()
	e := newNoteEnv(t, db)
	step, err := db.SignIn(context.Background(), e.f.Emails[goldthread.RolePeer], storetest.Password, "203.0.113.9", store.SessionAPI, store.DefaultSessionPolicy)
	peer := step.Actor
	if err != nil {
		t.Fatal(err)
	}
	return e, peer
}

func signWith(db *store.DB, peer goldthread.Actor, n goldthread.Note, grant string) error {
	_, _, err := db.SignNote(context.Background(), peer, n.ID, store.SignNoteInput{Grant: grant,
		Attestation: "I provided this service as described.", Version: n.Version})
	return err
}

func TestReauthGrantSignsTheNextNotes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		{
			e, peer := grantEnv(t, db)
			grant, expires, err := db.GrantReauth(ctx, peer, storetest.Password)
			if err != nil {
				t.Fatal(err)
			}
			if want := e.clock.T.Add(store.ReauthGrantLife); !expires.Equal(want) {
				t.Fatalf("expires %v; want %v", expires, want)
			}
			first := e.draft(t)
			second := e.draft(t, func(in *store.NoteInput) {
				in.Start, in.End = in.Start.Add(-2*time.Hour), in.End.Add(-2*time.Hour)
			})
			for _, n := range []goldthread.Note{first, second} {
				if err := signWith(db, peer, n, grant); err != nil {
					t.Fatalf("sign note %d with the grant: %v", n.ID, err)
				}
			}
			events, err := db.AuditEvents(ctx, e.f.Auditor, store.AuditFilter{Action: goldthread.ActionSign, Oldest: true})
			if err != nil {
				t.Fatal(err)
			}
			grantSigned := 0
			for _, ev := range events {
				if ev.RecordType == "note" && ev.Outcome == goldthread.OutcomeSuccess && strings.HasSuffix(ev.Detail, " reauth=grant") {
					grantSigned++
				}
			}
			if grantSigned != 2 {
				t.Fatalf("%d signature events say they rest on the grant; want 2: %+v", grantSigned, events)
			}
			issued, err := db.AuditEvents(ctx, e.f.Auditor, store.AuditFilter{Action: goldthread.ActionCreate})
			if err != nil {
				t.Fatal(err)
			}
			if !hasRecordType(issued, "reauth_grant") {
				t.Fatal("issuing the grant was not audited")
			}
		}
	})
}

func TestReauthGrantRunsOutAfterItsLife(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		{
			e, peer := grantEnv(t, db)
			grant, _, err := db.GrantReauth(ctx, peer, storetest.Password)
			if err != nil {
				t.Fatal(err)
			}
			n := e.draft(t)
			e.clock.Advance(store.ReauthGrantLife)
			wantKind(t, signWith(db, peer, n, grant), goldthread.EUNAUTHORIZED, "password")
			failed, err := db.AuditEvents(ctx, e.f.Auditor, store.AuditFilter{Action: goldthread.ActionSign})
			if err != nil {
				t.Fatal(err)
			}
			if len(failed) == 0 || failed[0].Outcome != goldthread.OutcomeFailure || failed[0].Detail != "reauth_grant_refused" {
				t.Fatalf("the refused grant was not audited: %+v", failed)
			}
		}
	})
}

func TestReauthGrantBoundToItsSessionAndPerson(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		{
			e, peer := grantEnv(t, db)
			grant, _, err := db.GrantReauth(ctx, peer, storetest.Password)
			if err != nil {
				t.Fatal(err)
			}
			n := e.draft(t)
			step, err := db.SignIn(ctx, e.f.Emails[goldthread.RolePeer], storetest.Password, "203.0.113.9", store.SessionAPI, store.DefaultSessionPolicy)
			again := step.Actor
			if err != nil {
				t.Fatal(err)
			}
			wantKind(t, signWith(db, again, n, grant), goldthread.EUNAUTHORIZED, "password")
			wantKind(t, signWith(db, peer, n, grant+"x"), goldthread.EUNAUTHORIZED, "password")
			if err := signWith(db, peer, n, grant); err != nil {
				t.Fatalf("the grant's own session: %v", err)
			}
		}
	})
}

func TestReauthGrantWrongPasswordsCountedAndThrottled(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		{
			_, peer := grantEnv(t, db)
			for range 10 {
				_, _, err := db.GrantReauth(ctx, peer, "not the password")
				wantKind(t, err, goldthread.EUNAUTHORIZED, "password")
			}
			var n int
			if err := db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM auth_failure WHERE user_id = ?", peer.UserID).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 10 {
				t.Fatalf("%d failures counted; want 10", n)
			}
			_, _, err := db.GrantReauth(ctx, peer, storetest.Password)
			var tooMany *store.TooManyAttempts
			if !errors.As(err, &tooMany) {
				t.Fatalf("the right password past the allowance: %v; want TooManyAttempts", err)
			}
		}
	})
}

func TestReauthGrantNeedsAPasswordAndASession(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		{
			e, peer := grantEnv(t, db)
			_, _, err := db.GrantReauth(ctx, peer, "")
			wantKind(t, err, goldthread.EINVALID, "password")
			_, _, err = db.GrantReauth(ctx, e.f.Peer, storetest.Password) // no session
			if goldthread.ErrorKind(err) != goldthread.EINVALID {
				t.Fatalf("a grant without a session: %v", err)
			}
		}
	})
}

func hasRecordType(events []goldthread.AuditEvent, recordType string) bool {
	for _, ev := range events {
		if ev.RecordType == recordType {
			return true
		}
	}
	return false
}
