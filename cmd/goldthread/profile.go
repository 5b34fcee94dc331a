package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// profileOf starts a CPU profile to path for the command named cmd when
// path is set (its --cpuprofile flag), printing why not on e.stderr; stop
// ends it (a no-op without a path), and ok is false when it could not start.
func profileOf(e *env, cmd, path string) (stop func(), ok bool) {
	if path == "" {
		return func() {}, true
	}
	stop, err := startCPUProfile(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread %s: %v\n", cmd, err)
		return nil, false
	}
	return stop, true
}

// startCPUProfile writes a CPU profile of this process to path until the
// returned function is called (seed and bench: where their time goes).
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cannot write the profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot start the profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
