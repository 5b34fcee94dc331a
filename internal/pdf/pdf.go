// Package pdf writes plain text documents as PDF 1.4 with the standard
// Helvetica fonts, using only the standard library: headings, wrapped
// paragraphs, automatic page breaks, and a footer on every page. It is
// what the record export needs and nothing more (no images, no tables, no
// embedded fonts; text outside WinAnsi shows as '?').
//
// A document's ContentHash is the SHA-256 of its text blocks, computed
// before the footer is laid out, so the footer can carry the hash of the
// content it closes.
package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// Page geometry: US Letter in points with three-quarter-inch margins.
const (
	PageWidth  = 612.0
	PageHeight = 792.0
	Margin     = 54.0
	TextWidth  = PageWidth - 2*Margin
)

// Style is how a block is set.
type Style int

// Block styles.
const (
	Heading    Style = iota // bold 16 pt
	Subheading              // bold 12 pt
	Body                    // 10 pt
	Small                   // 8 pt
	Gap                     // vertical space, no text
)

type styleSpec struct {
	font    string // F1 Helvetica, F2 Helvetica-Bold
	size    float64
	leading float64
	before  float64
}

var specs = map[Style]styleSpec{
	Heading:    {"F2", 16, 20, 6},
	Subheading: {"F2", 12, 16, 8},
	Body:       {"F1", 10, 13, 0},
	Small:      {"F1", 8, 10, 0},
	Gap:        {"F1", 10, 8, 0},
}

const (
	footerSize    = 7.0
	footerLeading = 9.0
)

// Doc is a document being written. The zero Doc is not usable; call New.
type Doc struct {
	title  string
	blocks []block
	footer []string
}

type block struct {
	style Style
	text  string
}

// New starts a document with title (the PDF's Title, not printed).
func New(title string) *Doc { return &Doc{title: title} }

// Add appends a block of text in style; newlines in text start new lines.
func (d *Doc) Add(style Style, text string) { d.blocks = append(d.blocks, block{style, text}) }

// Heading, Subheading, Text and Small add a block in that style; Space adds
// a gap.
func (d *Doc) Heading(text string)    { d.Add(Heading, text) }
func (d *Doc) Subheading(text string) { d.Add(Subheading, text) }
func (d *Doc) Text(text string)       { d.Add(Body, text) }
func (d *Doc) Small(text string)      { d.Add(Small, text) }
func (d *Doc) Space()                 { d.Add(Gap, "") }

// ContentHash is the hex SHA-256 of the document's content: each block as
// its style number, a tab, its text and a newline, in order. Footers are
// not part of it.
func (d *Doc) ContentHash() string {
	h := sha256.New()
	for _, b := range d.blocks {
		fmt.Fprintf(h, "%d\t%s\n", b.style, b.text)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// SetFooter sets the lines printed, wrapped, at the foot of every page
// above the page number.
func (d *Doc) SetFooter(lines ...string) { d.footer = lines }

// line is one laid-out line of text.
type line struct {
	font string
	size float64
	y    float64
	text []byte
}

// wrap breaks WinAnsi text into lines no wider than max at size.
func wrap(text string, size float64, bold bool, max float64) [][]byte {
	var out [][]byte
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, nil)
			continue
		}
		var cur []byte
		for _, w := range words {
			wb := encode(w)
			for width(wb, size, bold) > max { // a word longer than the line: cut it
				n := len(wb)
				for n > 1 && width(wb[:n], size, bold) > max {
					n--
				}
				if len(cur) > 0 {
					out = append(out, cur)
					cur = nil
				}
				out = append(out, wb[:n])
				wb = wb[n:]
			}
			try := append(append(append([]byte{}, cur...), ' '), wb...)
			if len(cur) == 0 {
				try = wb
			}
			if width(try, size, bold) <= max {
				cur = try
				continue
			}
			out = append(out, cur)
			cur = wb
		}
		out = append(out, cur)
	}
	return out
}

// layout places every block on pages, leaving room for the footer.
func (d *Doc) layout() (pages [][]line, footer [][]byte) {
	for _, f := range d.footer {
		footer = append(footer, wrap(f, footerSize, false, TextWidth)...)
	}
	bottom := Margin + float64(len(footer)+1)*footerLeading + 12
	top := PageHeight - Margin
	var page []line
	y := top
	for _, b := range d.blocks {
		s := specs[b.style]
		if b.style == Gap {
			y -= s.leading
			continue
		}
		if y != top {
			y -= s.before
		}
		for _, l := range wrap(b.text, s.size, s.font == "F2", TextWidth) {
			if y-s.leading < bottom {
				pages = append(pages, page)
				page, y = nil, top
			}
			y -= s.leading
			page = append(page, line{s.font, s.size, y, l})
		}
	}
	return append(pages, page), footer
}

// escape writes b as the inside of a PDF literal string.
func escape(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		switch {
		case c == '(' || c == ')' || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c < 32 || c > 126:
			fmt.Fprintf(&sb, "\\%03o", c)
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

func textOp(buf *bytes.Buffer, font string, size, x, y float64, text []byte) {
	fmt.Fprintf(buf, "BT /%s %s Tf 1 0 0 1 %s %s Tm (%s) Tj ET\n", font, num(size), num(x), num(y), escape(text))
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Bytes lays the document out and returns the PDF file.
func (d *Doc) Bytes() []byte {
	pages, footer := d.layout()
	var out bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, out.Len())
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = strconv.Itoa(6+2*i) + " 0 R"
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	obj(fmt.Sprintf("<< /Title (%s) /Producer (Goldthread) >>", escape(encode(d.title))))
	for i, page := range pages {
		var c bytes.Buffer
		for _, l := range page {
			textOp(&c, l.font, l.size, Margin, l.y, l.text)
		}
		y := Margin + float64(len(footer))*footerLeading
		for _, f := range footer {
			textOp(&c, "F1", footerSize, Margin, y, f)
			y -= footerLeading
		}
		textOp(&c, "F1", footerSize, Margin, y, encode(fmt.Sprintf("Page %d of %d", i+1, len(pages))))
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>",
			num(PageWidth), num(PageHeight), 7+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", c.Len(), c.String()))
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return out.Bytes()
}
