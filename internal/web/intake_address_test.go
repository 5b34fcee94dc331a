package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestIntakeSaysClaimsNeedTheAddress: the address fields are optional at
// intake (people without a home are registered too), but a claim cannot
// go out without one; the form says so where the address is typed, on
// registration and when details are updated.
func TestIntakeSaysClaimsNeedTheAddress(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	sup := ts.signIn(t, ts.f.Emails[goldthread.RoleSupervisor])
	for _, page := range []string{"/participants/new", "/participants/" + strconv.FormatInt(ts.f.Mine.ID, 10) + "/edit"} {
		res, body := get(t, sup, ts.URL+page)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", page, res.StatusCode)
		}
		if !strings.Contains(body, `<fieldset aria-describedby="contact-hint">`) || !strings.Contains(body, "Claims carry the home address") {
			t.Errorf("%s does not say that claims need the address", page)
		}
	}
}
