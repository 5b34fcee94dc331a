package web

import (
	"context"
	"sync"
	"time"

	"github.com/goldthread/goldthread"
)

// billingChecks runs the background checks of billing periods
// (store.DB.RefreshVerdicts): a Billing page that finds participants whose
// services are not checked since their last change answers at once with
// what is known and starts the check of its period here, at most one per
// agency, program and period at a time. The checks live in this process
// only: after a restart the next read of a period starts its check again.
type billingChecks struct {
	mu      sync.Mutex
	running map[billingCheckKey]chan struct{} // closed when the check ends
	ctx     context.Context                   // ends every check (Server.Close)
	stop    context.CancelFunc
	wg      sync.WaitGroup
}

type billingCheckKey struct {
	agency, program int64
	from, to        goldthread.Date
}

func newBillingChecks() *billingChecks {
	ctx, stop := context.WithCancel(context.Background())
	return &billingChecks{running: map[billingCheckKey]chan struct{}{}, ctx: ctx, stop: stop}
}

// startBillingCheck begins the check of the period for actor unless one is
// running, and returns a channel closed when the running one ends.
func (s *Server) startBillingCheck(actor goldthread.Actor, programID int64, from, to goldthread.Date) <-chan struct{} {
	c := s.checks
	key := billingCheckKey{actor.AgencyID, programID, from, to}
	c.mu.Lock()
	defer c.mu.Unlock()
	if done, ok := c.running[key]; ok {
		return done
	}
	done := make(chan struct{})
	if c.ctx.Err() != nil { // closed: nothing starts
		close(done)
		return done
	}
	c.running[key] = done
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		began := time.Now()
		err := s.db.RefreshVerdicts(c.ctx, actor, programID, from, to)
		c.mu.Lock()
		delete(c.running, key)
		close(done)
		c.mu.Unlock()
		switch goldthread.ErrorKind(err) {
		case goldthread.EINVALID, goldthread.ENOTFOUND, goldthread.EFORBIDDEN:
			// The reader's read that follows says so (the CSV, the API).
			return
		}
		if err != nil {
			if c.ctx.Err() == nil { // not stopped by Close
				s.log.Error("billing check failed", "agency", actor.AgencyID, "program", programID, "from", from, "to", to, "err", err)
			}
			return
		}
		s.log.Info("billing check done", "agency", actor.AgencyID, "program", programID, "from", from, "to", to,
			"duration", time.Since(began).Round(time.Millisecond))
	}()
	return done
}

// awaitBillingCheck starts (or joins) the check of the period and waits
// for it to end, or for ctx.
func (s *Server) awaitBillingCheck(ctx context.Context, actor goldthread.Actor, programID int64, from, to goldthread.Date) error {
	select {
	case <-s.startBillingCheck(actor, programID, from, to):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// waitBillingChecks waits up to Config.BillingWait for every check to end
// (the pages answer at once in production, where the wait is 0): true when
// all ended and the page should read again, false when the wait ran out.
func (s *Server) waitBillingChecks(ctx context.Context, checks []<-chan struct{}) (bool, error) {
	if s.cfg.BillingWait <= 0 {
		return false, nil
	}
	t := time.NewTimer(s.cfg.BillingWait)
	defer t.Stop()
	for _, done := range checks {
		select {
		case <-done:
		case <-t.C:
			return false, nil
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
	return true, nil
}

// Close ends the background checks and waits for them to stop (each stops
// between two of its transactions).
func (s *Server) Close() {
	s.checks.stop()
	s.checks.wg.Wait()
}
