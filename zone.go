package goldthread

import (
	"strings"
	"sync"
	"time"

	// The zone database is compiled in so an agency's zone loads on a host
	// without /usr/share/zoneinfo (a minimal container); the system's copy
	// is still preferred when present.
	_ "time/tzdata"
)

// DefaultTimeZone is the zone of an agency that has not chosen one.
const DefaultTimeZone = "UTC"

// zones caches loaded locations by IANA name: every request loads its
// actor's zone, and time.LoadLocation reads the zone file each time.
var zones sync.Map // string → *time.Location

// LoadTimeZone returns the location of an IANA time zone name such as
// "America/New_York". An empty name is DefaultTimeZone. It returns EINVALID
// on field "time_zone" for a name the zone database does not know and for
// "Local", which means whatever the server happens to be set to rather than
// where the agency works.
func LoadTimeZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = DefaultTimeZone
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	if strings.EqualFold(name, "Local") {
		return nil, FieldError("time_zone", "Choose the zone the agency works in by its name, such as America/New_York; \"Local\" would follow the server's clock.")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, FieldError("time_zone", "%q is not a time zone name. Type a name from the IANA list, such as America/New_York or America/Chicago, with the capitals and the slash.", name)
	}
	zones.Store(name, loc)
	return loc, nil
}

// Location is the actor's agency time zone, UTC when none is loaded (the
// anonymous actor, an actor built by setup code).
func (a Actor) Location() *time.Location {
	if a.Zone == nil {
		return time.UTC
	}
	return a.Zone
}

// DateIn returns the calendar date of the instant t on the wall clocks of
// loc: the service date of a service that started at t, "today" at now.
func DateIn(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	return DateOf(t.In(loc))
}

// At returns the instant of the wall-clock time h:m on date d in loc.
func (d Date) At(h, m int, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc)
}
