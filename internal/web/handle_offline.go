package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
)

func init() { routeGroups = append(routeGroups, (*Server).offlineRoutes) }

// The app shell for a phone without a connection (issue 13): the service
// worker that keeps it, and the page it shows instead of the browser's
// error. Both are public and carry nothing of anyone's record.
func (s *Server) offlineRoutes() []route {
	return []route{
		{"GET", "/sw.js", public, s.handleServiceWorker},
		{"GET", "/offline", public, s.handleOffline},
	}
}

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
