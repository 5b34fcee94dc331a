package chart

import (
	"encoding/xml"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or writes it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/chart -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\ngot  %s\nwant %s", name, got, want)
	}
}

// wellFormed parses s as XML, so a chart is valid inside HTML and alone.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return
			}
			t.Fatalf("not well-formed: %v\n%s", err, s)
		}
	}
}

func sample() Chart {
	return Chart{ID: "c1", Title: "Notes signed on time", Desc: "Share of notes signed within the deadline, by peer.",
		Summary: "Show the numbers", LabelHeader: "Peer",
		Labels: []string{"Dana Diaz", "Sam <Lee>"},
		Series: []Series{{Name: "On time", Values: []float64{9, 3}}, {Name: "Late", Values: []float64{1, 2}}}}
}

func TestGolden(t *testing.T) {
	pct := func(v float64) string { return strconv.Itoa(int(math.Round(v*100))) + "%" }
	cases := map[string]string{
		"bars.html":    string(Bars(sample())),
		"stacked.html": string(StackedBars(sample())),
		"line.html": string(Line(Chart{ID: "c2", Title: "On time by week", Desc: "Share of notes signed on time each week.",
			Summary: "Show the numbers", LabelHeader: "Week", Labels: []string{"Mar 2", "Mar 9", "Mar 16"}, Max: 1, Format: pct,
			Series: []Series{{Name: "Team", Values: []float64{0.5, 0.75, 1}}, {Name: "Dana", Values: []float64{1, 0.5, 1}}}})),
		"sparkline.html": string(Sparkline("Recovery capital: 32, 38, 41", []float64{32, 38, 41}, 50)),
	}
	for name, got := range cases {
		t.Run(name, func(t *testing.T) {
			wellFormed(t, got)
			golden(t, name, got)
		})
	}
}

// TestAccessible checks what every chart promises a screen reader: an
// image named by its title and description, and the numbers in a table.
func TestAccessible(t *testing.T) {
	for name, html := range map[string]string{"bars": string(Bars(sample())), "stacked": string(StackedBars(sample())), "line": string(Line(sample()))} {
		t.Run(name, func(t *testing.T) {
			for _, want := range []string{`<svg role="img" aria-labelledby="c1-t c1-d"`, `<title id="c1-t">Notes signed on time</title>`,
				`<desc id="c1-d">Share of notes signed`, `<details class="chart-numbers"><summary>Show the numbers</summary>`,
				`<th scope="row">Sam &lt;Lee&gt;</th><td>3</td><td>2</td>`, `viewBox="0 0 320 `} {
				if !strings.Contains(html, want) {
					t.Errorf("missing %q in\n%s", want, html)
				}
			}
			if strings.Contains(html, "<script") || strings.Contains(html, "Sam <Lee>") {
				t.Errorf("script or unescaped text in %s", html)
			}
		})
	}
}

// TestSeriesDifferBeyondColour: stacked series carry distinct patterns
// and line series distinct dashes and markers, so colour is never the only
// difference (WCAG 1.4.1).
func TestSeriesDifferBeyondColour(t *testing.T) {
	c := sample()
	p := c.patterns()
	if strings.Count(p, "<pattern") != 2 || !strings.Contains(p, `M0 6L6 0`) {
		t.Errorf("second series has no pattern of its own: %s", p)
	}
	if marker(0, 10, 10)[:7] == marker(1, 10, 10)[:7] || dashes[0] == dashes[1] {
		t.Error("line series share a marker or a dash")
	}
}

// TestPaletteContrast: every series colour has at least 3:1 contrast with
// the white card it is drawn on (WCAG 1.4.11, non-text contrast).
func TestPaletteContrast(t *testing.T) {
	lum := func(hex string) float64 {
		var r, g, b int
		fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
		ch := func(v int) float64 {
			c := float64(v) / 255
			if c <= 0.03928 {
				return c / 12.92
			}
			return math.Pow((c+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
	}
	for _, c := range palette {
		if ratio := 1.05 / (lum(c) + 0.05); ratio < 3 {
			t.Errorf("%s has contrast %.2f:1 with white; want ≥ 3", c, ratio)
		}
	}
}

// TestScale: bars are drawn in proportion to the scale's top, a fixed Max
// included, and nothing breaks on zeros, negatives or missing values.
func TestScale(t *testing.T) {
	c := Chart{ID: "s", Labels: []string{"a", "b"}, Series: []Series{{Name: "n", Values: []float64{2, 4}}}}
	if got := string(Bars(c)); !strings.Contains(got, `width="248" height="16"`) || !strings.Contains(got, `width="124" height="16"`) {
		t.Errorf("bars not in proportion to the largest: %s", got)
	}
	c.Max = 8
	if got := string(Bars(c)); !strings.Contains(got, `width="124" height="16"`) || !strings.Contains(got, `width="62" height="16"`) {
		t.Errorf("bars not in proportion to Max: %s", got)
	}
	empty := Chart{ID: "e", Labels: []string{"a"}, Series: []Series{{Name: "n", Values: []float64{-3}}}}
	for _, got := range []string{string(Bars(empty)), string(StackedBars(empty)), string(Line(empty)), string(Sparkline("x", nil, 0))} {
		if strings.Contains(got, "NaN") || strings.Contains(got, "Inf") || strings.Contains(got, `width="-`) {
			t.Errorf("bad drawing of empty data: %s", got)
		}
	}
}

// TestLineGaps: an unknown value leaves a gap in the line and shows as
// Missing in the table, never as a zero.
func TestLineGaps(t *testing.T) {
	c := Chart{ID: "g", Missing: "no notes", Labels: []string{"a", "b", "c", "d"},
		Series: []Series{{Name: "n", Values: []float64{1, math.NaN(), 2, 3}}}}
	got := string(Line(c))
	if strings.Count(got, "<polyline") != 1 || strings.Count(got, "<circle") != 3 || !strings.Contains(got, "<td>no notes</td>") ||
		strings.Contains(got, "<td>0</td>") {
		t.Errorf("gap drawn wrong: %s", got)
	}
}
