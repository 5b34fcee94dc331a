package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/demo"
	"github.com/goldthread/goldthread/internal/store"
)

// savedState waits until the form's status line says every change reached
// the server.
var savedState = chromedp.WaitVisible(chromedp.CSS(`#autosave-status[data-state="saved"]`))

// TestBrowserAutosave: on a 360 px phone Dana types in a new note and does
// nothing else; the status line says it is saved, and after a reload the
// text is there (the script used to send a form the server could not read
// and answer 422 on every save).
func TestBrowserAutosave(t *testing.T) {
	d := newDanaPhone(t, nil)
	ctx, step, axe := d.tab, d.step, d.axe
	d.signIn()
	step("new note", newNoteForMarcus)
	step("type and wait", chromedp.SendKeys(chromedp.ID("peer_action"), "We looked at two apartment listings together."),
		chromedp.WaitVisible(chromedp.CSS(`#autosave-status[data-state="unsaved"]`)), savedState)
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("autosave-status")))
	if err != nil || !strings.Contains(status, "All changes saved at") {
		t.Fatalf("status line: %q (%v)", status, err)
	}
	checkAxe(t, ctx, axe, "note form, saved")
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(loc, "/notes/") || !strings.HasSuffix(loc, "/edit") {
		t.Fatalf("after the first save the page is at %s; want the draft's own address", loc)
	}
	step("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("note-form")))
	text, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("peer_action")))
	if err != nil || text != "We looked at two apartment listings together." {
		t.Fatalf("after reload the note says %q (%v)", text, err)
	}
}

// droppable wraps h so that, while down is set, every connection is closed
// without an answer, as when a phone on a bus loses its signal.
func droppable(down *atomic.Bool) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if down.Load() {
				if hj, ok := w.(http.Hijacker); ok {
					if conn, _, err := hj.Hijack(); err == nil {
						conn.Close()
						return
					}
				}
				panic(http.ErrAbortHandler)
			}
			h.ServeHTTP(w, r)
		})
	}
}

// connection takes the phone off the network (or back on): the browser,
// its service worker and navigator.onLine all see it, and the server
// drops whatever still reaches it.
func connection(down *atomic.Bool, online bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		down.Store(!online)
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		offline := !online
		rules := network.EmulateNetworkConditionsByRuleParams{EmulateOfflineServiceWorker: &offline, MatchedNetworkConditions: []*network.Conditions{}}
		if offline {
			rules.MatchedNetworkConditions = append(rules.MatchedNetworkConditions, &network.Conditions{Offline: true})
		}
		if _, err := cdp.Call(ctx, tg, network.EmulateNetworkConditionsByRule, rules); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: !online, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	})
}

// swActive waits until the service worker is installed and active, so the
// pages opened next are served through it.
var swActive = chromedp.Evaluate[chromedp.Void](`navigator.serviceWorker.ready.then(() => null)`, chromedp.EvalAwaitPromise)

// controlled waits until the service worker answers for the page.
var controlled = chromedp.Evaluate[chromedp.Void](`new Promise(r => { if (navigator.serviceWorker.controller) { r(); return; }
	navigator.serviceWorker.addEventListener("controllerchange", () => r()); })`, chromedp.EvalAwaitPromise)

// deviceCopies reads what IndexedDB holds for the drafts: every stored
// copy as the text a thief of the storage would see (ids, versions, and
// the ciphertext's bytes as characters), and whether each key can be
// exported.
const deviceCopies = `new Promise((resolve, reject) => {
  const req = indexedDB.open("goldthread-drafts");
  req.onerror = () => reject(req.error);
  req.onsuccess = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains("copies")) { db.close(); resolve({copies: [], keys: []}); return; }
    const tx = db.transaction(["copies", "keys"], "readonly");
    const out = {copies: [], keys: []};
    tx.objectStore("copies").getAll().onsuccess = e => {
      out.copies = e.target.result.map(c => JSON.stringify(c) + String.fromCharCode(...new Uint8Array(c.data)));
    };
    tx.objectStore("keys").getAll().onsuccess = e => {
      out.keys = e.target.result.map(k => ({cryptoKey: k.key instanceof CryptoKey, extractable: k.key.extractable, algorithm: k.key.algorithm.name}));
    };
    tx.oncomplete = () => { db.close(); resolve(out); };
  };
})`

type deviceStore struct {
	Copies []string
	Keys   []struct {
		CryptoKey   bool
		Extractable bool
		Algorithm   string
	}
}

