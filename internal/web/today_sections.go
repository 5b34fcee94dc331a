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

// todaySection contributes one section to an actor's Today page (notes due,
// overdue plan reviews, the review queue…), registered by each feature in an
// init. Load returns ok=false to leave the section out for this actor.
type todaySection struct {
	Order    int
	Template string // defined in a templates/partials*.html file
	Load     func(ctx context.Context, s *Server, actor goldthread.Actor) (data any, ok bool, err error)
}

var todaySections []todaySection

// todaySectionView is what a Today section template receives.
type todaySectionView struct {
	P     *locale.Printer
	Actor goldthread.Actor
	Today goldthread.Date
	Data  any
}

func (s *Server) renderTodaySections(ctx context.Context, actor goldthread.Actor, pr *locale.Printer) ([]template.HTML, error) {
	t := s.pages.byName["today"]
	sorted := append([]todaySection(nil), todaySections...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Order < sorted[j].Order })
	var out []template.HTML
	for _, sec := range sorted {
		data, ok, err := sec.Load(ctx, s, actor)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		var buf bytes.Buffer
		v := todaySectionView{P: pr, Actor: actor, Today: s.todayOf(actor), Data: data}
		if err := t.ExecuteTemplate(&buf, sec.Template, v); err != nil {
			return nil, fmt.Errorf("web: today section %s: %w", sec.Template, err)
		}
		out = append(out, template.HTML(buf.String()))
	}
	return out, nil
}
