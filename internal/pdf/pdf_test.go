package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// parsed is what the tests read back from a written file, by following
// its own cross-reference table.
type parsed struct {
	objects map[int]string // object number -> body between "obj" and "endobj"
	pages   []string       // each page's content stream, in /Kids order
	count   int
}

var (
	startxrefRe = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	objHeadRe   = regexp.MustCompile(`^(\d+) 0 obj\n`)
	kidsRe      = regexp.MustCompile(`/Kids \[([^\]]*)\] /Count (\d+)`)
	contentsRe  = regexp.MustCompile(`/Contents (\d+) 0 R`)
	streamRe    = regexp.MustCompile(`(?s)^<< /Length (\d+) >>\nstream\n(.*)\nendstream$`)
	tjRe        = regexp.MustCompile(`/(F\d) ([\d.]+) Tf 1 0 0 1 ([\d.]+) ([\d.]+) Tm \(((?:[^()\\]|\\.)*)\) Tj`)
)

func parse(t *testing.T, b []byte) parsed {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-1.4\n")) {
		t.Fatal("no PDF header")
	}
	m := startxrefRe.FindSubmatch(b)
	if m == nil {
		t.Fatal("no startxref at the end")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(b[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the xref table", xref)
	}
	lines := strings.Split(string(b[xref:]), "\n")
	n, _ := strconv.Atoi(strings.Fields(lines[1])[1])
	p := parsed{objects: map[int]string{}}
	for i := 1; i < n; i++ {
		entry := lines[2+i]
		if len(entry) != 19 || !strings.HasSuffix(entry, " n ") {
			t.Fatalf("xref entry %d is malformed: %q", i, entry)
		}
		off, _ := strconv.Atoi(entry[:10])
		head := objHeadRe.FindSubmatch(b[off:])
		if head == nil || string(head[1]) != strconv.Itoa(i) {
			t.Fatalf("xref entry %d points at offset %d, which is not object %d", i, off, i)
		}
		rest := string(b[off+len(head[0]):])
		end := strings.Index(rest, "\nendobj\n")
		if end < 0 {
			t.Fatalf("object %d has no endobj", i)
		}
		p.objects[i] = rest[:end]
	}
	if !strings.Contains(string(b), "trailer\n<< /Size "+strconv.Itoa(n)+" /Root 1 0 R") {
		t.Fatal("trailer does not name the size and root")
	}
	km := kidsRe.FindStringSubmatch(p.objects[2])
	if km == nil {
		t.Fatalf("pages object: %q", p.objects[2])
	}
	p.count, _ = strconv.Atoi(km[2])
	for _, kid := range strings.Split(km[1], " 0 R") {
		kid = strings.TrimSpace(kid)
		if kid == "" {
			continue
		}
		num, _ := strconv.Atoi(kid)
		cm := contentsRe.FindStringSubmatch(p.objects[num])
		if cm == nil || !strings.Contains(p.objects[num], "/Type /Page ") {
			t.Fatalf("kid %d is not a page with contents: %q", num, p.objects[num])
		}
		cn, _ := strconv.Atoi(cm[1])
		sm := streamRe.FindStringSubmatch(p.objects[cn])
		if sm == nil {
			t.Fatalf("contents %d is not a stream", cn)
		}
		if l, _ := strconv.Atoi(sm[1]); l != len(sm[2]) {
			t.Fatalf("stream %d says /Length %d but holds %d bytes", cn, l, len(sm[2]))
		}
		p.pages = append(p.pages, sm[2])
	}
	if p.count != len(p.pages) {
		t.Fatalf("/Count %d but %d kids", p.count, len(p.pages))
	}
	return p
}

// unescape reads a PDF literal string back.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		if s[i] >= '0' && s[i] <= '7' {
			v, _ := strconv.ParseUint(s[i:i+3], 8, 8)
			b.WriteByte(byte(v))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

type shown struct {
	font       string
	size, x, y float64
	text       string
}

func texts(page string) []shown {
	var out []shown
	for _, m := range tjRe.FindAllStringSubmatch(page, -1) {
		size, _ := strconv.ParseFloat(m[2], 64)
		x, _ := strconv.ParseFloat(m[3], 64)
		y, _ := strconv.ParseFloat(m[4], 64)
		out = append(out, shown{m[1], size, x, y, unescape(m[5])})
	}
	return out
}

func TestStructureAndText(t *testing.T) {
	d := New("Record of Marcus (test)")
	d.Heading("Marcus Bell")
	d.Text(`He said "I did the call myself" (first time) \ done.`)
	d.SetFooter("Export SHA-256: abc")
	p := parse(t, d.Bytes())
	if p.count != 1 {
		t.Fatalf("%d pages; want 1", p.count)
	}
	got := texts(p.pages[0])
	if len(got) != 4 || got[0].text != "Marcus Bell" || got[0].font != "F2" || got[1].text != `He said "I did the call myself" (first time) \ done.` {
		t.Fatalf("texts = %+v", got)
	}
	if got[2].text != "Export SHA-256: abc" || got[3].text != "Page 1 of 1" {
		t.Fatalf("footer = %+v", got[2:])
	}
	if !strings.Contains(p.objects[3], "/BaseFont /Helvetica ") || !strings.Contains(p.objects[4], "/BaseFont /Helvetica-Bold ") {
		t.Fatal("fonts are not the standard Helvetica pair")
	}
	if !strings.Contains(p.objects[5], `/Title (Record of Marcus \(test\))`) {
		t.Fatalf("info = %q", p.objects[5])
	}
}

func TestLinesWrapWithinTheMargins(t *testing.T) {
	d := New("wrap")
	long := strings.Repeat("We practised what to say when calling a landlord and made two calls together. ", 12)
	d.Text(long)
	d.Text(strings.Repeat("x", 400)) // one word longer than a line
	p := parse(t, d.Bytes())
	var words []string
	lines := 0
	for _, s := range texts(p.pages[0]) {
		if s.y < Margin+20 { // footer
			continue
		}
		lines++
		if w := Width(s.text, s.size, s.font == "F2"); w > TextWidth+0.001 || s.x != Margin {
			t.Errorf("line %q is %.1f pt wide at x %.1f; the text width is %.1f", s.text, w, s.x, TextWidth)
		}
		if !strings.HasPrefix(s.text, "x") {
			words = append(words, strings.Fields(s.text)...)
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
	d := New("many")
	for i := range 150 {
		d.Text(fmt.Sprintf("Paragraph %d of the record.", i))
	}
	d.SetFooter("Export SHA-256: "+d.ContentHash(), "42 CFR part 2 prohibits unauthorized use or disclosure of these records.")
	p := parse(t, d.Bytes())
	if p.count < 3 {
		t.Fatalf("%d pages for 150 paragraphs; want page breaks", p.count)
	}
	seen := 0
	for i, page := range p.pages {
		var hash, notice, number bool
		lowestBody := PageHeight
		for _, s := range texts(page) {
			switch {
			case strings.HasPrefix(s.text, "Export SHA-256: "+d.ContentHash()):
				hash = true
			case strings.HasPrefix(s.text, "42 CFR part 2"):
				notice = true
			case s.text == fmt.Sprintf("Page %d of %d", i+1, p.count):
				number = true
			case strings.HasPrefix(s.text, "Paragraph "):
				seen++
				lowestBody = min(lowestBody, s.y)
			}
		}
		if !hash || !notice || !number {
			t.Errorf("page %d: hash %v, notice %v, number %v", i+1, hash, notice, number)
		}
		if lowestBody < Margin+3*footerLeading {
			t.Errorf("page %d: body text at y %.1f runs into the footer", i+1, lowestBody)
		}
	}
	if seen != 150 {
		t.Fatalf("%d paragraphs printed; want 150", seen)
	}
}

func TestContentHashCoversContentNotFooter(t *testing.T) {
	a, b := New("a"), New("b")
	for _, d := range []*Doc{a, b} {
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
	c := New("c")
	c.Subheading("Plan")
	c.Text("I want to get my own apartment")
	if c.ContentHash() == a.ContentHash() {
		t.Fatal("the style is part of the content")
	}
}

func TestWinAnsiText(t *testing.T) {
	d := New("quotes")
	d.Text("“Curly” – café ✓")
	p := parse(t, d.Bytes())
	got := texts(p.pages[0])[0].text
	if want := "\x93Curly\x94 \x96 caf\xe9 ?"; got != want {
		t.Fatalf("text = %q; want %q", got, want)
	}
}