// TestBrowserOfflineNote: Dana writes on a bus. Mid-note the connection
// drops; she keeps typing, reloads, sees her text on the offline page and
// adds to it; the connection comes back, the page returns to the note with
// everything she typed, saves it, and she signs. The device held only
// ciphertext under a key that cannot be exported, and signing out wipes it.
func TestBrowserOfflineNote(t *testing.T) {
	var down atomic.Bool
	d := newDanaPhone(t, droppable(&down))
	ctx, step, axe := d.tab, d.step, d.axe
	d.signIn(swActive)
	step("new note", newNoteForMarcus, controlled)
	step("type online", chromedp.Click(chromedp.CSS(`input[name="goals"]`)),
		chromedp.SendKeys(chromedp.ID("peer_action"), "We practiced calling landlords."), savedState)

	const offlineWords = `He said "I will call the next one myself."`
	step("the connection drops", connection(&down, false))
	step("type offline", chromedp.SendKeys(chromedp.ID("participant_response"), offlineWords),
		chromedp.WaitVisible(chromedp.CSS(`#autosave-status[data-state="offline"]`)))
	stored, err := chromedp.Run(ctx, chromedp.Evaluate[deviceStore](deviceCopies, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if len(stored.Copies) != 1 || len(stored.Keys) != 1 {
		t.Fatalf("device holds %d copies and %d keys; want one of each", len(stored.Copies), len(stored.Keys))
	}
	for _, c := range stored.Copies {
		for _, plain := range []string{"myself", "landlords", "Marcus"} {
			if strings.Contains(c, plain) {
				t.Errorf("the device's copy shows %q in plain text", plain)
			}
		}
	}
	if k := stored.Keys[0]; !k.CryptoKey || k.Extractable || k.Algorithm != "AES-GCM" {
		t.Errorf("the copy's key is %+v; want a non-extractable AES-GCM CryptoKey", k)
	}

	step("reload offline", chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("offline-title")),
		chromedp.WaitVisible(chromedp.CSS(`#offline-copy textarea[name="next_steps"]`)))
	kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#offline-copy textarea[name="participant_response"]`)))
	if err != nil || kept != offlineWords {
		t.Fatalf("the offline page shows %q (%v)", kept, err)
	}
	checkFits(t, ctx, "offline page")
	checkAxe(t, ctx, axe, "offline page")
	step("keep writing offline", chromedp.SendKeys(chromedp.CSS(`#offline-copy textarea[name="next_steps"]`), "Call two listings on Monday."),
		chromedp.WaitVisible(chromedp.CSS(`#offline-status[data-state="kept"]`)))

	step("back online", connection(&down, true), chromedp.WaitVisible(chromedp.ID("note-form")), savedState)
	for field, want := range map[string]string{"peer_action": "We practiced calling landlords.", "participant_response": offlineWords,
		"next_steps": "Call two listings on Monday."} {
		if got, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID(field))); err != nil || got != want {
			t.Errorf("after coming back %s = %q (%v); want %q", field, got, err, want)
		}
	}
	step("sign", chromedp.Click(chromedp.ID("save-sign")), chromedp.WaitVisible(chromedp.ID("sign-button")),
		chromedp.Click(chromedp.ID("attest")), chromedp.SendKeys(chromedp.ID("password"), demo.Password),
		chromedp.Click(chromedp.ID("sign-button")), chromedp.WaitVisible(chromedp.ID("note-locked")))
	body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(body, "I will call the next one myself") || !strings.Contains(body, "Call two listings on Monday.") {
		t.Fatalf("the signed note lost text typed offline:\n%s", body)
	}
	step("sign out", chromedp.Click(chromedp.Search(`//button[.="Sign out"]`)), chromedp.WaitVisible(chromedp.ID("email")))
	stored, err = chromedp.Run(ctx, chromedp.Evaluate[deviceStore](deviceCopies, chromedp.EvalAwaitPromise))
	if err != nil || len(stored.Copies)+len(stored.Keys) != 0 {
		t.Fatalf("after sign-out the device still holds %d copies and %d keys (%v)", len(stored.Copies), len(stored.Keys), err)
	}
}

