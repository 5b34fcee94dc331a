package web_test

import (
	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/web"
)

// withDemoList shows a demo sign-in list, as `serve --demo` does.
func withDemoList(c *web.Config) {
	c.Demo = []web.DemoSignIn{{Role: goldthread.RolePeer, Email: "peer@fixture.test", Name: "Pat Peer", Note: "Try it."}}
	c.DemoPassword = "fixture password 1"
}
