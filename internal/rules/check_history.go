package rules

import (
	"math"
	"strings"

	"github.com/goldthread/goldthread"
)

// defaultCloneThreshold applies when the pack has no overlay.
const defaultCloneThreshold = 0.8

// checkOverlaps: a peer cannot give two individual services at once, and
// a participant's time cannot be billed twice.
func (c *check) checkOverlaps() {
	h, n := c.in.History, c.note
	if h == nil || n.Start.IsZero() || !n.End.After(n.Start) {
		return
	}
	f := c.integrity(func(r *RecordIntegrity) Fact[string] { return r.TimeOverlap })
	// One peer specialist gives one service at a time, individual or
	// group: a billable note that overlaps another of the author's signed
	// services cannot be signed until the times are right (the notes of
	// one group session share their times and are one service).
	sev := Warn
	if n.Billable {
		sev = BlockSigning
	}
	told := map[string]bool{} // a group session is one service, however many notes it wrote
	for _, o := range h.AuthorOverlaps(n.AuthorID, n.Start, n.End) {
		if o.ID == n.ID || (n.GroupSession != "" && o.GroupSession == n.GroupSession) || (o.GroupSession != "" && told[o.GroupSession]) {
			continue
		}
		told[o.GroupSession] = o.GroupSession != ""
		what := goldthread.Textf("another individual service")
		if o.Group {
			what = goldthread.Textf("a group session")
		}
		add(c, RuleOverlapAuthor, sev, Peer, f,
			goldthread.Textf("This service overlaps %s by the same peer specialist (%s–%s).", what, o.Start.Format("15:04"), o.End.Format("15:04")),
			goldthread.Textf("Correct the times of one of the two services.")).Related = o.ID
	}
	if !n.Billable {
		return
	}
	for _, o := range h.ParticipantOverlaps(n.ParticipantID, n.Start, n.End) {
		if o.ID == n.ID || !o.Billable {
			continue
		}
		add(c, RuleOverlapParticipant, BlockBilling, Billing, f,
			goldthread.Textf("The participant's time %s–%s is already billed on another note.", o.Start.Format("15:04"), o.End.Format("15:04")),
			goldthread.Textf("Bill the overlapping time once: correct the times or mark one note non-billable.")).Related = o.ID
	}
}

// checkClones: the narrative should not be a copy of another note by the
// same author or about the same participant.
func (c *check) checkClones() {
	h, n := c.in.History, c.note
	if h == nil {
		return
	}
	f := c.integrity(func(r *RecordIntegrity) Fact[string] { return r.ClonedText })
	threshold := defaultCloneThreshold
	if o := c.pack.Overlay(); o != nil {
		threshold = o.RecordIntegrity.CloneThreshold.Value
	}
	block := 1.0
	var blockFact Fact[float64]
	if o := c.pack.Overlay(); o != nil {
		blockFact = o.RecordIntegrity.CloneBlockThreshold
		block = blockFact.Value
	}
	id, sim, ok := h.MostSimilar(CloneQuery{
		NoteID: n.ID, AuthorID: n.AuthorID, ParticipantID: n.ParticipantID,
		Start: n.Start, Group: n.Group, Narrative: CloneText(n), Text: c.in.CloneText,
	})
	if !ok || sim < threshold {
		return
	}
	msg := goldthread.Textf("The narrative is %d%% the same as another note; each note should describe its own service.", int(math.Round(sim*100)))
	// A near-verbatim copy does not document the service it bills; it waits
	// for a supervisor, whose approval of this note (having seen the
	// finding) releases it.
	if sim >= block && n.Billable && !c.in.SupervisorApproved {
		fd := add(c, RuleClonedNarrative, BlockBilling, Supervisor, blockFact, msg,
			goldthread.Textf("A supervisor compares the two notes: approve this one if it describes its own service, or return it to the peer to rewrite."))
		fd.Related, fd.Similarity = id, sim
		return
	}
	fd := add(c, RuleClonedNarrative, Warn, Peer, f, msg,
		goldthread.Textf("Rewrite what happened in this session, in the participant's words where possible."))
	fd.Related, fd.Similarity = id, sim
}

// Narrative joins the parts of a note compared for cloned text; callers
// building a History use it for HistoryNote.Narrative so both sides match.
func Narrative(n Note) string {
	return strings.Join([]string{n.PeerAction, n.ParticipantResponse, n.NextSteps}, "\n")
}
