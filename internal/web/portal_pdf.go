package web

import (
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
	"github.com/goldthread/goldthread/internal/pdf"
	"github.com/goldthread/goldthread/internal/store"
)

// recordPDF lays out rec as a PDF for req's recipient and returns the file
// and the SHA-256 of its content. Every signed item carries its content
// hash; the footer of every page carries the export's own hash and, for a
// record of a 42 CFR Part 2 program, the notice prohibiting redisclosure.
func recordPDF(p *locale.Printer, rec goldthread.Record, req store.DisclosureRequest) ([]byte, string) {
	pt := rec.Participant
	p = participantPrinter(p, pt)
	d := pdf.New(p.T("portal.pdf.title", pt.DisplayName()))
	d.SetLanguage(documentLanguage(p.Lang))
	d.SetPageNumber(p.T("portal.pdf.page")) // filled in by the PDF: no values here
	d.SetCreated(rec.Generated)
	d.Heading(p.T("portal.pdf.title", pt.DisplayName()))
	recipient := req.Recipient
	if req.OwnRequest || recipient == "" {
		recipient = p.T("portal.own_copy")
	}
	d.Small(p.T("portal.pdf.made", rec.AgencyName, p.DateTime(rec.Generated), recipient))
	if req.Purpose != "" {
		d.Small(p.T("portal.pdf.purpose", req.Purpose))
	}
	if rec.Part2 {
		d.Small(p.T("portal.pdf.part2_label"))
	}

	d.Subheading(p.T("portal.pdf.about"))
	line := func(key, value string) {
		if strings.TrimSpace(value) != "" {
			d.Text(p.T(key) + ": " + value)
		}
	}
	line("portal.pdf.name", pt.FirstName+" "+pt.LastName)
	line("portal.pdf.preferred", pt.PreferredName)
	line("participant.pronouns", pt.Pronouns)
	line("participant.birth_date", p.Date(pt.BirthDate.Time))
	line("participant.medicaid_id", pt.MedicaidID)
	line("participant.phone", pt.Phone)
	if pt.Address.Line1 != "" {
		line("participant.address", fmt.Sprintf("%s, %s, %s %s", pt.Address.Line1, pt.Address.City, pt.Address.State, pt.Address.PostalCode))
	}
	line("participant.language", pt.Language)
	for _, e := range pt.Enrollments {
		line("portal.pdf.program", e.ProgramName+" · "+p.T("participant.since", p.Date(e.Start.Time)))
	}

	for _, pl := range rec.Plans {
		d.Subheading(p.T("portal.pdf.plan", pl.ProgramName, pl.Version, p.T("plan.status."+pl.Status)))
		d.Text(p.T("portal.pdf.plan_dates", p.Date(pl.Effective.Time), p.Date(pl.NextReviewDue.Time)))
		for i, g := range pl.Goals {
			d.Text(p.T("portal.pdf.goal", i+1, g.Words))
			for _, in := range g.Interventions {
				d.Text("  • " + in.Description + optional(" ("+strings.Trim(in.Frequency+", "+in.Responsible, ", ")+")", in.Frequency+in.Responsible))
			}
		}
		if c := pl.Crisis; c != nil {
			d.Text(p.T("portal.pdf.crisis"))
			line("crisis.warning_signs", c.WarningSigns)
			line("crisis.what_helps", c.WhatHelps)
			line("crisis.what_does_not_help", c.WhatDoesNotHelp)
			line("crisis.contacts", c.Contacts)
			line("crisis.crisis_provider", strings.TrimSpace(c.CrisisProvider+" "+c.CrisisProviderPhone))
			line("crisis.preferences", c.Preferences)
		}
		for _, sg := range pl.Signatures {
			d.Small(p.T("portal.pdf.signed", sg.Name, p.T("plan.signer."+sg.SignerRole), p.DateTime(sg.Signed)))
		}
		d.Small(p.T("portal.hash", pl.ContentHash))
		amendmentsPDF(d, p, rec.Amendments, "plan", pl.ID)
	}

	for _, n := range rec.Notes {
		d.Subheading(p.T("portal.pdf.note", p.Date(n.ServiceDate.Time), p.T("notes.kind."+n.Kind), n.Minutes(), n.AuthorName))
		line("notes.peer_action", n.PeerAction)
		line("notes.participant_response", n.ParticipantResponse)
		line("notes.next_steps", n.NextSteps)
		line("notes.words.title", n.ParticipantWords)
		if sg := n.Signature; sg != nil {
			d.Small(p.T("notes.signed_by", sg.Name, sg.Credential, p.DateTime(sg.Signed)))
		}
		d.Small(p.T("portal.hash", n.ContentHash))
		for _, a := range n.Addenda {
			d.Text(p.T("portal.pdf.addendum", p.T("addendum.kind."+a.Kind), a.Name, p.DateTime(a.Signed)) + ": " + a.Body)
			d.Small(p.T("portal.hash", a.ContentHash))
		}
		amendmentsPDF(d, p, rec.Amendments, "note", n.ID)
	}
	if len(rec.Plans) == 0 && len(rec.Notes) == 0 {
		d.Text(p.T("portal.record.empty"))
	}
	hash := d.ContentHash()
	footer := []string{p.T("portal.pdf.footer_hash", hash)}
	if rec.Part2 {
		footer = append(footer, goldthread.Part2Notice)
	}
	d.SetFooter(footer...)
	return d.Bytes(), hash
}

func optional(s, when string) string {
	if strings.TrimSpace(when) == "" {
		return ""
	}
	return s
}

// amendmentsPDF prints the requests about one note or plan, with the
// decision and any statement of disagreement.
func amendmentsPDF(d *pdf.Doc, p *locale.Printer, list []goldthread.AmendmentRequest, kind string, id int64) {
	for _, a := range list {
		if (kind == "note" && a.NoteID != id) || (kind == "plan" && a.PlanID != id) {
			continue
		}
		d.Text(p.T("portal.pdf.amendment", p.Day(a.Requested), p.T("amendment.status."+a.Status())) + " " +
			p.T("amendment.what_is_wrong") + ": " + a.WhatIsWrong + " " + p.T("amendment.should_say") + ": " + a.ShouldSay)
		if dc := a.Decision; dc != nil && dc.Reason != "" {
			d.Text(p.T("portal.pdf.decision", dc.ByName, p.DateTime(dc.Decided)) + ": " + dc.Reason)
		}
		if st := a.Statement; st != nil {
			d.Text(p.T("amendment.statement.title") + " (" + p.DateTime(st.Written) + "): " + st.Body)
		}
	}
}
