// Package chart draws small charts as server-side SVG for the dashboards:
// horizontal bars, stacked bars, lines and sparklines. It runs no script
// and loads nothing: each chart is one <figure> holding an <svg role="img">
// named by its <title> and <desc>, and a <details> with the same numbers in
// a <table>, so a screen reader or a person who would rather read numbers
// has them one tap away.
//
// Charts scale with their viewBox, so one drawing fits a 360 px phone and a
// desk. Series differ by colour and by a second channel that survives
// greyscale and colour blindness (a fill pattern for bars, a marker and a
// dash for lines); every colour has at least 3:1 contrast with white
// (WCAG 1.4.11). The package is pure: text arrives already translated and
// numbers are formatted by the caller's Format, so the locale printer
// stays the one place dates and money are written.
package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Series is one named row of values, aligned with Chart.Labels.
type Series struct {
	Name   string
	Values []float64
}

// Chart is what every drawing takes. ID must be unique on the page (it
// prefixes the ids of the title, description and patterns). Title and Desc
// are the accessible name and description; Summary is the text of the
// <details> that opens the table; LabelHeader heads the table's first
// column. Format writes a value (a count when nil).
type Chart struct {
	ID          string
	Title       string
	Desc        string
	Summary     string
	LabelHeader string
	Labels      []string
	Series      []Series
	Format      func(float64) string
	// Max fixes the top of the scale (1 for shares); 0 means the largest
	// value drawn.
	Max float64
	// Missing is what the table shows for a value that is not known (NaN:
	// a week with nothing to count); lines leave a gap there rather than
	// drop to zero.
	Missing string
}

// palette holds the series colours: each at least 3:1 against white and
// apart in lightness, so the bars stay distinguishable printed in grey.
var palette = []string{"#1f5f99", "#b3541e", "#2e7d32", "#6a3d9a", "#5f6368", "#8a5a00"}

// colour returns series i's colour.
func colour(i int) string { return palette[i%len(palette)] }

// width is the viewBox width: about what a phone leaves a chart inside a
// card, so text drawn at 13 units reads at about 12 px on a 360 px phone;
// desks cap the figure's width in the stylesheet, so it grows only a
// little.
const width = 320

func (c Chart) format(v float64) string {
	if c.Format != nil {
		return c.Format(v)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// has reports whether series s has a known value at label i.
func (c Chart) has(s, i int) bool {
	return s < len(c.Series) && i < len(c.Series[s].Values) && !math.IsNaN(c.Series[s].Values[i])
}

func (c Chart) value(s, i int) float64 {
	if s >= len(c.Series) || i >= len(c.Series[s].Values) {
		return 0
	}
	v := c.Series[s].Values[i]
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

// figure wraps an svg body of height h with its accessible name, its
// description and the table of numbers.
func (c Chart) figure(h int, body string) template.HTML {
	var b strings.Builder
	id := esc(c.ID)
	b.WriteString(`<figure class="chart" id="` + id + `">`)
	b.WriteString(`<svg role="img" aria-labelledby="` + id + `-t ` + id + `-d" viewBox="0 0 ` + itoa(width) + ` ` + itoa(h) +
		`" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">`)
	b.WriteString(`<title id="` + id + `-t">` + esc(c.Title) + `</title>`)
	b.WriteString(`<desc id="` + id + `-d">` + esc(c.Desc) + `</desc>`)
	b.WriteString(body)
	b.WriteString(`</svg>`)
	b.WriteString(c.table())
	b.WriteString(`</figure>`)
	return template.HTML(b.String())
}

// table is the same numbers as the drawing, one row a label and one column
// a series.
func (c Chart) table() string {
	var b strings.Builder
	// The wrapper scrolls sideways when a wide table meets a phone, so it
	// takes the keyboard focus (and a name) to be scrolled without a mouse.
	b.WriteString(`<details class="chart-numbers"><summary>` + esc(c.Summary) + `</summary><div class="table-wrap" tabindex="0" role="region" aria-label="` +
		esc(c.Title) + `"><table>`)
	b.WriteString(`<caption class="visually-hidden">` + esc(c.Title) + `</caption><thead><tr><th scope="col">` + esc(c.LabelHeader) + `</th>`)
	for _, s := range c.Series {
		b.WriteString(`<th scope="col">` + esc(s.Name) + `</th>`)
	}
	b.WriteString(`</tr></thead><tbody>`)
	for i, l := range c.Labels {
		b.WriteString(`<tr><th scope="row">` + esc(l) + `</th>`)
		for s := range c.Series {
			cell := c.Missing
			if c.has(s, i) {
				cell = c.format(c.value(s, i))
			}
			b.WriteString(`<td>` + esc(cell) + `</td>`)
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</tbody></table></div></details>`)
	return b.String()
}

// scaleMax is the top of the value scale: Max when set, else the largest
// of values (1 when all are zero, so nothing divides by zero).
func (c Chart) scaleMax(largest float64) float64 {
	if c.Max > 0 {
		return c.Max
	}
	if largest <= 0 {
		return 1
	}
	return largest
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func itoa(i int) string { return strconv.Itoa(i) }

// num writes a coordinate with at most one decimal, so golden files stay
// stable and small.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }
