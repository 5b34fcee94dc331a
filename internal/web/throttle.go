package web

import (
	"net/http"
	"time"

	"github.com/goldthread/goldthread/internal/store"
)

// The sign-in throttle (failures per account and address, and per
// address) and the cap on anonymous starts per address are rows in the
// database (store.ThrottleWait, ThrottleFail, TakeStart), so every server
// of one database counts the same attempts and a restart forgets none.

// throttleCheck reads how long account must wait before trying from ip.
// A database that cannot be read answers the error, never "go ahead".
func (s *Server) throttleCheck(r *http.Request, account, ip string) (store.ThrottleCheck, error) {
	return s.db.ThrottleWait(r.Context(), account, ip)
}

// throttleFail counts a failed attempt of account from ip and returns the
// wait it starts. The person's answer does not hang on the count: a count
// that could not be written is logged.
func (s *Server) throttleFail(r *http.Request, account, ip string) time.Duration {
	wait, err := s.db.ThrottleFail(r.Context(), account, ip)
	if err != nil {
		s.log.ErrorContext(r.Context(), "throttle: a failed attempt was not counted", "err", err, "request_id", requestID(r.Context()))
	}
	return wait
}

// throttleForget forgets the pair's failures after a good attempt (no
// write when there were none); an error is logged, the sign-in stands.
func (s *Server) throttleForget(r *http.Request, c store.ThrottleCheck) {
	if err := s.db.ThrottleForget(r.Context(), c); err != nil {
		s.log.ErrorContext(r.Context(), "throttle: failures not forgotten after a good sign-in", "err", err, "request_id", requestID(r.Context()))
	}
}
