package chart

import (
	"html/template"
	"strings"
)

// Line chart geometry.
const (
	lineHeight = 200
	plotLeft   = 44 // room for the value axis
	plotTop    = 8
	plotBottom = 24 // room for the first and last labels
)

// dashes and markers tell the series of a line chart apart without colour.
var dashes = []string{"", "6 4", "2 3", "8 3 2 3"}

// Line draws each series as a line over the labels (weeks, days), with a
// marker at every point, a value axis at 0, half and the top, and the
// first and last labels under the plot; the legend sits above when there
// is more than one series.
func Line(c Chart) template.HTML {
	var b strings.Builder
	legendH := 0
	if len(c.Series) > 1 {
		legendH = c.lineLegend(&b)
	}
	largest := 0.0
	for s := range c.Series {
		for i := range c.Labels {
			largest = max(largest, c.value(s, i))
		}
	}
	top := c.scaleMax(largest)
	y0 := float64(legendH + plotTop)
	h := float64(lineHeight - plotTop - plotBottom)
	w := float64(width - plotLeft - 8)
	at := func(i int, v float64) (float64, float64) {
		x := float64(plotLeft)
		if len(c.Labels) > 1 {
			x += w * float64(i) / float64(len(c.Labels)-1)
		} else {
			x += w / 2
		}
		return x, y0 + h - h*v/top
	}
	for _, f := range []float64{0, 0.5, 1} {
		y := y0 + h - h*f
		b.WriteString(`<line x1="` + itoa(plotLeft) + `" y1="` + num(y) + `" x2="` + itoa(width-8) + `" y2="` + num(y) + `" stroke="#c9d1da"/>`)
		b.WriteString(`<text x="` + itoa(plotLeft-4) + `" y="` + num(y+4) + `" font-size="12" text-anchor="end" fill="#4d5866">` + esc(c.format(top*f)) + `</text>`)
	}
	if n := len(c.Labels); n > 0 {
		base := num(y0 + h + 17)
		b.WriteString(`<text x="` + itoa(plotLeft) + `" y="` + base + `" font-size="12" fill="#4d5866">` + esc(c.Labels[0]) + `</text>`)
		if n > 1 {
			b.WriteString(`<text x="` + itoa(width-8) + `" y="` + base + `" font-size="12" text-anchor="end" fill="#4d5866">` + esc(c.Labels[n-1]) + `</text>`)
		}
	}
	for s := range c.Series {
		dash := ""
		if d := dashes[s%len(dashes)]; d != "" {
			dash = ` stroke-dasharray="` + d + `"`
		}
		// One polyline a run of known values: an unknown one is a gap.
		var run []string
		flush := func() {
			if len(run) > 1 {
				b.WriteString(`<polyline points="` + strings.Join(run, " ") + `" fill="none" stroke="` + colour(s) + `" stroke-width="2"` + dash + `/>`)
			}
			run = run[:0]
		}
		for i := range c.Labels {
			if !c.has(s, i) {
				flush()
				continue
			}
			x, y := at(i, c.value(s, i))
			run = append(run, num(x)+","+num(y))
		}
		flush()
		for i := range c.Labels {
			if c.has(s, i) {
				x, y := at(i, c.value(s, i))
				b.WriteString(marker(s, x, y))
			}
		}
	}
	return c.figure(legendH+lineHeight, b.String())
}

// marker draws series s's point shape at x, y: circle, square, triangle,
// diamond.
func marker(s int, x, y float64) string {
	col := colour(s)
	switch s % 4 {
	case 1:
		return `<rect x="` + num(x-3.5) + `" y="` + num(y-3.5) + `" width="7" height="7" fill="` + col + `"/>`
	case 2:
		return `<path d="M` + num(x) + ` ` + num(y-4.5) + `L` + num(x+4.5) + ` ` + num(y+3.5) + `L` + num(x-4.5) + ` ` + num(y+3.5) + `Z" fill="` + col + `"/>`
	case 3:
		return `<path d="M` + num(x) + ` ` + num(y-4.5) + `L` + num(x+4.5) + ` ` + num(y) + `L` + num(x) + ` ` + num(y+4.5) + `L` + num(x-4.5) + ` ` + num(y) + `Z" fill="` + col + `"/>`
	}
	return `<circle cx="` + num(x) + `" cy="` + num(y) + `" r="3.5" fill="` + col + `"/>`
}

// lineLegend writes a short line with the series' marker and dash, and its
// name, for each series; it returns the height used.
func (c Chart) lineLegend(b *strings.Builder) int {
	x, y := 0, 0
	for s, ser := range c.Series {
		w := 30 + 7*len([]rune(ser.Name)) + 12
		if x > 0 && x+w > width {
			x, y = 0, y+legendRow
		}
		dash := ""
		if d := dashes[s%len(dashes)]; d != "" {
			dash = ` stroke-dasharray="` + d + `"`
		}
		b.WriteString(`<line x1="` + itoa(x) + `" y1="` + itoa(y+9) + `" x2="` + itoa(x+24) + `" y2="` + itoa(y+9) + `" stroke="` + colour(s) + `" stroke-width="2"` + dash + `/>`)
		b.WriteString(marker(s, float64(x+12), float64(y+9)))
		b.WriteString(`<text x="` + itoa(x+30) + `" y="` + itoa(y+14) + `" font-size="13" fill="#1d232b">` + esc(ser.Name) + `</text>`)
		x += w
	}
	return y + legendRow + 6
}
