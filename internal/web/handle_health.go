package web

import (
	"context"
	"mime"
	"net/http"
	"path"
	"time"

	"github.com/goldthread/goldthread"
)

// handleHealth answers 200 while the process runs.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request, _ goldthread.Actor) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// handleReady answers 200 when the database answers within two seconds,
// 503 otherwise, so a load balancer stops sending traffic to a server that
// cannot store a note.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request, _ goldthread.Actor) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		s.log.WarnContext(r.Context(), "not ready", "err", err, "request_id", requestID(r.Context()))
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// handleStatic serves the embedded stylesheet and script.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request, _ goldthread.Actor) {
	name := path.Clean(r.PathValue("file"))
	b, err := staticFS.ReadFile("static/" + name)
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(b)
}

// handleRoot sends a visitor to Today, or to sign in.
func (s *Server) handleRoot(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if actor.Anonymous() {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/today", http.StatusSeeOther)
}

// handleFavicon answers browsers that ask for /favicon.ico with the icon.
func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request, _ goldthread.Actor) {
	b, _ := staticFS.ReadFile("static/icon.svg")
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(b)
}
