package web_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestRefusedReadsAreAudited: a peer who opens another caseload's note,
// plan, WRAP, record, eligibility, consents or FHIR Bundle gets "not
// found", and every such attempt is in the audit trail as denied, under
// the participant it aimed at; an id of another agency is kept as the
// record id without naming anyone.
func TestRefusedReadsAreAudited(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ts := newTestServer(t, db)
		f := ts.f
		plan := f.SamplePlan(goldthread.NewDate(2026, 2, 1), func(p *goldthread.Plan) { p.ParticipantID = f.Others.ID })
		if err := db.CreatePlan(ctx, f.OtherPeer, &plan); err != nil {
			t.Fatal(err)
		}
		note, err := db.CreateDraftNote(ctx, f.OtherPeer, store.NoteInput{ParticipantID: f.Others.ID, ProgramID: f.Program.ID,
			ServiceDate: goldthread.NewDate(2026, 3, 10), Start: time.Date(2026, 3, 10, 13, 0, 0, 0, time.UTC),
			End: time.Date(2026, 3, 10, 13, 30, 0, 0, time.UTC), PeerAction: "Met at the library.", Billable: true})
		if err != nil {
			t.Fatal(err)
		}
		peer := ts.signIn(t, f.Emails[goldthread.RolePeer])
		token := ts.token(t, f.Emails[goldthread.RolePeer])
		others, foreign := strconv.FormatInt(f.Others.ID, 10), strconv.FormatInt(f.Foreign.ID, 10)
		pages := []string{"/notes/" + strconv.FormatInt(note.ID, 10), "/plans/" + strconv.FormatInt(plan.ID, 10),
			"/plans/" + strconv.FormatInt(plan.ID, 10) + "/wrap", "/participants/" + others, "/participants/" + others + "/disclosures",
			"/participants/" + others + "/eligibility", "/participants/" + others + "/consents"}
		for _, p := range pages {
			if res, _ := get(t, peer, ts.URL+p); res.StatusCode != http.StatusNotFound {
				t.Fatalf("%s: %d; want 404", p, res.StatusCode)
			}
		}
		if res, _ := apiGet(t, ts.URL+"/api/fhir/Patient/"+others+"/$everything", token); res.StatusCode != http.StatusNotFound {
			t.Fatalf("FHIR: %d", res.StatusCode)
		}
		if res, _ := get(t, peer, ts.URL+"/participants/"+foreign); res.StatusCode != http.StatusNotFound {
			t.Fatalf("another agency's participant: %d", res.StatusCode)
		}
		evs, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{ActorID: f.Peer.UserID, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		named, foreignSeen := 0, false
		for _, ev := range evs {
			if ev.Outcome != goldthread.OutcomeDenied {
				continue
			}
			switch {
			case ev.ParticipantID == f.Others.ID:
				named++
			case ev.RecordType == store.DeniedParticipant && ev.RecordID == f.Foreign.ID && ev.ParticipantID == 0:
				foreignSeen = true
			}
		}
		if named != len(pages)+1 || !foreignSeen {
			t.Fatalf("%d refusals audited under the participant (want %d), another agency's id seen: %v", named, len(pages)+1, foreignSeen)
		}
	})
}
