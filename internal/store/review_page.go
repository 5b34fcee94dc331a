package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/goldthread/goldthread"
)

// items builds the review items of rows, in their order, reading the notes
// and the rows under them (goals, signature, addenda, dismissals,
// overrides, goal and intervention names, comments, approvals) for all of
// them at once: a dozen queries a page instead of a dozen a note, which on
// PostgreSQL was a round trip each. Each item is then assembled as
// reviewItem assembles one (assembleReviewItem), with the setting's pack and
// lexicon. rows must come from a read that kept to the actor's reach.
func (s *reviewSetting) items(ctx context.Context, tx *Tx, actor goldthread.Actor, rows []reviewStateRow) ([]goldthread.ReviewItem, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]any, len(rows))
	for i, x := range rows {
		ids[i] = x.key.id
	}
	in := inList(len(ids))
	narrative := seesNarrative(actor)
	// rows come from a read of this transaction that kept to the actor's
	// reach (reviewTeam, noteScope), so the notes are read by id in the
	// agency. "+ 0": with a list of bound ids SQLite otherwise walks the
	// agency's index of every note (14 ms a page at 100k notes) rather
	// than look each id up.
	notes := map[int64]*goldthread.Note{}
	err := scanAll(ctx, tx, "SELECT "+noteColumns+noteFrom+"WHERE n.id IN "+in+" AND n.agency_id + 0 = ?", append(append([]any{}, ids...), actor.AgencyID),
		func(r scanner) error {
			n, err := scanNote(r, narrative)
			if err != nil {
				return err
			}
			n.Signature = nil // read whole below
			notes[n.ID] = &n
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store.reviewPage: %w", err)
	}
	for _, x := range rows {
		if notes[x.key.id] == nil {
			return nil, goldthread.Errorf(goldthread.ENOTFOUND, "No note %d in your agency.", x.key.id)
		}
	}
	parts := map[int64]*reviewParts{}
	for id := range notes {
		parts[id] = &reviewParts{}
	}
	var goalIDs, interventionIDs []any
	seenGoal, seenIntervention := map[int64]bool{}, map[int64]bool{}
	queries := []struct {
		q    string
		scan func(r scanner) error
	}{
		{"SELECT note_id, goal_id, COALESCE(intervention_id, 0) FROM note_goal WHERE note_id IN " + in + " ORDER BY note_id, position",
			func(r scanner) error {
				var id int64
				var g goldthread.NoteGoal
				if err := r.Scan(&id, &g.GoalID, &g.InterventionID); err != nil {
					return err
				}
				notes[id].Goals = append(notes[id].Goals, g)
				if !seenGoal[g.GoalID] {
					seenGoal[g.GoalID] = true
					goalIDs = append(goalIDs, g.GoalID)
				}
				if g.InterventionID != 0 && !seenIntervention[g.InterventionID] {
					seenIntervention[g.InterventionID] = true
					interventionIDs = append(interventionIDs, g.InterventionID)
				}
				return nil
			}},
		{"SELECT note_id, user_id, name, credential, attestation, signed_at, findings FROM note_signature WHERE note_id IN " + in,
			func(r scanner) error {
				var id int64
				var sig goldthread.NoteSignature
				var kept string
				if err := r.Scan(&id, &sig.UserID, &sig.Name, &sig.Credential, &sig.Attestation, &sig.Signed, &kept); err != nil {
					return err
				}
				sig.Signed = sig.Signed.UTC()
				notes[id].Signature = &sig
				parts[id].kept = kept
				return nil
			}},
		{`SELECT id, note_id, kind, body, author_id, name, credential, attestation, signed_at, content_hash, claim_review_needed
			FROM note_addendum WHERE note_id IN ` + in + " ORDER BY id",
			func(r scanner) error {
				var a goldthread.Addendum
				if err := r.Scan(&a.ID, &a.NoteID, &a.Kind, &a.Body, &a.AuthorID, &a.Name, &a.Credential, &a.Attestation, &a.Signed,
					&a.ContentHash, &a.ClaimReviewNeeded); err != nil {
					return err
				}
				a.Signed = a.Signed.UTC()
				if !narrative {
					a.Body = ""
				}
				notes[a.NoteID].Addenda = append(notes[a.NoteID].Addenda, a)
				return nil
			}},
		{`SELECT note_id, field, rule_id, words, severity, dismissed_by, by_supervisor, reason, dismissed_at
			FROM note_coach_dismissal WHERE note_id IN ` + in + " ORDER BY id",
			func(r scanner) error {
				var id int64
				var d goldthread.CoachDismissal
				if err := r.Scan(&id, &d.Field, &d.RuleID, &d.Words, &d.Severity, &d.DismissedBy, &d.BySupervisor, &d.Reason, &d.At); err != nil {
					return err
				}
				notes[id].Dismissals = append(notes[id].Dismissals, d)
				return nil
			}},
		{`SELECT o.id, o.note_id, o.rule_id, o.supervisor_id, u.name, o.reason, o.created_at
			FROM finding_override o JOIN app_user u ON u.id = o.supervisor_id WHERE o.note_id IN ` + in + " ORDER BY o.id",
			func(r scanner) error {
				var o goldthread.FindingOverride
				if err := r.Scan(&o.ID, &o.NoteID, &o.RuleID, &o.SupervisorID, &o.SupervisorName, &o.Reason, &o.Created); err != nil {
					return err
				}
				o.Created = o.Created.UTC()
				parts[o.NoteID].overrides = append(parts[o.NoteID].overrides, o)
				return nil
			}},
		{`SELECT c.id, c.note_id, c.author_id, u.name, c.kind, c.body, c.created_at
			FROM note_review_comment c JOIN app_user u ON u.id = c.author_id WHERE c.note_id IN ` + in + " ORDER BY c.id",
			func(r scanner) error {
				var c goldthread.ReviewComment
				if err := r.Scan(&c.ID, &c.NoteID, &c.AuthorID, &c.AuthorName, &c.Kind, &c.Body, &c.Created); err != nil {
					return err
				}
				c.Created = c.Created.UTC()
				if !narrative {
					c.Body = ""
				}
				parts[c.NoteID].comments = append(parts[c.NoteID].comments, c)
				return nil
			}},
		{`SELECT id, note_id, supervisor_id, name, credential, approved_at, note_hash FROM note_approval WHERE note_id IN ` + in + " ORDER BY id",
			func(r scanner) error {
				var a goldthread.NoteApproval
				if err := r.Scan(&a.ID, &a.NoteID, &a.SupervisorID, &a.Name, &a.Credential, &a.Approved, &a.NoteHash); err != nil {
					return err
				}
				a.Approved = a.Approved.UTC()
				parts[a.NoteID].approvals = append(parts[a.NoteID].approvals, a)
				return nil
			}},
	}
	for _, q := range queries {
		if err := scanAll(ctx, tx, q.q, ids, q.scan); err != nil {
			return nil, fmt.Errorf("store.reviewPage: %w", err)
		}
	}
	goals, err := namesOf(ctx, tx, "SELECT id, summary FROM plan_goal WHERE id IN ", goalIDs)
	if err != nil {
		return nil, err
	}
	interventions, err := namesOf(ctx, tx, "SELECT id, description FROM plan_intervention WHERE id IN ", interventionIDs)
	if err != nil {
		return nil, err
	}
	out := make([]goldthread.ReviewItem, 0, len(rows))
	for _, x := range rows {
		n, pt := notes[x.key.id], parts[x.key.id]
		for _, g := range n.Goals {
			l := goldthread.ThreadLink{GoalID: g.GoalID}
			var ok bool
			if l.Goal, ok = goals[g.GoalID]; !ok {
				return nil, fmt.Errorf("store.threadLinks: goal %d: %w", g.GoalID, sql.ErrNoRows)
			}
			if g.InterventionID != 0 {
				if l.Intervention, ok = interventions[g.InterventionID]; !ok {
					return nil, fmt.Errorf("store.threadLinks: intervention %d: %w", g.InterventionID, sql.ErrNoRows)
				}
			}
			pt.links = append(pt.links, l)
		}
		p, err := s.program(n.ProgramID)
		if err != nil {
			return nil, err
		}
		rc := reviewContext{ParticipantName: x.name, ProgramName: p.name, RulePack: p.pack.ID, ReviewAll: s.all, Pack: p.pack}
		if n.Narrative {
			if rc.Lexicon, err = s.lexiconOf(ctx, tx, n.AgencyID, p); err != nil {
				return nil, err
			}
		}
		it, err := assembleReviewItem(*n, rc, *pt)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// namesOf reads id → text for ids with q (ending "WHERE id IN ").
func namesOf(ctx context.Context, tx *Tx, q string, ids []any) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	err := scanAll(ctx, tx, q+inList(len(ids)), ids, func(r scanner) error {
		var id int64
		var s string
		err := r.Scan(&id, &s)
		out[id] = s
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store.threadLinks: %w", err)
	}
	return out, nil
}
