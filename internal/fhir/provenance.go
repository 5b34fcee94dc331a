package fhir

import (
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
)

// Code systems of signatures and provenance.
const (
	// SystemSignatureType is ASTM E1762-95 (2013), the signature types
	// FHIR's Signature.type names.
	SystemSignatureType   = "urn:iso-astm:E1762-95:2013"
	SystemProvenanceAgent = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
	SystemDataOperation   = "http://terminology.hl7.org/CodeSystem/v3-DataOperation"
	SystemUSCoreDocCat    = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category"
)

// The signature kinds Goldthread records.
var (
	sigAuthor        = Coding{System: SystemSignatureType, Code: "1.2.840.10065.1.12.1.1", Display: "Author's Signature"}
	sigCoParticipant = Coding{System: SystemSignatureType, Code: "1.2.840.10065.1.12.1.3", Display: "Co-participant's Signature"}
	sigVerification  = Coding{System: SystemSignatureType, Code: "1.2.840.10065.1.12.1.5", Display: "Verification Signature"}
	sigValidation    = Coding{System: SystemSignatureType, Code: "1.2.840.10065.1.12.1.6", Display: "Validation Signature"}
	sigAddendum      = Coding{System: SystemSignatureType, Code: "1.2.840.10065.1.12.1.15", Display: "Addendum Signature"}
)

// signed is one signature or approval to record as a Provenance.
type signed struct {
	key      string      // the Provenance's id and fullUrl key
	targets  []Reference // what was signed
	at       time.Time
	who      Reference
	role     string // the signer's role, in words
	agent    string // provenance-participant-type: author, verifier, attester
	kind     Coding
	activity string // v3-DataOperation: CREATE, UPDATE (an addendum)
}

// addProvenance queues the Provenance of s, unless it predates Since.
func (m *mapper) addProvenance(s signed) {
	if s.at.IsZero() || (!m.src.Since.IsZero() && s.at.Before(m.src.Since)) {
		return
	}
	agentType := map[string]string{"author": "Author", "verifier": "Verifier", "attester": "Attester"}[s.agent]
	who := s.who
	p := Provenance{ResourceType: "Provenance", ID: s.key, Meta: m.security, Target: s.targets, Recorded: m.instant(s.at),
		Activity: &CodeableConcept{Coding: []Coding{{System: SystemDataOperation, Code: s.activity, Display: strings.ToLower(s.activity)}}},
		Agent: []ProvenanceAgent{{Type: &CodeableConcept{Coding: []Coding{{System: SystemProvenanceAgent, Code: s.agent, Display: agentType}}},
			Role: []CodeableConcept{{Text: s.role}}, Who: who, OnBehalfOf: &Reference{Reference: m.orgRef.Reference}}},
		Signature: []Signature{{Type: []Coding{s.kind}, When: m.instant(s.at), Who: who}}}
	if s.role == "" {
		p.Agent[0].Role = nil
	}
	m.provenance = append(m.provenance, Entry{FullURL: m.fullURLKey("Provenance", s.key), Resource: p, Search: &Search{Mode: "include"}})
}

// staffRole is the role a staff member signs in, in words.
func (m *mapper) staffRole(id int64, fallback goldthread.Role) string {
	for _, r := range m.src.Staff[id].Roles {
		if r == goldthread.RoleSupervisor || r == goldthread.RoleClinician || r == goldthread.RolePeer {
			return roleText[r]
		}
	}
	return roleText[fallback]
}

// noteSignatures records the author's signature of note n, each addendum's
// and each supervisor's approval.
func (m *mapper) noteSignatures(n goldthread.Note) {
	id := strconv.FormatInt(n.ID, 10)
	targets := []Reference{{Reference: m.fullURL("Encounter", n.ID)}}
	if m.src.Documents {
		targets = append(targets, Reference{Reference: m.fullURL("DocumentReference", n.ID)})
	}
	if s := n.Signature; s != nil {
		m.addProvenance(signed{key: "signature-note-" + id, targets: targets, at: s.Signed, who: m.practitioner(s.UserID, s.Name, s.Credential),
			role: m.staffRole(s.UserID, goldthread.RolePeer), agent: "author", kind: sigAuthor, activity: "CREATE"})
	}
	for _, a := range n.Addenda {
		m.addProvenance(signed{key: "addendum-" + strconv.FormatInt(a.ID, 10), targets: targets, at: a.Signed,
			who: m.practitioner(a.AuthorID, a.Name, a.Credential), role: m.staffRole(a.AuthorID, goldthread.RolePeer),
			agent: "author", kind: sigAddendum, activity: "UPDATE"})
	}
	for _, ap := range m.src.Approvals[n.ID] {
		m.addProvenance(signed{key: "approval-" + strconv.FormatInt(ap.ID, 10), targets: targets, at: ap.Approved,
			who: m.practitioner(ap.SupervisorID, ap.Name, ap.Credential), role: roleText[goldthread.RoleSupervisor],
			agent: "verifier", kind: sigVerification, activity: "CREATE"})
	}
}

