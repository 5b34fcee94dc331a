package store_test

import (
	"context"
	"testing"

	"github.com/goldthread/goldthread/internal/passkey"
	"github.com/goldthread/goldthread/internal/passkey/passkeytest"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// BenchmarkWritePasskeySignIn is a whole sign-in with a passkey alone, as
// the two requests do it: begin (keep the ceremony), then take it, find
// the person by handle, verify, and open the session with its audit event.
// Three write transactions; compare with BenchmarkWriteRawCommit.
func BenchmarkWritePasskeySignIn(b *testing.B) {
	benchEngines(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(b, db)
		party, _ := passkey.New(passkeyOrigin)
		auth := passkeytest.New(passkeyOrigin)
		h, err := db.PasskeyHolderFor(ctx, f.Peer.UserID)
		if err != nil {
			b.Fatal(err)
		}
		c, _ := party.BeginRegistration(holderUser(h))
		body, _ := auth.Create(c.Options)
		cred, err := party.FinishRegistration(holderUser(h), c.Session, body)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.AddPasskey(ctx, f.Peer, "Phone", store.StoredPasskey(cred)); err != nil {
			b.Fatal(err)
		}
		pol := store.DefaultSessionPolicy
		b.ResetTimer()
		for b.Loop() {
			c, err := party.BeginSignIn(nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := db.BeginPasskeyCeremony(ctx, store.PasskeyCeremony{Purpose: store.CeremonySignIn, Challenge: c.Challenge, Session: c.Session}); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			answer, _ := auth.Get(c.Options)
			b.StartTimer()
			session, _, err := db.TakePasskeyCeremony(ctx, c.Challenge, store.CeremonySignIn, 0)
			if err != nil {
				b.Fatal(err)
			}
			var owner int64
			_, used, err := party.FinishSignIn(nil, func(handle []byte) (passkey.User, error) {
				h, err := db.PasskeyHolderByHandle(ctx, handle)
				owner = h.UserID
				return holderUser(h), err
			}, session, answer)
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := db.CompletePasskeySignIn(ctx, store.PasskeySignIn{UserID: owner, Used: store.StoredPasskey(used), Kind: store.SessionWeb}, pol); err != nil {
				b.Fatal(err)
			}
		}
	})
}
