package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/goldthread/goldthread/internal/demo"
	"github.com/goldthread/goldthread/internal/web"
)

// axePath is axe-core, installed by `npm ci --prefix e2e` (the README's test
// command and .ci/run do it).
var axePath = filepath.Join("..", "..", "e2e", "node_modules", "axe-core", "axe.min.js")

// needBrowser returns Chromium's path and axe-core's source, or skips with
// how to enable the test; under CI=true a missing tool fails instead.
func needBrowser(t *testing.T) (string, string) {
	t.Helper()
	miss := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf(format, args...)
		}
		t.Skipf(format, args...)
	}
	bin := os.Getenv("GOLDTHREAD_CHROMIUM")
	if bin == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				bin = p
				break
			}
		}
	}
	if bin == "" {
		miss("browser test skipped: no Chromium; run `apt-get install -y chromium` (or set GOLDTHREAD_CHROMIUM)")
	}
	axe, err := os.ReadFile(axePath)
	if err != nil {
		miss("browser test skipped: axe-core missing; run `npm ci --prefix e2e` from the project root")
	}
	return bin, string(axe)
}

// phone opens a headless Chromium tab the size of a 360 px phone, for 90
// seconds at most.
func phone(t *testing.T, bin string) context.Context {
	t.Helper()
	return phoneFor(t, bin, 90*time.Second)
}

// phoneFor is phone with a time budget of its own, for long journeys.
func phoneFor(t *testing.T, bin string, budget time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, budget)
	t.Cleanup(cancel3)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// checkAxe runs axe-core on the current page and fails on any WCAG 2.0/2.1
// A or AA violation.
func checkAxe(t *testing.T, ctx context.Context, axe, page string) {
	t.Helper()
	for _, v := range axeViolations(t, ctx, axe, page) {
		t.Errorf("axe on %s: %s", page, v)
	}
}

// axeViolations runs axe-core on the current page and describes each WCAG
// 2.0/2.1 A or AA violation.
func axeViolations(t *testing.T, ctx context.Context, axe, page string) []string {
	t.Helper()
	type violation struct {
		ID    string
		Help  string
		Nodes []struct{ Target []string }
	}
	run := axe + `;axe.run(document, {runOnly: {type: "tag", values: ["wcag2a","wcag2aa","wcag21a","wcag21aa"]}}).then(r => r.violations)`
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](run, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe on %s: %v", page, err)
	}
	var out []string
	for _, v := range violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, strings.Join(n.Target, " "))
		}
		out = append(out, v.ID+" ("+v.Help+") at "+strings.Join(where, "; "))
	}
	return out
}

// checkFits fails when the page scrolls sideways on the phone.
func checkFits(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if wide {
		t.Errorf("%s scrolls sideways at 360 px", page)
	}
}

// TestBrowserPeerOnPhone walks Dana's first journey on a 360 px phone with
// the demo agency: sign in, Today, the participant list, a participant,
// sign out; each page passes axe and fits the screen.
func TestBrowserPeerOnPhone(t *testing.T) {
	bin, axe := needBrowser(t)
	ts, _ := demoServer(t, func(c *web.Config) {
		for _, a := range demo.Accounts() {
			c.Demo = append(c.Demo, web.DemoSignIn{Role: a.Role, Email: a.Email, Name: a.Name, Note: a.Note})
		}
		c.DemoPassword = demo.Password
	})
	ctx := phone(t, bin)

	steps := []struct {
		name    string
		actions []chromedp.Action[chromedp.Void]
		want    string
	}{
		{"sign-in page", []chromedp.Action[chromedp.Void]{chromedp.Navigate(ts.URL + "/"), chromedp.WaitVisible(chromedp.ID("email"))}, "Sign in"},
		{"Today", []chromedp.Action[chromedp.Void]{
			chromedp.SendKeys(chromedp.ID("email"), "dana@riverbend.example"),
			chromedp.SendKeys(chromedp.ID("password"), demo.Password),
			chromedp.Submit(chromedp.ID("password")),
			chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Hello")]`)),
		}, "Hello, Dana Whitfield"},
		{"participant list", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.CSS(`nav a[href="/participants"]`)),
			chromedp.WaitVisible(chromedp.Search(`//h1[.="Participants"]`)),
		}, "Participants"},
		{"participant", []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.Search(`//a[contains(., "Marcus Bell")]`)),
			chromedp.WaitVisible(chromedp.Search(`//h1[.="Marcus Bell"]`)),
		}, "Marcus Bell"},
	}
	for _, s := range steps {
		if err := chromedp.Do(ctx, s.actions...); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if !strings.Contains(h1, s.want) {
			t.Fatalf("%s: h1 = %q; want %q", s.name, h1, s.want)
		}
		checkFits(t, ctx, s.name)
		checkAxe(t, ctx, axe, s.name)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/participants"), chromedp.WaitVisible(chromedp.CSS("ul.people"))); err != nil {
		t.Fatal(err)
	}
	count, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("ul.people li").length`))
	if err != nil {
		t.Fatal(err)
	}
	if count != 8 {
		t.Errorf("Dana's participant list has %d rows; want her caseload of 8", count)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.Search(`//button[.="Sign out"]`)), chromedp.WaitVisible(chromedp.ID("email"))); err != nil {
		t.Fatalf("sign out: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, "/signin") {
		t.Fatalf("after sign-out at %s (%v)", loc, err)
	}
	checkAxe(t, ctx, axe, "signed out")

	// The check itself must be able to fail: an image without a text
	// alternative is a WCAG A violation axe has to report.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("main").appendChild(document.createElement("img")); null`)); err != nil {
		t.Fatal(err)
	}
	if v := axeViolations(t, ctx, axe, "planted violation"); len(v) == 0 {
		t.Fatal("axe reported nothing on a page with an unlabelled image: the accessibility check is not running")
	}
}
