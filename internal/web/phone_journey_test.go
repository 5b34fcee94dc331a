package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/store"
)

// danaPhone is the setting of Dana's journeys (issue 13): the demo agency,
// with a plan in force for Marcus, served through wrap when it is not nil,
// and a 360 px phone with axe-core at hand.
type danaPhone struct {
	ts   *httptest.Server
	db   *store.DB
	tab  context.Context
	axe  string
	step func(name string, actions ...chromedp.Action[chromedp.Void])
}

func newDanaPhone(t *testing.T, wrap func(http.Handler) http.Handler) *danaPhone {
	t.Helper()
	bin, axe := needBrowser(t)
	ts, db := demoServerWrapped(t, wrap)
	ensureMarcusPlan(t, db)
	tab := phone(t, bin)
	return &danaPhone{ts: ts, db: db, tab: tab, axe: axe, step: stepper(t, tab)}
}

// signIn signs Dana in on the phone and waits for Today.
func (d *danaPhone) signIn(more ...chromedp.Action[chromedp.Void]) {
	d.step("sign in", append([]chromedp.Action[chromedp.Void]{demoSignIn(d.ts.URL, "dana@riverbend.example")}, more...)...)
}

// newNoteForMarcus goes from Today to a new note for Marcus.
var newNoteForMarcus = chromedp.Steps(chromedp.Click(chromedp.Search(`//a[normalize-space(.)="Marcus Bell"]`)),
	chromedp.WaitVisible(chromedp.ID("new-note")), chromedp.Click(chromedp.ID("new-note")), chromedp.WaitVisible(chromedp.ID("note-form")))
