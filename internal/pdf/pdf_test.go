package pdf_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/pdf"
	"github.com/goldthread/goldthread/internal/pdf/pdftest"
)

func pages(t *testing.T, d *pdf.Doc) [][]pdftest.Line {
	t.Helper()
	p, err := pdftest.Pages(d.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// footerY is below every body line: the footer sits in the bottom margin.
const footerY = pdf.Margin + 40

func TestStructureAndText(t *testing.T) {
	d := pdf.New("Record of Marcus (test)")
	d.Heading("Marcus Bell")
	d.Text(`He said "I did the call myself" (first time) \ done.`)
	d.SetFooter("Export SHA-256: abc")
	b := d.Bytes()
	p := pages(t, d)
	if len(p) != 1 {
		t.Fatalf("%d pages; want 1", len(p))
	}
	got := p[0]
	if len(got) != 4 || got[0].Text != "Marcus Bell" || !got[0].Bold || got[1].Bold || got[1].Text != `He said "I did the call myself" (first time) \ done.` {
		t.Fatalf("lines = %+v", got)
	}
	if got[2].Text != "Export SHA-256: abc" || got[3].Text != "Page 1 of 1" {
		t.Fatalf("footer = %+v", got[2:])
	}
	for _, want := range []string{"/Lang (en-US)", "/FontFile2", "/Encoding /Identity-H", "/ToUnicode"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("the file has no %s: the font is not embedded or the language not set", want)
		}
	}
}

// TestEveryCharacterKept: names and words outside Windows-1252 print as
// written (they used to print as "?"): Polish, Vietnamese, Cyrillic,
// Greek, curly quotes and dashes, a check mark.
func TestEveryCharacterKept(t *testing.T) {
	words := []string{"Zoë Łukasiewicz", "Nguyễn Thị Ngọc", "Алексей Смирнов", "Ωmega", "“Curly” – café ✓", "Şükrü Ğ"}
	d := pdf.New("Ngọc")
	for _, w := range words {
		d.Text(w)
	}
	text, err := pdftest.Text(d.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range words {
		if !strings.Contains(text, w) {
			t.Errorf("%q is not in the PDF as written:\n%s", w, text)
		}
	}
	if strings.Contains(text, "?") {
		t.Errorf("a character became '?':\n%s", text)
	}
}

func TestLinesWrapWithinTheMargins(t *testing.T) {
	d := pdf.New("wrap")
	long := strings.Repeat("We practised what to say when calling a landlord and made two calls together. ", 12)
	d.Text(long)
	d.Text(strings.Repeat("x", 400)) // one word longer than a line
	var words []string
	lines := 0
	for _, l := range pages(t, d)[0] {
		if l.Y < footerY {
			continue
		}
		lines++
		if w := pdf.Width(l.Text, l.Size, l.Bold); w > pdf.TextWidth+0.001 || l.X < pdf.Margin || l.X+w > pdf.PageWidth-pdf.Margin+0.001 {
			t.Errorf("line %q is %.1f pt wide at x %.1f; the text width is %.1f", l.Text, w, l.X, pdf.TextWidth)
		}
		if !strings.HasPrefix(l.Text, "x") {
			words = append(words, strings.Fields(l.Text)...)
		}
	}
	if lines < 10 {
		t.Fatalf("%d lines; the long paragraph did not wrap", lines)
	}
	if strings.Join(words, " ") != strings.TrimSpace(long) {
		t.Fatal("wrapping lost or reordered words")
	}
}

func TestPageBreaksAndFooterOnEveryPage(t *testing.T) {
	d := pdf.New("many")
	for i := range 150 {
		d.Text(fmt.Sprintf("Paragraph %d of the record.", i))
	}
	d.SetFooter("Export SHA-256: "+d.ContentHash(), "42 CFR part 2 prohibits unauthorized use or disclosure of these records.")
	p := pages(t, d)
	if len(p) < 3 {
		t.Fatalf("%d pages for 150 paragraphs; want page breaks", len(p))
	}
	seen := 0
	for i, page := range p {
		var hash, notice, number bool
		lowestBody, highestFooter := pdf.PageHeight, 0.0
		for _, l := range page {
			switch {
			case strings.HasPrefix(l.Text, "Export SHA-256: "+d.ContentHash()):
				hash = true
				highestFooter = max(highestFooter, l.Y)
			case strings.HasPrefix(l.Text, "42 CFR part 2"):
				notice = true
			case l.Text == fmt.Sprintf("Page %d of %d", i+1, len(p)):
				number = true
			case strings.HasPrefix(l.Text, "Paragraph "):
				seen++
				lowestBody = min(lowestBody, l.Y)
			}
		}
		if !hash || !notice || !number {
			t.Errorf("page %d: hash %v, notice %v, number %v", i+1, hash, notice, number)
		}
		// PDF y grows upwards: the body's lowest line stays above the footer.
		if lowestBody <= highestFooter+8 {
			t.Errorf("page %d: body text at y %.1f runs into the footer at %.1f", i+1, lowestBody, highestFooter)
		}
	}
	if seen != 150 {
		t.Fatalf("%d paragraphs printed; want 150", seen)
	}
}

func TestContentHashCoversContentNotFooter(t *testing.T) {
	a, b := pdf.New("a"), pdf.New("b")
	for _, d := range []*pdf.Doc{a, b} {
		d.Heading("Plan")
		d.Text("I want to get my own apartment")
	}
	if a.ContentHash() != b.ContentHash() || len(a.ContentHash()) != 64 {
		t.Fatal("the same content must hash the same, whatever the title")
	}
	b.SetFooter("anything")
	if a.ContentHash() != b.ContentHash() {
		t.Fatal("the footer changed the content hash")
	}
	b.Text("I want to get my own apartment.")
	if a.ContentHash() == b.ContentHash() {
		t.Fatal("added content did not change the hash")
	}
	c := pdf.New("c")
	c.Subheading("Plan")
	c.Text("I want to get my own apartment")
	if c.ContentHash() == a.ContentHash() {
		t.Fatal("the style is part of the content")
	}
}

// TestSameDocumentSameBytes: without a creation date the file depends on
// its content alone.
func TestSameDocumentSameBytes(t *testing.T) {
	mk := func() []byte {
		d := pdf.New("same")
		d.Text("Marcus Bell")
		return d.Bytes()
	}
	if !bytes.Equal(mk(), mk()) {
		t.Fatal("the same document made different files")
	}
}
