package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
)

// handleServiceWorker serves static/sw.js from the site's root, so it may
// answer for every page, and never from a stale cache, so a release
// replaces it at the next visit.
func (s *Server) handleServiceWorker(w http.ResponseWriter, r *http.Request, _ goldthread.Actor) {
	b, err := staticFS.ReadFile("static/sw.js")
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b)
}

// handleOffline renders the offline page as for nobody in particular,
// even to a signed-in person: the service worker keeps it, so it must
// never hold a name, a menu of someone's roles or a record.
func (s *Server) handleOffline(w http.ResponseWriter, r *http.Request, _ goldthread.Actor) {
	p := s.printer(r)
	w.Header().Set("Cache-Control", "no-cache")
	s.render(w, r, http.StatusOK, "offline", view{P: p, Title: p.T("offline.title")})
}
