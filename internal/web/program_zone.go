package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
)

// programPrinter is the printer of a page about a record of program
// programID: times are typed and read on the program's own clock when it
// has one (an agency in New York with a program in California), and then
// shown with the zone's abbreviation so nobody mistakes them for the
// office's clock. Otherwise it is the request's printer.
func (s *Server) programPrinter(r *http.Request, actor goldthread.Actor, programID int64) *locale.Printer {
	pr := s.printer(r)
	p, err := s.db.Program(r.Context(), actor.AgencyID, programID)
	if err != nil || p.TimeZone == "" {
		return pr
	}
	loc, err := goldthread.LoadTimeZone(p.TimeZone)
	if err != nil || loc.String() == pr.Zone.String() {
		return pr
	}
	out := locale.New(pr.Lang, loc)
	out.ShowZone = true
	return out
}
