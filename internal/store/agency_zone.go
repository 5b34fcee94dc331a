package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// SetAgencyTimeZone sets the IANA time zone the actor's agency works in
// ("America/New_York"). From then on its staff type and read times of day
// on that clock and "today" is that zone's date; instants already stored do
// not change. The change is audited as a setting change, old and new name,
// in the same transaction. Returns EFORBIDDEN for anyone but an
// administrator, EINVALID on "time_zone" for an unknown name or "Local",
// ENOTFOUND when the actor's agency does not exist.
func (db *DB) SetAgencyTimeZone(ctx context.Context, actor goldthread.Actor, name string) error {
	if !goldthread.CanAdminister(actor) {
		return goldthread.Errorf(goldthread.EFORBIDDEN, "Only an administrator sets the agency's time zone.")
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return goldthread.FieldError("time_zone", "Choose the agency's time zone, or type its name, such as America/New_York.")
	}
	loc, err := goldthread.LoadTimeZone(name)
	if err != nil {
		return err
	}
	name = loc.String() // the database's spelling, so the list and the page agree
	return db.WriteTx(ctx, func(tx *Tx) error {
		var old string
		if err := tx.QueryRow(ctx, agencyZoneQuery, actor.AgencyID).Scan(&old); err != nil {
			return notFound(err, "Your agency was not found; sign in again.")
		}
		if _, err := tx.Exec(ctx, "UPDATE agency SET time_zone = ? WHERE id = ?", name, actor.AgencyID); err != nil {
			return fmt.Errorf("store.SetAgencyTimeZone: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "agency", actor.AgencyID, 0)
		ev.Detail = fmt.Sprintf("time_zone: %q -> %q", old, name)
		return tx.Audit(ctx, ev)
	})
}

const agencyZoneQuery = "SELECT time_zone FROM agency WHERE id = ?"

// agencyZone returns the time zone of agency agencyID as stored. The store
// reads it from the agency rather than trusting the actor, so setup code and
// the command line, whose actors carry no zone, judge dates the same way.
func agencyZone(ctx context.Context, tx *Tx, agencyID int64) (*time.Location, error) {
	var loc *time.Location
	if err := tx.QueryRow(ctx, agencyZoneQuery, agencyID).Scan(zoneColumn{&loc}); err != nil {
		return nil, notFound(err, "No agency %d.", agencyID)
	}
	return loc, nil
}

// agencyToday is the agency's calendar date at the transaction's time: the
// day a user means by "today". A service date after it is in the future.
func agencyToday(ctx context.Context, tx *Tx, agencyID int64) (goldthread.Date, error) {
	loc, err := agencyZone(ctx, tx, agencyID)
	if err != nil {
		return goldthread.Date{}, err
	}
	return goldthread.DateIn(tx.now, loc), nil
}

// agencyToday is agencyToday outside a transaction, for checks made before
// one starts.
func (db *DB) agencyToday(ctx context.Context, agencyID int64) (goldthread.Date, error) {
	var loc *time.Location
	err := db.readRow(ctx, agencyZoneQuery, []any{agencyID}, zoneColumn{&loc})
	if err != nil {
		return goldthread.Date{}, notFound(err, "No agency %d.", agencyID)
	}
	return goldthread.DateIn(db.now(), loc), nil
}

// zoneColumn scans agency.time_zone into the location it names. A name the
// zone database does not know is an internal error, not the user's: every
// way of storing one checks it first.
type zoneColumn struct{ loc **time.Location }

func (z zoneColumn) Scan(src any) error {
	var name string
	switch v := src.(type) {
	case string:
		name = v
	case []byte:
		name = string(v)
	case nil:
	default:
		return fmt.Errorf("store: time_zone: cannot scan %T", src)
	}
	loc, err := goldthread.LoadTimeZone(name)
	if err != nil {
		return fmt.Errorf("store: the agency's time zone %q is not in the zone database: %v", name, err)
	}
	*z.loc = loc
	return nil
}