// planSignatures records each signature of plan pl: the peer's as author,
// the clinician's as validation, the participant's as co-participant (on
// their own account or typed on a staff device).
func (m *mapper) planSignatures(pl goldthread.Plan) {
	targets := []Reference{{Reference: m.fullURL("CarePlan", pl.ID)}}
	for _, s := range pl.Signatures {
		sig := signed{key: fmt.Sprintf("signature-plan-%d-%s", pl.ID, s.SignerRole), targets: targets, at: s.Signed,
			role: roleText[goldthread.Role(s.SignerRole)], agent: "author", kind: sigAuthor, activity: "CREATE"}
		switch {
		case s.SignerRole == string(goldthread.RoleParticipant):
			sig.who = Reference{Reference: m.patientRef.Reference, Display: orElse(s.Name, m.patientRef.Display)}
			sig.agent, sig.kind = "attester", sigCoParticipant
		case s.UserID != 0:
			sig.who = m.practitioner(s.UserID, s.Name, s.Credential)
			if s.SignerRole == string(goldthread.RoleClinician) {
				sig.agent, sig.kind = "verifier", sigValidation
			}
		default:
			sig.who = Reference{Display: s.Name}
		}
		if sig.role == "" {
			sig.role = s.SignerRole
		}
		m.addProvenance(sig)
	}
}

// document is the text of signed note n and its addenda as a
// DocumentReference: plain text, UTF-8, in the words the note was signed
// with. Only mapped when src.Documents (the reader sees narratives).
func (m *mapper) document(n goldthread.Note) DocumentReference {
	text := NoteText(n)
	sum := sha1.Sum([]byte(text))
	d := DocumentReference{ResourceType: "DocumentReference", ID: ResourceID("DocumentReference", n.ID), Meta: m.security,
		Status: "current", DocStatus: "final",
		Type:     &CodeableConcept{Coding: []Coding{{System: SystemLOINC, Code: "11506-3", Display: "Progress note"}}, Text: "Peer support service note"},
		Category: []CodeableConcept{{Coding: []Coding{{System: SystemUSCoreDocCat, Code: "clinical-note", Display: "Clinical Note"}}}},
		Subject:  Reference{Reference: m.patientRef.Reference}, Custodian: &Reference{Reference: m.orgRef.Reference},
		Description: kindText[n.Kind],
		Content: []DocumentContent{{Attachment: Attachment{ContentType: "text/plain; charset=utf-8", Language: "en",
			Data: base64.StdEncoding.EncodeToString([]byte(text)), Hash: base64.StdEncoding.EncodeToString(sum[:]),
			Title: "Service note " + n.ServiceDate.String()}}},
		Context: &DocumentRefContext{Encounter: []Reference{{Reference: m.fullURL("Encounter", n.ID)}}}}
	if s := n.Signature; s != nil {
		d.Date = m.instant(s.Signed)
		d.Content[0].Attachment.Creation = d.Date
		d.Author = []Reference{m.practitioner(s.UserID, s.Name, s.Credential)}
	}
	if aps := m.src.Approvals[n.ID]; len(aps) > 0 {
		last := aps[len(aps)-1]
		ref := m.practitioner(last.SupervisorID, last.Name, last.Credential)
		d.Authenticator = &ref
	}
	if !n.Start.IsZero() && n.End.After(n.Start) {
		d.Context.Period = &Period{Start: m.instant(n.Start), End: m.instant(n.End)}
	}
	return d
}

// NoteText is the signed text of a note as a reader sees it: what the peer
// did, the participant's response and own words, next steps, who else took
// part, the signature, then every addendum with its signature.
func NoteText(n goldthread.Note) string {
	var b strings.Builder
	line := func(label, v string) {
		if strings.TrimSpace(v) != "" {
			fmt.Fprintf(&b, "%s: %s\n", label, strings.TrimSpace(v))
		}
	}
	line("Service date", n.ServiceDate.String())
	line("What the peer specialist did", n.PeerAction)
	line("How the participant responded", n.ParticipantResponse)
	line("In the participant's words", n.ParticipantWords)
	line("Next steps", n.NextSteps)
	line("Others present", n.OthersPresent)
	line("Reason not tied to a goal", n.SingleEventReason)
	line("Late entry reason", n.LateEntryReason)
	if s := n.Signature; s != nil {
		line("Signed", strings.TrimSpace(s.Name+" "+s.Credential)+", "+s.Signed.UTC().Format(time.RFC3339))
	}
	for _, a := range n.Addenda {
		fmt.Fprintf(&b, "\nAddendum (%s)\n", strings.ReplaceAll(a.Kind, "_", " "))
		line("Text", a.Body)
		line("Signed", strings.TrimSpace(a.Name+" "+a.Credential)+", "+a.Signed.UTC().Format(time.RFC3339))
	}
	return b.String()
}

// noteChanged: without Since everything counts; with it, a note counts when
// it was signed, amended by an addendum or approved at or after Since.
func (m *mapper) noteChanged(n goldthread.Note) bool {
	if m.src.Since.IsZero() {
		return true
	}
	latest := time.Time{}
	if n.Signature != nil {
		latest = n.Signature.Signed
	}
	for _, a := range n.Addenda {
		if a.Signed.After(latest) {
			latest = a.Signed
		}
	}
	for _, ap := range m.src.Approvals[n.ID] {
		if ap.Approved.After(latest) {
			latest = ap.Approved
		}
	}
	return !latest.Before(m.src.Since)
}

// planChanged: a plan version counts when it was signed, or superseded by
// the next version's signing, at or after Since.
func (m *mapper) planChanged(pl goldthread.Plan, next *goldthread.Plan) bool {
	if m.src.Since.IsZero() {
		return true
	}
	return !pl.Signed.Before(m.src.Since) || (next != nil && !next.Signed.Before(m.src.Since))
}

// consentChanged: a consent counts when it was signed or revoked on or
// after the agency's date of Since (consents carry dates, not instants).
func (m *mapper) consentChanged(c goldthread.Consent) bool {
	if m.src.Since.IsZero() {
		return true
	}
	day := goldthread.DateIn(m.src.Since, m.zone)
	return !c.Signed.Before(day.Time) || (!c.Revoked.IsZero() && !c.Revoked.Before(day.Time))
}
