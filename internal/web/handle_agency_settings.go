package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
)

// The agency settings page: the administrator sets the time zone the
// agency works in, from a list of common US zones or by IANA name, and sees
// the time now in it. A Today line reminds administrators which zone is set.

func init() {
	todaySections = append(todaySections, todaySection{Order: 90, Template: "agency-zone-today", Load: agencyZoneToday})
}

// commonZone is one choice of the zone list, with its catalog label.
type commonZone struct{ Name, Key string }

// commonZones are the zones US agencies work in, east to west, then UTC.
var commonZones = []commonZone{
	{"America/New_York", "settings.agency.zone.eastern"},
	{"America/Chicago", "settings.agency.zone.central"},
	{"America/Denver", "settings.agency.zone.mountain"},
	{"America/Phoenix", "settings.agency.zone.arizona"},
	{"America/Los_Angeles", "settings.agency.zone.pacific"},
	{"America/Anchorage", "settings.agency.zone.alaska"},
	{"Pacific/Honolulu", "settings.agency.zone.hawaii"},
	{"America/Puerto_Rico", "settings.agency.zone.atlantic"},
	{"UTC", "settings.agency.zone.utc"},
}

// agencySettingsView is the page: the saved zone and the time now in it,
// the list, and what was typed when a save was refused.
type agencySettingsView struct {
	Zone    string // the agency's saved zone
	Now     string // the time now in it, formatted
	Zones   []commonZone
	Chosen  string // the list's selection ("" = another zone)
	Other   string // the typed name
	Errors  map[string]string
	Saved   bool
	Invalid bool
}

func (s *Server) renderAgencySettings(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, status int, v agencySettingsView) {
	a, err := s.db.Agency(r.Context(), actor.AgencyID)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	zone, err := goldthread.LoadTimeZone(a.TimeZone)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.Zone, v.Zones = zone.String(), commonZones
	// The time is shown on the saved zone's clock whatever the session
	// loaded, so the page proves what was just saved.
	v.Now = locale.New(s.printer(r).Lang, zone).DateTime(s.db.Now())
	if status == http.StatusOK {
		v.Chosen, v.Other = v.Zone, ""
		if !slices.ContainsFunc(commonZones, func(z commonZone) bool { return z.Name == v.Zone }) {
			v.Chosen, v.Other = "", v.Zone
		}
	}
	v.Invalid = v.Errors["time_zone"] != ""
	p := s.printer(r)
	s.render(w, r, status, "settings_agency", view{P: p, Actor: actor, Title: p.T("settings.agency.title"), Nav: "settings", Data: v})
}

// handleAgencySettings shows the agency's time zone and the form to change it.
func (s *Server) handleAgencySettings(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	s.renderAgencySettings(w, r, actor, http.StatusOK, agencySettingsView{Saved: r.URL.Query().Has("saved")})
}

// handleAgencySettingsSave sets the zone: a typed name wins over the list.
func (s *Server) handleAgencySettingsSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	if err := s.readForm(w, r); err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	chosen, other := r.PostForm.Get("time_zone"), strings.TrimSpace(r.PostForm.Get("time_zone_other"))
	name := chosen
	if other != "" {
		name = other
	}
	if err := s.db.SetAgencyTimeZone(r.Context(), actor, name); err != nil {
		if fe, ok := formError(s.printer(r), err); ok {
			s.renderAgencySettings(w, r, actor, http.StatusUnprocessableEntity, agencySettingsView{Errors: fe, Chosen: chosen, Other: other})
			return
		}
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, "/settings/agency?saved=1", http.StatusSeeOther)
}

// agencyZoneToday tells an administrator on Today which zone the agency
// works in: a wrong zone shifts every date, so it should be seen.
func agencyZoneToday(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RoleAdministrator) {
		return nil, false, nil
	}
	return actor.Location().String(), true, nil
}
