package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/demo"
)

// TestBrowserAgencyTimeZoneOnPhone: Morgan, the demo administrator, opens
// the agency time zone on a 360 px phone (Riverbend works in New York),
// types a wrong name and gets the error beside the field, then saves
// Chicago; each state passes axe and fits the screen.
func TestBrowserAgencyTimeZoneOnPhone(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t)
	ctx := phone(t, bin)
	h1 := chromedp.WaitVisible(chromedp.Search(`//h1[.="Agency time zone"]`))
	steps := []struct {
		name    string
		actions []chromedp.Action[chromedp.Void]
		want    []string
	}{
		{"settings", []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(ts.URL + "/signin"), chromedp.WaitVisible(chromedp.ID("email")),
			chromedp.SendKeys(chromedp.ID("email"), "morgan@riverbend.example"),
			chromedp.SendKeys(chromedp.ID("password"), demo.Password),
			chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Hello")]`)),
			chromedp.Click(chromedp.Search(`//a[.="Change the time zone"]`)), h1,
		}, []string{"Now in America/New_York:", "(required)", "(optional)"}},
		{"wrong name", []chromedp.Action[chromedp.Void]{
			chromedp.SendKeys(chromedp.ID("time_zone_other"), "Eastern"),
			chromedp.Click(chromedp.Search(`//button[.="Save time zone"]`)), chromedp.WaitVisible(chromedp.ID("time_zone-error")),
		}, []string{`"Eastern" is not a time zone name`, "America/New_York"}},
		{"saved", []chromedp.Action[chromedp.Void]{
			chromedp.Clear(chromedp.ID("time_zone_other")),
			chromedp.SetValue(chromedp.ID("time_zone"), "America/Chicago"),
			chromedp.Click(chromedp.Search(`//button[.="Save time zone"]`)), chromedp.WaitVisible(chromedp.Search(`//p[.="Time zone saved."]`)),
		}, []string{"Now in America/Chicago:"}},
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
