package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
)

// lexiconCache keeps each agency's built lexicon per program, used while
// the signature of its active changes still matches (building one
// recompiles every entry, and the note form coaches as the peer types).
var lexiconCache = struct {
	sync.Mutex
	m map[string]cachedLexicon
}{m: map[string]cachedLexicon{}}

type cachedLexicon struct {
	sig [32]byte
	lex *coach.Lexicon
}

// agencyEntryPrefix starts the id of every entry an agency adds, so an
// agency entry never replaces a built-in one (silence that instead).
const agencyEntryPrefix = "agency."

var lexiconIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$`)

// canEditLexicon: administrators and supervisors change the coach.
func canEditLexicon(actor goldthread.Actor) error {
	if goldthread.CanCoachLanguage(actor) {
		return nil
	}
	return goldthread.Errorf(goldthread.EFORBIDDEN, "Only administrators and supervisors change the language coach's word lists.")
}

const lexiconColumns = `l.id, COALESCE(l.program_id, 0), COALESCE(g.name, ''), l.action, l.rule_id, l.category, l.severity, l.pattern,
	l.why, l.suggestion, l.flags, l.reason, COALESCE(u.name, ''), l.set_at, l.active, COALESCE(e.name, ''), l.ended_at`

const lexiconFrom = ` FROM agency_lexicon l LEFT JOIN program g ON g.id = l.program_id LEFT JOIN app_user u ON u.id = l.set_by
	LEFT JOIN app_user e ON e.id = l.ended_by `

func scanLexiconChange(r scanner) (goldthread.LexiconChange, error) {
	var c goldthread.LexiconChange
	var ended sql.NullTime
	err := r.Scan(&c.ID, &c.ProgramID, &c.ProgramName, &c.Action, &c.RuleID, &c.Category, &c.Severity, &c.Pattern, &c.Why,
		&c.Suggestion, &c.Flags, &c.Reason, &c.SetBy, &c.SetAt, &c.Active, &c.EndedBy, &ended)
	c.SetAt = c.SetAt.UTC()
	if ended.Valid {
		c.EndedAt = ended.Time.UTC()
	}
	return c, err
}

// activeLexiconChanges returns the agency's active changes that apply to
// programID (those for all programs, and programID's own), oldest first.
// programID 0 returns only the changes for all programs.
func activeLexiconChanges(ctx context.Context, tx *Tx, agencyID, programID int64) ([]goldthread.LexiconChange, error) {
	rows, err := tx.Query(ctx, "SELECT "+lexiconColumns+lexiconFrom+`WHERE l.agency_id = ? AND l.active = ?
		AND (l.program_id IS NULL OR l.program_id = ?) ORDER BY l.id`, agencyID, true, programID)
	if err != nil {
		return nil, fmt.Errorf("store.activeLexiconChanges: %w", err)
	}
	defer rows.Close()
	var out []goldthread.LexiconChange
	for rows.Next() {
		c, err := scanLexiconChange(rows)
		if err != nil {
			return nil, fmt.Errorf("store.activeLexiconChanges: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// changeEntry is the coach entry an "add" change stands for.
func changeEntry(c goldthread.LexiconChange) coach.Entry {
	return coach.Entry{ID: c.RuleID, Category: coach.Category(c.Category), Severity: coach.Severity(c.Severity), Pattern: c.Pattern,
		Why: c.Why, Suggestion: c.Suggestion, Source: "agency list (" + c.SetBy + ", " + c.SetAt.Format("2006-01-02") + ")", Flags: c.Flags}
}

// buildLexicon applies changes to the default lexicon. A change the
// coach no longer accepts (a silence of a rule a new release removed, an
// entry whose pattern no longer compiles) is skipped, never fatal.
func buildLexicon(changes []goldthread.LexiconChange) *coach.Lexicon {
	base := coach.DefaultLexicon()
	known := map[string]bool{}
	for _, e := range base.Entries() {
		known[e.ID] = true
	}
	var add []coach.Entry
	for _, c := range changes {
		if c.Action == goldthread.LexiconAdd {
			add = append(add, changeEntry(c))
			known[c.RuleID] = true
		}
	}
	var silence []string
	for _, c := range changes {
		if c.Action == goldthread.LexiconSilence && known[c.RuleID] {
			silence = append(silence, c.RuleID)
		}
	}
	if lx, err := base.With(add, silence); err == nil {
		return lx
	}
	lx := base
	for _, e := range add {
		if next, err := lx.With([]coach.Entry{e}, nil); err == nil {
			lx = next
		}
	}
	for _, id := range silence {
		if next, err := lx.With(nil, []string{id}); err == nil {
			lx = next
		}
	}
	return lx
}

// agencyLexiconTx is AgencyLexicon inside an open transaction.
func agencyLexiconTx(ctx context.Context, tx *Tx, agencyID, programID int64) (*coach.Lexicon, error) {
	changes, err := activeLexiconChanges(ctx, tx, agencyID, programID)
	if err != nil {
		return nil, err
	}
	if len(changes) == 0 {
		return coach.DefaultLexicon(), nil
	}
	h := sha256.New()
	for _, c := range changes {
		fmt.Fprintf(h, "%d\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00", c.ID, c.Action, c.RuleID, c.Category,
			c.Severity, c.Pattern, c.Why, c.Suggestion, c.Flags, c.SetBy, c.SetAt.Format(time.RFC3339Nano))
	}
	var sig [32]byte
	copy(sig[:], h.Sum(nil))
	key := fmt.Sprintf("%d/%d", agencyID, programID)
	lexiconCache.Lock()
	c, ok := lexiconCache.m[key]
	lexiconCache.Unlock()
	if ok && c.sig == sig {
		return c.lex, nil
	}
	lx := buildLexicon(changes)
	lexiconCache.Lock()
	lexiconCache.m[key] = cachedLexicon{sig: sig, lex: lx}
	lexiconCache.Unlock()
	return lx, nil
}

// AgencyLexicon returns the coach lexicon for a note of programID in the
// agency: DefaultLexicon with the agency's active additions and silences
// for all programs and for programID (0: all-program changes only). It
// reads only configuration, no record, so it takes no actor; callers pass
// the actor's own agency. The coaching endpoint and note signing use it.
func (db *DB) AgencyLexicon(ctx context.Context, agencyID, programID int64) (*coach.Lexicon, error) {
	var lx *coach.Lexicon
	err := db.ReadTx(ctx, func(tx *Tx) error {
		var err error
		lx, err = agencyLexiconTx(ctx, tx, agencyID, programID)
		return err
	})
	return lx, err
}

// LexiconChanges lists every change the agency made to the coach, active
// and ended, newest first (administrators and supervisors).
func (db *DB) LexiconChanges(ctx context.Context, actor goldthread.Actor) ([]goldthread.LexiconChange, error) {
	if err := canEditLexicon(actor); err != nil {
		return nil, err
	}
	var out []goldthread.LexiconChange
	err := db.ReadTx(ctx, func(tx *Tx) error {
		rows, err := tx.Query(ctx, "SELECT "+lexiconColumns+lexiconFrom+"WHERE l.agency_id = ? ORDER BY l.id DESC", actor.AgencyID)
		if err != nil {
			return fmt.Errorf("store.LexiconChanges: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanLexiconChange(rows)
			if err != nil {
				return fmt.Errorf("store.LexiconChanges: %w", err)
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// checkLexiconProgram refuses a program outside the agency.
func checkLexiconProgram(ctx context.Context, tx *Tx, agencyID, programID int64) error {
	if programID == 0 {
		return nil
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM program WHERE id = ? AND agency_id = ?", programID, agencyID).Scan(&n); err != nil {
		return fmt.Errorf("store.checkLexiconProgram: %w", err)
	}
	if n == 0 {
		return goldthread.FieldError("program_id", "Choose one of your agency's programs, or all programs.")
	}
	return nil
}

// AddLexiconEntry adds an agency entry to the coach for programID (0: all
// programs). Administrators and supervisors (EFORBIDDEN otherwise). The
// id gets the "agency." prefix when it lacks it and may not be a built-in
// id; category (not "name": the name detector is built in), severity,
// pattern, flags, why and suggestion are checked the way the coach checks
// its own file, each refusal EINVALID naming its field; a reason is
// required. An active entry of the same id is ended by the new one. The
// change is audited as a setting change in the same transaction.
func (db *DB) AddLexiconEntry(ctx context.Context, actor goldthread.Actor, programID int64, e coach.Entry, reason string) (goldthread.LexiconChange, error) {
	if err := canEditLexicon(actor); err != nil {
		return goldthread.LexiconChange{}, err
	}
	e, reason, err := checkAgencyEntry(e, reason)
	if err != nil {
		return goldthread.LexiconChange{}, err
	}
	var out goldthread.LexiconChange
	err = db.WriteTx(ctx, func(tx *Tx) error {
		if err := checkLexiconProgram(ctx, tx, actor.AgencyID, programID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE agency_lexicon SET active = ?, ended_by = ?, ended_at = ?
			WHERE agency_id = ? AND action = ? AND rule_id = ? AND active = ?`,
			false, actor.UserID, tx.now, actor.AgencyID, goldthread.LexiconAdd, e.ID, true); err != nil {
			return fmt.Errorf("store.AddLexiconEntry: %w", err)
		}
		id, err := tx.insert(ctx, `INSERT INTO agency_lexicon (agency_id, program_id, action, rule_id, category, severity, pattern, why,
			suggestion, flags, reason, set_by, set_at, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			actor.AgencyID, nullID(programID), goldthread.LexiconAdd, e.ID, string(e.Category), string(e.Severity), e.Pattern, e.Why,
			e.Suggestion, e.Flags, reason, actor.UserID, tx.now, true)
		if err != nil {
			return fmt.Errorf("store.AddLexiconEntry: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "lexicon", id, 0)
		ev.Detail = fmt.Sprintf("add %s program=%d pattern=%q", e.ID, programID, e.Pattern)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		out = goldthread.LexiconChange{ID: id, ProgramID: programID, Action: goldthread.LexiconAdd, RuleID: e.ID, Category: string(e.Category),
			Severity: string(e.Severity), Pattern: e.Pattern, Why: e.Why, Suggestion: e.Suggestion, Flags: e.Flags, Reason: reason,
			SetBy: actor.Name, SetAt: tx.now, Active: true}
		return nil
	})
	return out, err
}

// checkAgencyEntry validates an agency entry field by field and returns
// it trimmed, with its id prefixed.
func checkAgencyEntry(e coach.Entry, reason string) (coach.Entry, string, error) {
	for _, s := range []*string{&e.ID, &e.Pattern, &e.Why, &e.Suggestion, &e.Flags, &reason} {
		*s = strings.TrimSpace(*s)
	}
	e.ID = strings.ToLower(e.ID)
	if e.ID != "" && !strings.HasPrefix(e.ID, agencyEntryPrefix) {
		e.ID = agencyEntryPrefix + e.ID
	}
	e.Programs, e.Source = nil, "agency list"
	base := coach.DefaultLexicon()
	builtin := map[string]bool{}
	for _, b := range base.Entries() {
		builtin[b.ID] = true
	}
	switch {
	case e.ID == "" || !lexiconIDPattern.MatchString(e.ID):
		return e, reason, goldthread.FieldError("rule_id", "Name the entry in lowercase words joined by dots or dashes, e.g. client-label.")
	case builtin[e.ID]:
		return e, reason, goldthread.FieldError("rule_id", "%s is a built-in entry; choose another name, or silence the built-in one.", e.ID)
	case e.Category == coach.CategoryName:
		return e, reason, goldthread.FieldError("category", "The name detector is built in; choose clinical, scope, judgment, jargon or noncovered.")
	case !validCategory(e.Category):
		return e, reason, goldthread.FieldError("category", "Choose clinical, scope, judgment, jargon or noncovered.")
	case e.Severity != coach.SeverityInfo && e.Severity != coach.SeverityWarn && e.Severity != coach.SeverityBlock:
		return e, reason, goldthread.FieldError("severity", "Choose info, warn or block.")
	case e.Pattern == "":
		return e, reason, goldthread.FieldError("pattern", "Enter the words to look for; separate alternatives with \";\", e.g. noncompliant; non compliant.")
	case e.Why == "":
		return e, reason, goldthread.FieldError("why", "Say in one plain sentence why the words matter.")
	case e.Suggestion == "":
		return e, reason, goldthread.FieldError("suggestion", "Suggest what to write or ask instead.")
	case reason == "":
		return e, reason, goldthread.FieldError("reason", "Say why the agency adds this entry.")
	case len(e.Pattern) > 500 || len(e.Why) > 500 || len(e.Suggestion) > 500 || len(e.Flags) > 500 || len(reason) > 2000:
		return e, reason, goldthread.FieldError("pattern", "Keep each field under 500 characters.")
	}
	flags := e.Flags
	e.Flags = ""
	if _, err := base.With([]coach.Entry{e}, nil); err != nil {
		return e, reason, goldthread.FieldError("pattern", "The coach cannot read this pattern (%s). Write phrases separated by \";\", with {a|b} for one of several words, e.g. refus*; {would|will} not.", coachReason(err))
	}
	e.Flags = flags
	if _, err := base.With([]coach.Entry{e}, nil); err != nil {
		return e, reason, goldthread.FieldError("flags", "The coach cannot read these flags (%s). Leave the field empty, or use e.g. negatable.", coachReason(err))
	}
	return e, reason, nil
}

func validCategory(c coach.Category) bool {
	switch c {
	case coach.CategoryClinical, coach.CategoryScope, coach.CategoryJudgment, coach.CategoryJargon, coach.CategoryNoncovered:
		return true
	}
	return false
}

// coachReason keeps the last clause of a coach error: the part a person
// can act on.
func coachReason(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		return s[i+2:]
	}
	return s
}

// SilenceLexiconEntry stops the coach's rule ruleID (built-in or an
// agency entry) for programID (0: all programs). Administrators and
// supervisors; an unknown rule or one already silenced there is EINVALID
// on "rule_id", a missing reason on "reason". Audited as a setting change.
func (db *DB) SilenceLexiconEntry(ctx context.Context, actor goldthread.Actor, programID int64, ruleID, reason string) (goldthread.LexiconChange, error) {
	if err := canEditLexicon(actor); err != nil {
		return goldthread.LexiconChange{}, err
	}
	ruleID, reason = strings.TrimSpace(ruleID), strings.TrimSpace(reason)
	if reason == "" {
		return goldthread.LexiconChange{}, goldthread.FieldError("reason", "Say why the agency silences this rule, e.g. \"our NY program's notes use this term\".")
	}
	var out goldthread.LexiconChange
	err := db.WriteTx(ctx, func(tx *Tx) error {
		if err := checkLexiconProgram(ctx, tx, actor.AgencyID, programID); err != nil {
			return err
		}
		lx, err := agencyLexiconTx(ctx, tx, actor.AgencyID, programID)
		if err != nil {
			return err
		}
		var found bool
		for _, e := range lx.Entries() {
			found = found || e.ID == ruleID
		}
		if !found {
			return goldthread.FieldError("rule_id", "The coach has no rule %q; choose one from the list.", ruleID)
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM agency_lexicon WHERE agency_id = ? AND action = ? AND rule_id = ? AND active = ?
			AND (program_id IS NULL OR program_id = ?)`, actor.AgencyID, goldthread.LexiconSilence, ruleID, true, programID).Scan(&n); err != nil {
			return fmt.Errorf("store.SilenceLexiconEntry: %w", err)
		}
		if n > 0 {
			return goldthread.FieldError("rule_id", "Rule %s is already silenced there.", ruleID)
		}
		id, err := tx.insert(ctx, `INSERT INTO agency_lexicon (agency_id, program_id, action, rule_id, reason, set_by, set_at, active)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, actor.AgencyID, nullID(programID), goldthread.LexiconSilence, ruleID, reason, actor.UserID, tx.now, true)
		if err != nil {
			return fmt.Errorf("store.SilenceLexiconEntry: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "lexicon", id, 0)
		ev.Detail = fmt.Sprintf("silence %s program=%d", ruleID, programID)
		if err := tx.Audit(ctx, ev); err != nil {
			return err
		}
		out = goldthread.LexiconChange{ID: id, ProgramID: programID, Action: goldthread.LexiconSilence, RuleID: ruleID, Reason: reason,
			SetBy: actor.Name, SetAt: tx.now, Active: true}
		return nil
	})
	return out, err
}

// EndLexiconChange ends an active change of the agency (the entry is no
// longer added, or the rule speaks again); the row stays, with who ended
// it and when. Administrators and supervisors; ENOTFOUND outside the
// agency, ECONFLICT when already ended. Audited as a setting change.
func (db *DB) EndLexiconChange(ctx context.Context, actor goldthread.Actor, id int64) error {
	if err := canEditLexicon(actor); err != nil {
		return err
	}
	return db.WriteTx(ctx, func(tx *Tx) error {
		var active bool
		var ruleID, action string
		err := tx.QueryRow(ctx, "SELECT active, rule_id, action FROM agency_lexicon WHERE id = ? AND agency_id = ?", id, actor.AgencyID).
			Scan(&active, &ruleID, &action)
		if err != nil {
			return notFound(err, "No coach change %d in your agency.", id)
		}
		if !active {
			return goldthread.Errorf(goldthread.ECONFLICT, "This change was already ended.")
		}
		if _, err := tx.Exec(ctx, "UPDATE agency_lexicon SET active = ?, ended_by = ?, ended_at = ? WHERE id = ? AND agency_id = ?",
			false, actor.UserID, tx.now, id, actor.AgencyID); err != nil {
			return fmt.Errorf("store.EndLexiconChange: %w", err)
		}
		ev := auditFor(actor, goldthread.ActionSettingChange, "lexicon", id, 0)
		ev.Detail = fmt.Sprintf("end %s %s", action, ruleID)
		return tx.Audit(ctx, ev)
	})
}
