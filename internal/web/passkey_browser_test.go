package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
	"github.com/goldthread/goldthread/internal/web"
)

// TestBrowserPasskeys: on a phone, a peer adds a passkey from their account
// page, then signs in with it alone (one tap), then with password and
// passkey as the second step. Chromium's virtual authenticator plays the
// phone's fingerprint reader; everything else is the real page and script.
func TestBrowserPasskeys(t *testing.T) {
	bin, axe := needBrowser(t)
	db := storetest.OpenSQLite(t)
	f := storetest.MustFixture(t, db)
	// A draft note for Marcus to sign at the end, on a clock at its date.
	db.Now = (&storetest.Clock{T: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)}).Now
	plan := f.MustSignedPlan(t, db, f.SamplePlan(goldthread.NewDate(2026, 2, 1)))
	if _, err := db.ExecRaw(context.Background(), "UPDATE app_user SET credential = 'CPSS' WHERE agency_id = ?", f.Agency.ID); err != nil {
		t.Fatal(err)
	}
	g := plan.Goals[0]
	draft, err := db.CreateDraftNote(context.Background(), f.Peer, store.NoteInput{ParticipantID: f.Mine.ID, ProgramID: f.Program.ID,
		ServiceDate: goldthread.NewDate(2026, 3, 10), Start: time.Date(2026, 3, 10, 13, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 10, 13, 45, 0, 0, time.UTC),
		Location: "home", Modality: "in_person", Category: "peer_mentoring_coaching",
		Goals:               []goldthread.NoteGoal{{GoalID: g.ID, InterventionID: g.Interventions[0].ID}},
		PeerAction:          "We practiced what to say when calling a landlord and made two calls together.",
		ParticipantResponse: `Marcus said "I did the call myself this time."`, NextSteps: "Visit the apartment on Friday.", Billable: true})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{DB: db, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	// Browsers bind passkeys to a host name, never an IP address.
	base := strings.Replace(ts.URL, "127.0.0.1", "localhost", 1)
	ctx := phone(t, bin)

	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, webauthn.Enable, webauthn.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{Options: &webauthn.VirtualAuthenticatorOptions{
			Protocol: webauthn.AuthenticatorProtocolCtap2, Ctap2version: webauthn.Ctap2versionCtap21, Transport: webauthn.AuthenticatorTransportInternal,
			HasResidentKey: true, HasUserVerification: true, IsUserVerified: true, AutomaticPresenceSimulation: true,
		}})
		return err
	}))
	if err != nil {
		t.Fatalf("virtual authenticator: %v", err)
	}
	signOut := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.ClearBrowserCookies, cdp.Empty{})
		return err
	})
	today := chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Hello")]`))

	err = chromedp.Do(ctx, chromedp.Navigate(base+"/signin"),
		chromedp.SendKeys(chromedp.ID("email"), f.Emails[goldthread.RolePeer]),
		chromedp.SendKeys(chromedp.ID("password"), storetest.Password),
		chromedp.Submit(chromedp.ID("password")), today,
		chromedp.Navigate(base+"/account/mfa"),
		chromedp.WaitVisible(chromedp.ID("passkey-name")))
	if err != nil {
		t.Fatalf("account page shows no passkey form: %v", err)
	}
	checkAxe(t, ctx, axe, "account security with passkey form")
	checkFits(t, ctx, "account security")

	t.Run("NameIsRequired", func(t *testing.T) {
		err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#passkey-add button[type=submit]`)),
			chromedp.WaitVisible(chromedp.Search(`//p[@id="passkey-add-status"][contains(., "Give the passkey a name")]`)))
		if err != nil {
			t.Fatalf("no message for a missing name: %v", err)
		}
	})
	err = chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("passkey-name"), "My phone"),
		chromedp.Click(chromedp.CSS(`#passkey-add button[type=submit]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(., "Passkey added")]`)))
	if err != nil {
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		t.Fatalf("adding a passkey: %v\n%s", err, body)
	}
	if body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main"))); !strings.Contains(body, "My phone") {
		t.Fatalf("passkey not listed: %s", body)
	}

	t.Run("OneTapSignIn", func(t *testing.T) {
		err := chromedp.Do(ctx, signOut, chromedp.Navigate(base+"/signin"),
			chromedp.WaitVisible(chromedp.ID("passkey-signin")))
		if err != nil {
			t.Fatalf("sign-in page offers no passkey: %v", err)
		}
		checkAxe(t, ctx, axe, "sign-in with passkey button")
		checkFits(t, ctx, "sign-in")
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("passkey-signin")), today); err != nil {
			body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
			t.Fatalf("passkey sign-in: %v\n%s", err, body)
		}
	})

	t.Run("PasswordThenPasskey", func(t *testing.T) {
		err := chromedp.Do(ctx, signOut, chromedp.Navigate(base+"/signin"),
			chromedp.SendKeys(chromedp.ID("email"), f.Emails[goldthread.RolePeer]),
			chromedp.SendKeys(chromedp.ID("password"), storetest.Password),
			chromedp.Submit(chromedp.ID("password")),
			chromedp.WaitVisible(chromedp.ID("passkey-second-step")))
		if err != nil {
			t.Fatalf("second step offers no passkey: %v", err)
		}
		checkAxe(t, ctx, axe, "second step with passkey")
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("passkey-second-step")), today); err != nil {
			body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
			t.Fatalf("passkey second step: %v\n%s", err, body)
		}
	})

	t.Run("SignANoteWithThePasskey", func(t *testing.T) {
		err := chromedp.Do(ctx, chromedp.Navigate(base+"/notes/"+strconv.FormatInt(draft.ID, 10)+"/sign"),
			chromedp.WaitVisible(chromedp.CSS(`[data-passkey="reauth"] button`)))
		if err != nil {
			t.Fatalf("sign page offers no passkey: %v", err)
		}
		checkAxe(t, ctx, axe, "sign page with passkey")
		checkFits(t, ctx, "sign page")
		err = chromedp.Do(ctx, chromedp.Click(chromedp.ID("attest")),
			chromedp.Click(chromedp.CSS(`[data-passkey="reauth"] button`)),
			chromedp.WaitVisible(chromedp.ID("note-locked")))
		if err != nil {
			body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
			t.Fatalf("signing with the passkey: %v\n%s", err, body)
		}
		if n, _ := db.Note(context.Background(), f.Peer, draft.ID); n.Status == goldthread.NoteDraft {
			t.Fatal("the note is still a draft")
		}
	})
}
