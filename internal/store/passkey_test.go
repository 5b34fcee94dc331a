package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/passkey"
	"github.com/goldthread/goldthread/internal/passkey/passkeytest"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

const passkeyOrigin = "http://localhost:8080"

// holderUser turns what the store keeps into what the verifier needs.
func holderUser(h store.PasskeyHolder) passkey.User {
	u := passkey.User{Handle: h.Handle, Email: h.Email, Name: h.Name}
	for _, p := range h.Passkeys {
		u.Credentials = append(u.Credentials, passkey.Credential{ID: p.ID, Record: p.Record, SignCount: p.SignCount})
	}
	return u
}

// addPasskey runs a whole registration for actor through the store.
func addPasskey(t *testing.T, db *store.DB, party *passkey.Party, auth *passkeytest.Authenticator, actor goldthread.Actor, name string) int64 {
	t.Helper()
	ctx := context.Background()
	h, err := db.PasskeyHolderFor(ctx, actor.UserID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := party.BeginRegistration(holderUser(h))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.BeginPasskeyCeremony(ctx, store.PasskeyCeremony{Purpose: store.CeremonyRegister, Challenge: c.Challenge, Session: c.Session, UserID: actor.UserID}); err != nil {
		t.Fatal(err)
	}
	body, err := auth.Create(c.Options)
	if err != nil {
		t.Fatal(err)
	}
	session, _, err := db.TakePasskeyCeremony(ctx, c.Challenge, store.CeremonyRegister, actor.UserID)
	if err != nil {
		t.Fatal(err)
	}
	cred, err := party.FinishRegistration(holderUser(h), session, body)
	if err != nil {
		t.Fatal(err)
	}
	id, err := db.AddPasskey(ctx, actor, name, store.StoredPasskey{ID: cred.ID, Record: cred.Record, SignCount: cred.SignCount})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestPasskeys(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		pol := store.DefaultSessionPolicy
		party, err := passkey.New(passkeyOrigin)
		if err != nil {
			t.Fatal(err)
		}
		auth := passkeytest.New(passkeyOrigin)
		peer := f.Peer
		email := f.Emails[goldthread.RolePeer]

		t.Run("NameIsRequired", func(t *testing.T) {
			if _, err := db.AddPasskey(ctx, peer, "  ", store.StoredPasskey{ID: []byte("x"), Record: []byte("{}")}); goldthread.ErrorField(err) != "name" {
				t.Fatalf("err = %v; want a field error on name", err)
			}
		})

		id := addPasskey(t, db, party, auth, peer, "My phone")

		t.Run("HandleIsRandomAndStable", func(t *testing.T) {
			a, _ := db.PasskeyHolderFor(ctx, peer.UserID)
			b, _ := db.PasskeyHolderFor(ctx, peer.UserID)
			if len(a.Handle) != 32 || string(a.Handle) != string(b.Handle) {
				t.Fatalf("handles %x %x", a.Handle, b.Handle)
			}
			other, _ := db.PasskeyHolderFor(ctx, f.Supervisor.UserID)
			if string(other.Handle) == string(a.Handle) {
				t.Fatal("two people share a handle")
			}
		})

		t.Run("AddingIsAuditedAndListed", func(t *testing.T) {
			list, err := db.Passkeys(ctx, peer)
			if err != nil || len(list) != 1 || list[0].Name != "My phone" || list[0].ID != id {
				t.Fatalf("%+v %v", list, err)
			}
			evs, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSettingChange, ActorID: peer.UserID})
			if len(evs) == 0 || evs[0].Detail != "passkey=added" {
				t.Fatalf("not audited: %+v", evs)
			}
		})

		t.Run("PasswordNowNeedsTheSecondStep", func(t *testing.T) {
			step, err := db.SignIn(ctx, email, storetest.Password, "192.0.2.9", store.SessionWeb, pol)
			if err != nil || !step.NeedsSecondStep() || step.Token != "" {
				t.Fatalf("token %q err %v; want a second step", step.Token, err)
			}
		})

		secondStep := func(t *testing.T) (string, passkey.Ceremony) {
			t.Helper()
			need, err := db.SignIn(ctx, email, storetest.Password, "192.0.2.9", store.SessionWeb, pol)
			if err != nil || !need.NeedsSecondStep() {
				t.Fatalf("%v; want a second step", err)
			}
			uid, err := db.ChallengeUser(ctx, need.Challenge)
			if err != nil || uid != peer.UserID {
				t.Fatalf("ChallengeUser = %d, %v", uid, err)
			}
			h, _ := db.PasskeyHolderFor(ctx, uid)
			u := holderUser(h)
			c, err := party.BeginSignIn(&u)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.BeginPasskeyCeremony(ctx, store.PasskeyCeremony{Purpose: store.CeremonySecondStep, Challenge: c.Challenge, Session: c.Session,
				UserID: uid, MFAToken: need.Challenge}); err != nil {
				t.Fatal(err)
			}
			return need.Challenge, c
		}

		t.Run("SecondStepWithThePasskeyOpensASession", func(t *testing.T) {
			mfa, c := secondStep(t)
			body, _ := auth.Get(c.Options)
			session, uid, err := db.TakePasskeyCeremony(ctx, c.Challenge, store.CeremonySecondStep, 0)
			if err != nil {
				t.Fatal(err)
			}
			h, _ := db.PasskeyHolderFor(ctx, uid)
			u := holderUser(h)
			_, used, err := party.FinishSignIn(&u, nil, session, body)
			if err != nil {
				t.Fatal(err)
			}
			token, actor, err := db.CompletePasskeySignIn(ctx, store.PasskeySignIn{UserID: uid, Used: store.StoredPasskey(used), MFAToken: mfa, Kind: store.SessionWeb, IP: "192.0.2.9"}, pol)
			if err != nil || token == "" || actor.UserID != peer.UserID || !actor.MFAEnabled {
				t.Fatalf("token %q actor %+v err %v", token, actor, err)
			}
			evs, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSignIn, ActorID: peer.UserID})
			if len(evs) == 0 || evs[0].Detail != "web mfa=passkey" {
				t.Fatalf("sign-in not audited as passkey: %+v", evs)
			}
			list, _ := db.Passkeys(ctx, peer)
			if list[0].LastUsedAt.IsZero() {
				t.Error("last use not recorded")
			}
			t.Run("TheChallengeIsSpent", func(t *testing.T) {
				if _, _, err := db.CompletePasskeySignIn(ctx, store.PasskeySignIn{UserID: uid, Used: store.StoredPasskey(used), MFAToken: mfa, Kind: store.SessionWeb}, pol); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
					t.Fatalf("a spent challenge opened a session: %v", err)
				}
			})
			t.Run("TheCeremonyIsSpent", func(t *testing.T) {
				if _, _, err := db.TakePasskeyCeremony(ctx, c.Challenge, store.CeremonySecondStep, 0); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
					t.Fatalf("a ceremony worked twice: %v", err)
				}
			})
		})

		t.Run("CeremonyWorksOnlyForItsPurposeAndPerson", func(t *testing.T) {
			_, c := secondStep(t)
			if _, _, err := db.TakePasskeyCeremony(ctx, c.Challenge, store.CeremonySignIn, 0); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Errorf("a second-step ceremony was taken as a sign-in: %v", err)
			}
			_, c = secondStep(t)
			if _, _, err := db.TakePasskeyCeremony(ctx, c.Challenge, store.CeremonySecondStep, f.Supervisor.UserID); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Errorf("another person's ceremony was taken: %v", err)
			}
		})

		t.Run("CeremonyExpires", func(t *testing.T) {
			_, c := secondStep(t)
			clock.Advance(6 * time.Minute)
			if _, _, err := db.TakePasskeyCeremony(ctx, c.Challenge, store.CeremonySecondStep, 0); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("an expired ceremony was taken: %v", err)
			}
		})

		t.Run("SecondStepCannotBorrowAnotherPersonsChallenge", func(t *testing.T) {
			mfa, c := secondStep(t)
			err := db.BeginPasskeyCeremony(ctx, store.PasskeyCeremony{Purpose: store.CeremonySecondStep, Challenge: c.Challenge + "x", Session: c.Session,
				UserID: f.Supervisor.UserID, MFAToken: mfa})
			if goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("err = %v", err)
			}
		})

		t.Run("PasskeyAloneSignsIn", func(t *testing.T) {
			c, err := party.BeginSignIn(nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.BeginPasskeyCeremony(ctx, store.PasskeyCeremony{Purpose: store.CeremonySignIn, Challenge: c.Challenge, Session: c.Session}); err != nil {
				t.Fatal(err)
			}
			body, _ := auth.Get(c.Options)
			session, _, err := db.TakePasskeyCeremony(ctx, c.Challenge, store.CeremonySignIn, 0)
			if err != nil {
				t.Fatal(err)
			}
			var found store.PasskeyHolder
			_, used, err := party.FinishSignIn(nil, func(handle []byte) (passkey.User, error) {
				h, err := db.PasskeyHolderByHandle(ctx, handle)
				found = h
				return holderUser(h), err
			}, session, body)
			if err != nil {
				t.Fatal(err)
			}
			token, actor, err := db.CompletePasskeySignIn(ctx, store.PasskeySignIn{UserID: found.UserID, Used: store.StoredPasskey(used), Kind: store.SessionWeb}, pol)
			if err != nil || token == "" || actor.UserID != peer.UserID {
				t.Fatalf("%q %+v %v", token, actor, err)
			}
		})

		t.Run("SomeoneElsesPasskeyOpensNothing", func(t *testing.T) {
			h, _ := db.PasskeyHolderFor(ctx, peer.UserID)
			_, _, err := db.CompletePasskeySignIn(ctx, store.PasskeySignIn{UserID: f.Supervisor.UserID, Used: h.Passkeys[0], Kind: store.SessionWeb}, pol)
			if goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("err = %v", err)
			}
		})

		t.Run("FailureIsAuditedWithOneMessage", func(t *testing.T) {
			err := db.PasskeySignInFailed(ctx, peer.UserID, "192.0.2.9", "passkey_refused")
			if goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatal(err)
			}
			evs, _ := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionSignInFailed, ActorID: peer.UserID})
			if len(evs) == 0 || evs[0].Detail != "passkey_refused" {
				t.Fatalf("%+v", evs)
			}
		})

		t.Run("RemovingNeedsThePasswordAndEndsItsUse", func(t *testing.T) {
			if err := db.RemovePasskey(ctx, peer, id, "wrong password"); goldthread.ErrorField(err) != "password" {
				t.Fatalf("err = %v", err)
			}
			if err := db.RemovePasskey(ctx, f.Supervisor, id, storetest.Password); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("someone else removed it: %v", err)
			}
			h, _ := db.PasskeyHolderFor(ctx, peer.UserID)
			if err := db.RemovePasskey(ctx, peer, id, storetest.Password); err != nil {
				t.Fatal(err)
			}
			if list, _ := db.Passkeys(ctx, peer); len(list) != 0 {
				t.Fatalf("still listed: %+v", list)
			}
			if _, _, err := db.CompletePasskeySignIn(ctx, store.PasskeySignIn{UserID: peer.UserID, Used: h.Passkeys[0], Kind: store.SessionWeb}, pol); goldthread.ErrorKind(err) != goldthread.EUNAUTHORIZED {
				t.Fatalf("a removed passkey signed in: %v", err)
			}
			if _, err := db.SignIn(ctx, email, storetest.Password, "", store.SessionWeb, pol); err != nil {
				t.Fatalf("without passkeys the password alone should sign in again: %v", err)
			}
		})

		t.Run("LastFactorStaysWhenTheAgencyRequiresIt", func(t *testing.T) {
			sup := f.Supervisor
			pid := addPasskey(t, db, party, auth, sup, "Security key")
			if err := db.SetMFAPolicy(ctx, f.Admin, []goldthread.Role{goldthread.RoleSupervisor}); err != nil {
				t.Fatal(err)
			}
			sup.MFARequired = true
			if err := db.RemovePasskey(ctx, sup, pid, storetest.Password); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Fatalf("the last required factor was removed: %v", err)
			}
			if list, _ := db.Passkeys(ctx, sup); len(list) != 1 {
				t.Fatalf("refusal left %d passkeys", len(list))
			}
			addPasskey(t, db, party, auth, sup, "Phone")
			if err := db.RemovePasskey(ctx, sup, pid, storetest.Password); err != nil {
				t.Fatalf("with another passkey left, removal should work: %v", err)
			}
		})
	})
}

// TestExpiredCeremoniesAreSwept: anonymous passkey sign-in starts leave no
// rows behind once they have expired (an hour later), on both engines.
func TestExpiredCeremoniesAreSwept(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := &storetest.Clock{T: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
		db.Now = clock.Now
		begin := func(challenge string) {
			t.Helper()
			if err := db.BeginPasskeyCeremony(ctx, store.PasskeyCeremony{Purpose: store.CeremonySignIn, Challenge: challenge, Session: []byte("{}")}); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []string{"a", "b", "c"} {
			begin(c)
		}
		clock.Advance(2 * time.Hour)
		begin("d")
		rows, err := db.QueryRaw(ctx, "SELECT COUNT(*) FROM passkey_ceremony")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var n int
		rows.Next()
		rows.Scan(&n)
		if n != 1 {
			t.Fatalf("%d ceremonies kept; want only the live one", n)
		}
	})
}
