package chart

import (
	"html/template"
	"strings"
)

// Sparkline draws values as a small line (about 96 × 24 px) to sit beside
// a name or a goal, with the last point marked. It is an image named by
// label (which should carry the numbers, "BARC-10 32, 38, 41"): the caller
// shows the same numbers as text beside it, so there is no table.
// Values are drawn from 0 to top (the largest value when top is 0).
func Sparkline(label string, values []float64, top float64) template.HTML {
	const w, h, pad = 96, 24, 3
	largest := 0.0
	for _, v := range values {
		largest = max(largest, v)
	}
	if top <= 0 {
		top = largest
	}
	if top <= 0 {
		top = 1
	}
	var pts []string
	var lx, ly float64
	for i, v := range values {
		v = max(0, min(v, top))
		x := float64(w) / 2
		if len(values) > 1 {
			x = pad + float64(w-2*pad)*float64(i)/float64(len(values)-1)
		}
		y := pad + float64(h-2*pad)*(1-v/top)
		pts = append(pts, num(x)+","+num(y))
		lx, ly = x, y
	}
	var b strings.Builder
	b.WriteString(`<svg class="sparkline" role="img" aria-label="` + esc(label) + `" viewBox="0 0 96 24" width="96" height="24" xmlns="http://www.w3.org/2000/svg"><title>` + esc(label) + `</title>`)
	if len(pts) > 0 {
		b.WriteString(`<polyline points="` + strings.Join(pts, " ") + `" fill="none" stroke="` + colour(0) + `" stroke-width="2"/>`)
		b.WriteString(`<circle cx="` + num(lx) + `" cy="` + num(ly) + `" r="2.5" fill="` + colour(0) + `"/>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
