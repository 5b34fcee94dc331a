package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/demo"
)

// TestBrowserCompliancePages opens the compliance pages on a 360 px phone
// with the demo agency, as Morgan (administrator: payer rules with the
// override forms, one opened) and Luis (supervisor: word lists, coaching,
// Today); each page passes axe and fits the screen.
func TestBrowserCompliancePages(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, db := demoServer(t)
	agency, err := db.AgencyBySlug(context.Background(), "riverbend")
	if err != nil {
		t.Fatal(err)
	}
	programs, err := db.Programs(context.Background(), agency.ID)
	if err != nil || len(programs) == 0 {
		t.Fatalf("demo programs: %v", err)
	}
	rows, err := db.QueryRaw(context.Background(), `SELECT n.id FROM service_note n JOIN app_user u ON u.id = n.author_id
		WHERE u.email = ? AND n.status = ? ORDER BY n.id LIMIT 1`, "dana@riverbend.example", goldthread.NoteSigned)
	if err != nil {
		t.Fatal(err)
	}
	var noteID int64
	for rows.Next() {
		rows.Scan(&noteID)
	}
	rows.Close()
	if noteID == 0 {
		t.Fatal("the demo has no signed note of Dana's")
	}
	prog := ts.URL + "/programs/" + strconv.FormatInt(programs[0].ID, 10) + "/rules"
	signIn := func(email string, then ...chromedp.Action[chromedp.Void]) []chromedp.Action[chromedp.Void] {
		return append([]chromedp.Action[chromedp.Void]{
			chromedp.Navigate(ts.URL + "/signin"), chromedp.WaitVisible(chromedp.ID("email")),
			chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), demo.Password),
			chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Hello")]`)),
		}, then...)
	}
	h1 := func(text string) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "` + text + `")]`))
	}
	steps := []struct {
		name    string
		actions []chromedp.Action[chromedp.Void]
		want    []string
	}{
		{"Payer rules index", signIn("morgan@riverbend.example",
			chromedp.Click(chromedp.CSS(`nav a[href="/rules"]`)), h1("Payer rules")), []string{programs[0].Name}},
		{"Program rules", []chromedp.Action[chromedp.Void]{chromedp.Navigate(prog), h1("Payer rules:"),
			chromedp.Click(chromedp.CSS(`#v-timeliness-hours summary`))}, []string{"Unconfirmed", "Override this value", "Sources"}},
		{"Word lists", append([]chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.Search(`//button[.="Sign out"]`)), chromedp.WaitVisible(chromedp.ID("email"))},
			signIn("luis@riverbend.example", chromedp.Navigate(ts.URL+"/coach/lexicon"), h1("Coach word lists"))...), []string{"Silence a rule", "Add an agency entry", "judgment.refused"}},
		{"Coaching", []chromedp.Action[chromedp.Void]{chromedp.Navigate(ts.URL + "/coaching"), h1("Coaching")}, []string{"Last 90 days"}},
		{"Signed note", []chromedp.Action[chromedp.Void]{chromedp.Navigate(ts.URL + "/notes/" + strconv.FormatInt(noteID, 10)),
			chromedp.WaitVisible(chromedp.ID("cp-findings-title"))}, []string{"Payer rule check", "Findings recorded when the note was signed"}},
	}
	ctx := phone(t, bin)
	for _, s := range steps {
		if err := chromedp.Do(ctx, s.actions...); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		body, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		for _, w := range s.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the page lacks %q", s.name, w)
			}
		}
		checkFits(t, ctx, s.name)
		checkAxe(t, ctx, axe, s.name)
	}
}
