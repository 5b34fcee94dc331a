package chart

import (
	"html/template"
	"strings"
)

// Row geometry of bar charts: a label line above each bar, so long names
// (a peer, a denial reason) never squeeze the bar on a phone.
const (
	barRow    = 40 // height of one label + bar
	barHeight = 16
	barTop    = 18 // from the row's top to its bar
	valueRoom = 72 // right of the longest bar, for its value
	legendRow = 22
)

// Bars draws one horizontal bar a label with the first series' values
// (further series are ignored: use StackedBars), each bar followed by its
// value in words, so no reader needs the axis.
func Bars(c Chart) template.HTML {
	var b strings.Builder
	largest := 0.0
	for i := range c.Labels {
		largest = max(largest, c.value(0, i))
	}
	top := c.scaleMax(largest)
	room := float64(width - valueRoom)
	for i, l := range c.Labels {
		y := i * barRow
		v := c.value(0, i)
		w := room * v / top
		b.WriteString(`<text x="0" y="` + itoa(y+13) + `" font-size="13" fill="#1d232b">` + esc(l) + `</text>`)
		b.WriteString(`<rect x="0" y="` + itoa(y+barTop) + `" width="` + num(w) + `" height="` + itoa(barHeight) + `" fill="` + colour(0) + `"/>`)
		b.WriteString(`<text x="` + num(w+4) + `" y="` + itoa(y+barTop+13) + `" font-size="13" fill="#1d232b">` + esc(c.format(v)) + `</text>`)
	}
	return c.figure(max(len(c.Labels)*barRow, barRow), b.String())
}

// StackedBars draws one horizontal bar a label, its segments the series in
// order, with a legend above and the total after each bar. Each series has
// its own fill pattern as well as its colour, and segments are parted by
// a white line.
func StackedBars(c Chart) template.HTML {
	var b strings.Builder
	b.WriteString(c.patterns())
	legendH := c.legend(&b)
	totals := make([]float64, len(c.Labels))
	largest := 0.0
	for i := range c.Labels {
		for s := range c.Series {
			totals[i] += c.value(s, i)
		}
		largest = max(largest, totals[i])
	}
	top := c.scaleMax(largest)
	room := float64(width - valueRoom)
	for i, l := range c.Labels {
		y := legendH + i*barRow
		b.WriteString(`<text x="0" y="` + itoa(y+13) + `" font-size="13" fill="#1d232b">` + esc(l) + `</text>`)
		x := 0.0
		for s := range c.Series {
			w := room * c.value(s, i) / top
			if w <= 0 {
				continue
			}
			b.WriteString(`<rect x="` + num(x) + `" y="` + itoa(y+barTop) + `" width="` + num(w) + `" height="` + itoa(barHeight) +
				`" fill="url(#` + esc(c.ID) + `-p` + itoa(s) + `)" stroke="#fff" stroke-width="1"/>`)
			x += w
		}
		b.WriteString(`<text x="` + num(x+4) + `" y="` + itoa(y+barTop+13) + `" font-size="13" fill="#1d232b">` + esc(c.format(totals[i])) + `</text>`)
	}
	return c.figure(legendH+max(len(c.Labels)*barRow, barRow), b.String())
}

// patterns defines one fill a series: solid, diagonal stripes, dots, cross
// hatching, then again, each on the series' colour.
func (c Chart) patterns() string {
	var b strings.Builder
	b.WriteString(`<defs>`)
	for s := range c.Series {
		id := esc(c.ID) + `-p` + itoa(s)
		col := colour(s)
		b.WriteString(`<pattern id="` + id + `" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="` + col + `"/>`)
		switch s % 4 {
		case 1:
			b.WriteString(`<path d="M0 6L6 0" stroke="#fff" stroke-width="1.5"/>`)
		case 2:
			b.WriteString(`<circle cx="3" cy="3" r="1.2" fill="#fff"/>`)
		case 3:
			b.WriteString(`<path d="M0 3H6M3 0V6" stroke="#fff" stroke-width="1"/>`)
		}
		b.WriteString(`</pattern>`)
	}
	b.WriteString(`</defs>`)
	return b.String()
}

// legend writes one swatch and name a series, wrapping to new lines, and
// returns the height it used.
func (c Chart) legend(b *strings.Builder) int {
	x, y := 0, 0
	for s, ser := range c.Series {
		w := 22 + 7*len([]rune(ser.Name)) + 12
		if x > 0 && x+w > width {
			x, y = 0, y+legendRow
		}
		b.WriteString(`<rect x="` + itoa(x) + `" y="` + itoa(y+2) + `" width="16" height="14" fill="url(#` + esc(c.ID) + `-p` + itoa(s) + `)"/>`)
		b.WriteString(`<text x="` + itoa(x+22) + `" y="` + itoa(y+14) + `" font-size="13" fill="#1d232b">` + esc(ser.Name) + `</text>`)
		x += w
	}
	return y + legendRow + 6
}
