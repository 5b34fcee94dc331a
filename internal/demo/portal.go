package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// The participant's side (journey 6). Marcus asked for two corrections:
// one accepted by Luis with a correction addendum, one still waiting; Dana
// released his record to Mountain Housing Partners under his release and
// he downloaded his own copy; Priya (another state's peer) used emergency
// access to his record, which he sees with its reason; Toby's record was
// released to his recovery clinic under his 42 CFR Part 2 consent; Dana
// invited Keisha to the portal yesterday. The demo's copies are hashed as
// JSON exports (the web app hashes its PDFs).

// PortalRecipient is who Marcus's release names.
const PortalRecipient = "Mountain Housing Partners"

// jsonExport hashes the record as the demo's stand-in for a sent copy.
func jsonExport(rec goldthread.Record) (string, error) {
	b, err := json.Marshal(rec)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), err
}

func (l *loader) actor(key string, role goldthread.Role) goldthread.Actor {
	return goldthread.Actor{UserID: l.staff[key], AgencyID: l.sys.AgencyID, Roles: []goldthread.Role{role}}
}

// at runs fn with the database clock at hours (9.5 is 9:30 AM) on the
// agency's clock of the day n days ago.
func (l *loader) at(days int, hours float64, fn func() error) error {
	minutes := int(hours * 60)
	t := l.clock(l.daysAgo(days), minutes/60, minutes%60)
	l.db.Now = func() time.Time { return t }
	return fn()
}

func (l *loader) loadPortal(ctx context.Context) error {
	saved := l.db.Now
	defer func() { l.db.Now = saved }()
	marcusKey := personByKey("marcus")
	marcusID := l.people["marcus"]
	step, err := l.db.SignIn(ctx, participantAccount.email, Password, "", store.SessionWeb, store.DefaultSessionPolicy)
	marcus := step.Actor
	if err != nil {
		return fmt.Errorf("portal: sign in as Marcus: %w", err)
	}
	dana, luis := l.actor("dana", goldthread.RolePeer), l.actor("luis", goldthread.RoleSupervisor)
	notes, err := l.db.ListNotes(ctx, dana, goldthread.NoteFilter{ParticipantID: marcusID, Status: goldthread.NoteSigned, Limit: 50})
	if err != nil || len(notes) < 2 {
		return fmt.Errorf("portal: Marcus's signed notes (%d): %v", len(notes), err)
	}
	oldest, older := notes[len(notes)-1], notes[len(notes)-2]
	steps := []struct {
		days  int
		hours float64
		fn    func() error
	}{
		{12, 19, func() error {
			a, err := l.db.RequestAmendment(ctx, marcus, store.AmendmentInput{NoteID: oldest.ID,
				WhatIsWrong: "It says I made the calls together with Dana. I made the second call on my own.",
				ShouldSay:   "We made the first call together and I made the second call on my own."})
			if err != nil {
				return err
			}
			return l.at(10, 16, func() error {
				_, err := l.db.DecideAmendment(ctx, luis, a.ID, store.AmendmentDecisionInput{Outcome: goldthread.AmendmentAccepted,
					Correction:  "Correction at Marcus's request: Marcus made the second landlord call on his own; Dana was present for the first call only.",
					Attestation: "I reviewed this request and the record, and sign this decision.", Password: Password})
				return err
			})
		}},
		{20, 22, func() error {
			if _, err := l.db.BreakGlass(ctx, l.actor("priya", goldthread.RolePeer), marcusKey.medicaidID, marcusKey.last,
				"Marcus walked into the Albany office during a visit north and asked for his crisis contacts."); err != nil {
				return err
			}
			priya := l.actor("priya", goldthread.RolePeer)
			priya.Emergency = []int64{marcusID}
			_, err := l.db.Participant(ctx, priya, marcusID)
			return err
		}},
		{5, 15, func() error {
			_, err := l.db.ExportRecord(ctx, dana, marcusID, store.DisclosureRequest{Recipient: PortalRecipient, Purpose: "Housing application",
				Sections: []string{goldthread.SectionPlans}, Format: goldthread.FormatJSON}, jsonExport)
			return err
		}},
		{4, 14, func() error {
			toby := l.people["toby"]
			_, err := l.db.ExportRecord(ctx, dana, toby, store.DisclosureRequest{Recipient: "Asheville Recovery Clinic",
				Purpose: "Coordinating recovery support", Sections: []string{goldthread.SectionNotes}, Format: goldthread.FormatJSON}, jsonExport)
			return err
		}},
		{1, 16, func() error { // Keisha is invited to the portal and has not joined yet
			_, err := l.db.InvitePortal(ctx, dana, l.people["keisha"])
			return err
		}},
		{2, 20, func() error {
			if _, err := l.db.ExportRecord(ctx, marcus, marcusID, store.DisclosureRequest{Format: goldthread.FormatJSON}, jsonExport); err != nil {
				return err
			}
			_, err := l.db.RequestAmendment(ctx, marcus, store.AmendmentInput{NoteID: older.ID,
				WhatIsWrong: "The next step says I will visit the apartment on Friday.",
				ShouldSay:   "The visit is on Saturday, when my sister can drive me."})
			return err
		}},
	}
	for i, s := range steps {
		if err := l.at(s.days, s.hours, s.fn); err != nil {
			return fmt.Errorf("portal: step %d: %w", i+1, err)
		}
	}
	return nil
}
