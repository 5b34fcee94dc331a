package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/locale"
)

// CoachingReport counts, per peer and for the team, how often each coach
// rule fires in the notes signed from since until now: a supervisor sees
// the peers they supervise (directly or as alternate), an administrator
// every author in the agency; others EFORBIDDEN. Rules come most frequent
// first, each with its suggestion, to guide coaching.
//
// The counts are recomputed with the coach over the signed text rather
// than stored at signing: the signed text never changes, the coach is fast
// (tens of microseconds a note), and recomputing applies the agency's
// lexicon as it is today, so a silenced rule stops counting and a new
// agency entry counts at once. Each note's findings are kept in memory
// with the lexicon they were found with (coachMemo), so a read coaches only
// the notes it has not seen with today's lexicon. What it counts is what reached a signed
// note (the peer kept or a supervisor dismissed), not every keystroke. Only
// counts leave the store, never text or participants; one audit event
// records the read with the number of notes.
func (db *DB) CoachingReport(ctx context.Context, actor goldthread.Actor, since time.Time) (goldthread.CoachingReport, error) {
	admin := actor.Has(goldthread.RoleAdministrator)
	if !goldthread.CanCoachLanguage(actor) {
		return goldthread.CoachingReport{}, goldthread.Errorf(goldthread.EFORBIDDEN, "Only supervisors and administrators see coaching counts.")
	}
	now := db.now()
	rep := goldthread.CoachingReport{Since: since.UTC(), Until: now}
	type signed struct {
		id, author, program int64
		pack, name          string
		n                   goldthread.Note
	}
	var notes []signed
	lexicons := map[int64]*coach.Lexicon{}
	err := db.ReadTx(ctx, func(tx *Tx) error {
		q := `SELECT n.id, n.author_id, u.name, n.program_id, g.rule_pack, n.single_event_reason, n.peer_action, n.participant_response,
			n.next_steps, n.others_present FROM service_note n JOIN app_user u ON u.id = n.author_id
			JOIN program g ON g.id = n.program_id AND g.agency_id = n.agency_id
			WHERE n.agency_id` + teamAgency(admin) + ` = ? AND n.status = ? AND n.signed_at >= ? AND n.signed_at <= ?`
		args := []any{actor.AgencyID, goldthread.NoteSigned, rep.Since, now}
		if !admin {
			q += " AND n.author_id IN (SELECT peer_id FROM supervision_link WHERE supervisor_id = ? AND agency_id = ?)"
			args = append(args, actor.UserID, actor.AgencyID)
		}
		rows, err := tx.Query(ctx, q+" ORDER BY n.id", args...)
		if err != nil {
			return fmt.Errorf("store.CoachingReport: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var s signed
			if err := rows.Scan(&s.id, &s.author, &s.name, &s.program, &s.pack, &s.n.SingleEventReason, &s.n.PeerAction,
				&s.n.ParticipantResponse, &s.n.NextSteps, &s.n.OthersPresent); err != nil {
				return fmt.Errorf("store.CoachingReport: %w", err)
			}
			notes = append(notes, s)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		for _, s := range notes {
			if _, ok := lexicons[s.program]; ok {
				continue
			}
			lx, err := agencyLexiconTx(ctx, tx, actor.AgencyID, s.program)
			if err != nil {
				return err
			}
			lexicons[s.program] = lx
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	type tally struct {
		rule  goldthread.CoachingRule
		notes map[int]bool
	}
	team := map[string]*tally{}
	peers := map[int64]*goldthread.CoachingPeer{}
	perPeer := map[int64]map[string]*tally{}
	count := func(m map[string]*tally, f coach.Finding, note int) {
		t, ok := m[f.RuleID]
		if !ok {
			_, suggestion := locale.CoachTexts(f)
			t = &tally{rule: goldthread.CoachingRule{RuleID: f.RuleID, Category: string(f.Category), Severity: string(f.Severity),
				Why: f.Why, Suggestion: f.Suggestion, SuggestionText: suggestion}, notes: map[int]bool{}}
			m[f.RuleID] = t
		}
		t.rule.Count++
		t.notes[note] = true
	}
	for i, s := range notes {
		p, ok := peers[s.author]
		if !ok {
			p = &goldthread.CoachingPeer{PeerID: s.author, Name: s.name}
			peers[s.author], perPeer[s.author] = p, map[string]*tally{}
		}
		p.Notes++
		lex := lexicons[s.program]
		found, ok := db.coachKept.get(s.id, lex, s.pack)
		if !ok {
			for _, field := range NoteCoachFields {
				found = append(found, coach.CoachText(NoteField(s.n, field), coach.Context{Program: s.pack, Lexicon: lex})...)
			}
			db.coachKept.put(s.id, lex, s.pack, found)
		}
		for _, f := range found {
			count(team, f, i)
			count(perPeer[s.author], f, i)
		}
	}
	sorted := func(m map[string]*tally) []goldthread.CoachingRule {
		out := make([]goldthread.CoachingRule, 0, len(m))
		for _, t := range m {
			t.rule.Notes = len(t.notes)
			out = append(out, t.rule)
		}
		slices.SortFunc(out, func(a, b goldthread.CoachingRule) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.RuleID, b.RuleID)
		})
		return out
	}
	rep.Notes, rep.Team = len(notes), sorted(team)
	for id, p := range peers {
		p.Rules = sorted(perPeer[id])
		rep.Peers = append(rep.Peers, *p)
	}
	slices.SortFunc(rep.Peers, func(a, b goldthread.CoachingPeer) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return int(a.PeerID - b.PeerID)
	})
	err = db.WriteTx(ctx, func(tx *Tx) error {
		ev := auditFor(actor, goldthread.ActionList, "coaching_report", 0, 0)
		ev.Detail = "notes=" + strconv.Itoa(len(notes)) + " since=" + rep.Since.Format("2006-01-02")
		return tx.Audit(ctx, ev)
	})
	return rep, err
}
