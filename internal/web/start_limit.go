package web

import (
	"sync"
	"time"
)

// startLimit caps how often one address may start something that writes
// a row before anyone is known: a passkey sign-in (its ceremony) or a
// single sign-on (its state). Without it a loop of anonymous calls fills
// the database faster than expired rows are swept. Counts are per address
// in fixed windows and live in memory, like the sign-in throttle.
type startLimit struct {
	mu      sync.Mutex
	windows map[string]*startWindow
	now     func() time.Time
	swept   time.Time
}

type startWindow struct {
	began time.Time
	n     int
}

const (
	startsPerWindow = 30
	startWindowLen  = 10 * time.Minute
)

func newStartLimit(now func() time.Time) *startLimit {
	return &startLimit{windows: map[string]*startWindow{}, now: now}
}

// Take counts one start from ip and returns 0 when it may go ahead, or
// how long until the address's window ends.
func (l *startLimit) Take(ip string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.swept) > startWindowLen {
		for k, w := range l.windows {
			if now.Sub(w.began) >= startWindowLen {
				delete(l.windows, k)
			}
		}
		l.swept = now
	}
	w := l.windows[ip]
	if w == nil || now.Sub(w.began) >= startWindowLen {
		w = &startWindow{began: now}
		l.windows[ip] = w
	}
	if w.n >= startsPerWindow {
		return max(w.began.Add(startWindowLen).Sub(now), time.Second)
	}
	w.n++
	return 0
}