// TestBrowserSignOutSavesFirst: Dana signs out a second after typing; the
// words reach the server before the session ends, and the device keeps no
// copy.
func TestBrowserSignOutSavesFirst(t *testing.T) {
	d := newDanaPhone(t, nil)
	d.signIn()
	d.step("new note", newNoteForMarcus, chromedp.SendKeys(chromedp.ID("peer_action"), "We read the lease together."), savedState)
	edit, _ := chromedp.Run(d.tab, chromedp.Location())
	d.step("type and sign out at once", chromedp.SendKeys(chromedp.ID("next_steps"), "Call the landlord Monday."),
		chromedp.Click(chromedp.Search(`//button[.="Sign out"]`)), chromedp.WaitVisible(chromedp.ID("email")))
	id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(edit, d.ts.URL+"/notes/"), "/edit"), 10, 64)
	if err != nil {
		t.Fatalf("draft address %s", edit)
	}
	if saved := noteField(t, d.db, id, "peer_action"); saved != "We read the lease together." || noteField(t, d.db, id, "next_steps") != "Call the landlord Monday." {
		t.Fatalf("after signing out the draft says %q, next steps %q", saved, noteField(t, d.db, id, "next_steps"))
	}
	stored, err := chromedp.Run(d.tab, chromedp.Evaluate[deviceStore](deviceCopies, chromedp.EvalAwaitPromise))
	if err != nil || len(stored.Copies)+len(stored.Keys) != 0 {
		t.Fatalf("after sign-out the device holds %d copies and %d keys (%v)", len(stored.Copies), len(stored.Keys), err)
	}
}

// TestBrowserOfflineConflict: while Dana's phone is offline, the same draft
// is saved from another device. Back online, the phone's save is refused
// by the version check; after a reload the form shows the saved version
// and the box beside it what the phone kept — nothing was overwritten —
// until she chooses the phone's copy, which is then saved.
func TestBrowserOfflineConflict(t *testing.T) {
	var down atomic.Bool
	d := newDanaPhone(t, droppable(&down))
	d.signIn(swActive)
	d.step("new note", newNoteForMarcus, controlled, chromedp.SendKeys(chromedp.ID("peer_action"), "Started on the phone."), savedState)
	edit, _ := chromedp.Run(d.tab, chromedp.Location())
	id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(edit, d.ts.URL+"/notes/"), "/edit"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	d.step("offline, keep typing", connection(&down, false), chromedp.SendKeys(chromedp.ID("peer_action"), " Finished on the bus."),
		chromedp.WaitVisible(chromedp.CSS(`#autosave-status[data-state="offline"]`)))

	// The desk computer saves the same draft meanwhile.
	ctx := context.Background()
	step, err := d.db.SignIn(ctx, "dana@riverbend.example", demo.Password, "127.0.0.1", store.SessionAPI, store.DefaultSessionPolicy)
	dana := step.Actor
	if err != nil {
		t.Fatal(err)
	}
	n, err := d.db.Note(ctx, dana, id)
	if err != nil {
		t.Fatal(err)
	}
	in := store.NoteInputOf(n)
	in.PeerAction = "Written at the desk."
	if _, err := d.db.UpdateDraftNote(ctx, dana, id, in); err != nil {
		t.Fatal(err)
	}

	d.step("back online: the version check refuses", connection(&down, true), chromedp.WaitVisible(chromedp.CSS(`#autosave-status[data-state="conflict"]`)))
	if got := noteField(t, d.db, id, "peer_action"); got != "Written at the desk." {
		t.Fatalf("the desk's text was overwritten: %q", got)
	}
	d.step("reload: both shown", chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("draft-conflict")))
	form, _ := chromedp.Run(d.tab, chromedp.Value(chromedp.ID("peer_action")))
	box, _ := chromedp.Run(d.tab, chromedp.Text(chromedp.ID("draft-conflict")))
	if form != "Written at the desk." || !strings.Contains(box, "Started on the phone. Finished on the bus.") {
		t.Fatalf("form %q, box %q", form, box)
	}
	checkAxe(t, d.tab, d.axe, "draft conflict")
	d.step("keep the phone's copy", chromedp.Click(chromedp.Search(`//button[.="Use this phone's copy"]`)), savedState)
	if got := noteField(t, d.db, id, "peer_action"); got != "Started on the phone. Finished on the bus." {
		t.Fatalf("after choosing the phone's copy the draft says %q", got)
	}
}

// noteField reads one text column of a note straight from the database.
func noteField(t *testing.T, db *store.DB, id int64, column string) string {
	t.Helper()
	rows, err := db.QueryRaw(context.Background(), "SELECT "+column+" FROM service_note WHERE id = ?", id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var text string
	for rows.Next() {
		if err := rows.Scan(&text); err != nil {
			t.Fatal(err)
		}
	}
	return text
}
