package main

import (
	"context"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeTrustedProxyFlags: behind a TLS proxy the proxy's address must
// be named, or every client would share it in the throttles and the audit
// trail; a malformed address is refused naming the flag.
func TestServeTrustedProxyFlags(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"BehindProxyNeedsItsAddress", []string{"--behind-tls-proxy"}, "--trusted-proxy"},
		{"MalformedProxy", []string{"--trusted-proxy", "10.0.0.300"}, "--trusted-proxy"},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"serve", "--db", filepath.Join(t.TempDir(), "gt.db")}, c.args...)
			code, _, errOut := runCmd(t, ctx, nil, args...)
			if code != 2 || !strings.Contains(errOut, c.want) {
				t.Fatalf("exit %d, stderr %q; want 2 naming %s", code, errOut, c.want)
			}
		})
	}
	t.Run("AddressesAndPrefixes", func(t *testing.T) {
		got, err := parseProxies(" 10.0.0.5, 192.0.2.0/24,::ffff:198.51.100.1")
		want := []netip.Prefix{netip.MustParsePrefix("10.0.0.5/32"), netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("198.51.100.1/32")}
		if err != nil || len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
			t.Fatalf("%v %v", got, err)
		}
	})
}
