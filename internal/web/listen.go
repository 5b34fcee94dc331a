package web

import (
	"fmt"
	"net"
)

// listen opens addr, turning the common failure into a sentence that says
// what to do.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("cannot listen on %s (%v): choose another address with --addr, such as 127.0.0.1:8081", addr, err)
	}
	return ln, nil
}
