package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/demo"
)

// TestBrowserSupervisorWorkforce walks Luis's workforce pages on a 360 px
// phone with the demo agency: Today's alerts, Team, Sam's credentials, the
// caseloads, and logging a supervision session with Dana; each page passes
// axe and fits the screen.
func TestBrowserSupervisorWorkforce(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t)
	ctx := phone(t, bin)
	h1 := func(text string) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "` + text + `")]`))
	}
	steps := []struct {
		name    string
		actions []chromedp.Action[chromedp.Void]
		want    []string
	}{
		{"Today", []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(ts.URL + "/signin"), chromedp.WaitVisible(chromedp.ID("email")),
			chromedp.SendKeys(chromedp.ID("email"), "luis@riverbend.example"),
			chromedp.SendKeys(chromedp.ID("password"), demo.Password),
			chromedp.Submit(chromedp.ID("password")), h1("Hello"),
		}, []string{"Credentials expiring", "Sam Okafor", "in 23 days", "Supervision overdue", "Jordan Ellis"}},
		{"Team", []chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.CSS(`nav a[href="/team"]`)), h1("Team")},
			[]string{"of 12 participants", "another source says 15", "Overdue"}},
		{"Sam's credentials", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.Search(`//a[contains(., "Credentials and training")][contains(., "Sam Okafor")]`)), h1("Sam Okafor")},
			[]string{"CMPSS", "expires in 23 days", "of 20 hours"}},
		{"Caseloads", []chromedp.Action[chromedp.Void]{chromedp.Navigate(ts.URL + "/caseloads"), h1("Caseloads")},
			[]string{"Assign or reassign a participant", "Marcus Bell"}},
		{"Log a session", []chromedp.Action[chromedp.Void]{chromedp.Navigate(ts.URL + "/supervision/new"), h1("Log a supervision session")}, nil},
		{"Supervision log", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.Search(`//label[contains(., "Dana Whitfield")]/input`)),
			chromedp.SendKeys(chromedp.ID("minutes"), "30"),
			chromedp.SendKeys(chromedp.ID("topics"), "Weekend outreach plan"),
			chromedp.Click(chromedp.Search(`//button[.="Log session"]`)), h1("Supervision log"),
		}, []string{"Supervision session logged", "Weekend outreach plan"}},
	}
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
