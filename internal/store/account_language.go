package store

import (
	"context"
	"fmt"

	"github.com/goldthread/goldthread"
)

// AccountLanguages are the languages a person may choose for their own
// account; "" returns to the default (the browser's, or for a
// participant their record's language).
var AccountLanguages = []string{"", "en", "es"}

// AccountLanguage returns the language the actor chose for their own
// account, "" when none.
func (db *DB) AccountLanguage(ctx context.Context, actor goldthread.Actor) (string, error) {
	var lang string
	err := db.readRow(ctx, "SELECT language FROM app_user WHERE id = ? AND agency_id = ?",
		[]any{actor.UserID, actor.AgencyID}, &lang)
	if err != nil {
		return "", notFound(err, "That account is not active.")
	}
	return lang, nil
}

// SetAccountLanguage sets the language the actor reads Goldthread in, on
// their own account only (staff and participants alike). The change is
// audited in the same transaction. Returns EINVALID on "language" for a
// language Goldthread has no catalog for, EUNAUTHORIZED when nobody is
// signed in.
func (db *DB) SetAccountLanguage(ctx context.Context, actor goldthread.Actor, lang string) error {
	if actor.UserID == 0 {
		return goldthread.Errorf(goldthread.EUNAUTHORIZED, "Sign in to choose your language.")
	}
	ok := false
	for _, l := range AccountLanguages {
		ok = ok || l == lang
	}
	if !ok {
		return goldthread.FieldError("language", "Choose English or Spanish (en or es), or leave it empty to follow your browser.")
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		var old string
		if err := tx.QueryRow(ctx, "SELECT language FROM app_user WHERE id = ? AND agency_id = ?", actor.UserID, actor.AgencyID).Scan(&old); err != nil {
			return notFound(err, "That account is not active.")
		}
		if _, err := tx.Exec(ctx, "UPDATE app_user SET language = ?, updated_at = ? WHERE id = ? AND agency_id = ?",
			lang, tx.now, actor.UserID, actor.AgencyID); err != nil {
			return fmt.Errorf("store.SetAccountLanguage: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "user", actor.UserID, 0)
		ev.Detail = fmt.Sprintf("language: %q -> %q", old, lang)
		return tx.Audit(ctx, ev)
	})
}
