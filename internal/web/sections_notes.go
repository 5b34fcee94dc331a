package web

import (
	"context"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/store"
)

func init() {
	participantSections = append(participantSections, participantSection{Order: 40, Template: "notes-section", Load: loadNotesSection})
	todaySections = append(todaySections, todaySection{Order: 10, Template: "notes-due-section", Load: loadNotesDueSection})
}

// notesSectionView lists a participant's notes on their page.
type notesSectionView struct {
	Notes  []goldthread.Note
	CanNew bool
}

func loadNotesSection(ctx context.Context, s *Server, actor goldthread.Actor, p goldthread.Participant) (any, bool, error) {
	if actor.Has(goldthread.RoleParticipant) && len(actor.Roles) == 1 {
		return nil, false, nil // a participant's own page shows notes once sharing them is designed (issue 4 leaves it)
	}
	list, err := s.db.ListNotes(ctx, actor, goldthread.NoteFilter{ParticipantID: p.ID, Limit: 50})
	if err != nil {
		return nil, false, err
	}
	return notesSectionView{Notes: list, CanNew: actor.Has(goldthread.RolePeer) && p.Status == goldthread.ParticipantActive}, true, nil
}

// notesDueView is a Today section: a peer's countdown, a supervisor's
// overdue list.
type notesDueView struct {
	Supervisor bool
	List       []dueRow
}

// dueRow is a note due with its countdown as a catalog key and number.
type dueRow struct {
	store.NoteDue
	Key string
	N   int
}

func dueRows(list []store.NoteDue) []dueRow {
	out := make([]dueRow, len(list))
	for i, d := range list {
		out[i].NoteDue = d
		out[i].Key, out[i].N = countdown(d.Left)
	}
	return out
}

func loadNotesDueSection(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	switch actor.PrimaryRole() {
	case goldthread.RolePeer:
		list, err := s.db.NotesDue(ctx, actor)
		return notesDueView{List: dueRows(list)}, err == nil, err
	case goldthread.RoleSupervisor:
		list, err := s.db.OverdueNotes(ctx, actor)
		return notesDueView{Supervisor: true, List: dueRows(list)}, err == nil, err
	}
	return nil, false, nil
}

// countdown says how long is left (or how late), in whole hours up to two
// days and in days after, as a catalog key and a number.
func countdown(left time.Duration) (string, int) {
	late := left < 0
	if late {
		left = -left
	}
	h := int(left.Hours())
	key, n := "notes.due.hours", h
	if h >= 48 {
		key, n = "notes.due.days", h/24
	}
	if late {
		key += "_late"
	}
	return key, n
}

// coachFinding is a coach finding as the form shows it: offsets in UTF-16
// code units (what JavaScript strings count), and the rewrites a tap can
// apply (the coach offers only those that keep the sentence grammatical).
type coachFinding struct {
	Field        string         `json:"field"`
	RuleID       string         `json:"rule_id"`
	Category     string         `json:"category"`
	Severity     string         `json:"severity"`
	Words        string         `json:"words"`
	Start        int            `json:"start"`
	End          int            `json:"end"`
	Why          string         `json:"why"`
	Suggestion   string         `json:"suggestion"`
	Replacements []coachRewrite `json:"replacements"`
	Dismissed    bool           `json:"dismissed"`
}

// coachFindings runs the coach on text for the program's rule pack, each
// finding's why and suggestion in p's language (the note's words and the
// rewrites as written).
func coachFindings(p *locale.Printer, lex *coach.Lexicon, field, text, rulePack string, dismissals []goldthread.CoachDismissal) []coachFinding {
	var out []coachFinding
	for _, f := range coach.CoachText(text, coach.Context{Program: rulePack, Lexicon: lex}) {
		cf := coachFinding{Field: field, RuleID: f.RuleID, Category: string(f.Category), Severity: string(f.Severity), Words: f.Words,
			Start: utf16Len(text[:f.Start]), End: utf16Len(text[:f.End]), Why: p.CoachWhy(f), Suggestion: p.CoachSuggestion(f),
			Replacements: []coachRewrite{}}
		for _, r := range f.Rewrites {
			cf.Replacements = append(cf.Replacements, coachRewrite{Text: r.Text, Start: utf16Len(text[:r.Start]), End: utf16Len(text[:r.End]),
				Was: text[r.Start:r.End]})
		}
		for _, d := range dismissals {
			if d.Field == field && d.RuleID == f.RuleID && strings.EqualFold(d.Words, f.Words) {
				cf.Dismissed = true
			}
		}
		out = append(out, cf)
	}
	return out
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// coachRewrite is one tap's fix: the text from Start to End (UTF-16), which
// reads Was, becomes Text.
type coachRewrite struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Was   string `json:"was"`
}
