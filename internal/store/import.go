package store

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// errImportRefused rolls an import back once its rows are all checked.
var errImportRefused = errors.New("store: import refused")

// ImportParticipants registers every row of a file from another system
// in one transaction, each exactly as RegisterParticipant would (the same
// checks, duplicates within the file included), or none of them: when any
// row is refused, or earlier (the file's own reading errors, given in
// bad), nothing is saved and every problem comes back with its line and
// field. With check, the rows are checked and nothing is saved either way.
// A row names its program by id or name and its peer by email. Returns the
// number of rows registered (or that would be), the row errors, and an
// error only for what is not a row's fault (EFORBIDDEN, an outage).
func (db *DB) ImportParticipants(ctx context.Context, actor goldthread.Actor, rows []goldthread.ImportRow, bad []goldthread.ImportError, check bool) (int, []goldthread.ImportError, error) {
	if !registers(actor) || actor.IsOperator() {
		return 0, nil, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors, clinicians and administrators import participants.")
	}
	problems := append([]goldthread.ImportError(nil), bad...)
	done := 0
	err := db.WriteTx(ctx, func(tx *Tx) error {
		problems, done = append([]goldthread.ImportError(nil), bad...), 0 // a retried transaction starts over
		programs, peers, err := importNames(ctx, tx, actor.AgencyID)
		if err != nil {
			return err
		}
		for _, row := range rows {
			fail := func(field string, msg goldthread.Text) {
				problems = append(problems, goldthread.ImportProblem(row.Line, field, msg))
			}
			in := row.Intake
			var ok bool
			if in.ProgramID, ok = programs[strings.ToLower(strings.TrimSpace(row.Program))]; !ok {
				fail("program", goldthread.Textf("No active program of the agency is named %q; use a program's name or id from the Programs page.", row.Program))
				continue
			}
			if in.PeerID, ok = peers[NormalizeEmail(row.PeerEmail)]; !ok {
				fail("peer_email", goldthread.Textf("No active peer specialist signs in with %q.", row.PeerEmail))
				continue
			}
			if err := registerTx(ctx, tx, actor, &in); err != nil {
				if k := goldthread.ErrorKind(err); k != goldthread.EINVALID && k != goldthread.ECONFLICT {
					return err
				}
				fail(importField(goldthread.ErrorField(err)), goldthread.ErrorText(err))
				continue
			}
			done++
		}
		if len(problems) > 0 || check {
			return errImportRefused
		}
		ev := auditFor(actor, goldthread.ActionCreate, "participant_import", 0, 0)
		ev.Detail = "rows=" + strconv.Itoa(done)
		return tx.Audit(ctx, ev)
	})
	if errors.Is(err, errImportRefused) {
		if len(problems) > 0 {
			return 0, problems, nil
		}
		return done, nil, nil
	}
	if err != nil {
		return 0, nil, err
	}
	return done, nil, nil
}

// importNames maps the names a file may use to ids: active programs by id
// and lower-case name, active peer specialists by email.
func importNames(ctx context.Context, tx *Tx, agencyID int64) (map[string]int64, map[string]int64, error) {
	programs, peers := map[string]int64{}, map[string]int64{}
	err := scanAll(ctx, tx, "SELECT id, name FROM program WHERE agency_id = ? AND active = ?", []any{agencyID, true}, func(r scanner) error {
		var id int64
		var name string
		if err := r.Scan(&id, &name); err != nil {
			return err
		}
		programs[strconv.FormatInt(id, 10)], programs[strings.ToLower(name)] = id, id
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = scanAll(ctx, tx, `SELECT u.id, u.email FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = ?
		WHERE u.agency_id = ? AND u.active = ?`, []any{string(goldthread.RolePeer), agencyID, true}, func(r scanner) error {
		var id int64
		var email string
		if err := r.Scan(&id, &email); err != nil {
			return err
		}
		peers[email] = id
		return nil
	})
	return programs, peers, err
}

// importField names a refusal's field by the file's column.
func importField(field string) string {
	switch field {
	case "program_id":
		return "program"
	case "peer_id":
		return "peer_email"
	}
	return field
}
