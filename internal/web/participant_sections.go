package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"sort"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/locale"
)

// participantSection contributes one section to the participant page (the
// plan, the crisis plan, notes…). Each feature registers its own in an init,
// so the page grows without every feature editing one handler. load returns
// the data for the section's template, or ok=false to leave it out (for a
// role that must not see it).
type participantSection struct {
	Order    int    // sections render in increasing Order
	Template string // a template defined in a templates/partials*.html file
	Load     func(ctx context.Context, s *Server, actor goldthread.Actor, p goldthread.Participant) (data any, ok bool, err error)
}

var participantSections []participantSection

// sectionView is what a section template receives.
type sectionView struct {
	P           *locale.Printer
	Actor       goldthread.Actor
	Participant goldthread.Participant
	Today       goldthread.Date
	Data        any
}

// renderSections renders every registered section for p, in order, into
// HTML for the participant page.
func (s *Server) renderSections(ctx context.Context, actor goldthread.Actor, p goldthread.Participant, pr *locale.Printer) ([]template.HTML, error) {
	t := s.pages.byName["participant"]
	sorted := append([]participantSection(nil), participantSections...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Order < sorted[j].Order })
	var out []template.HTML
	for _, sec := range sorted {
		data, ok, err := sec.Load(ctx, s, actor, p)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		var buf bytes.Buffer
		v := sectionView{P: pr, Actor: actor, Participant: p, Today: s.todayOf(actor), Data: data}
		if err := t.ExecuteTemplate(&buf, sec.Template, v); err != nil {
			return nil, fmt.Errorf("web: section %s: %w", sec.Template, err)
		}
		out = append(out, template.HTML(buf.String()))
	}
	return out, nil
}
