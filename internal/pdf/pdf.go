// Package pdf writes plain text documents as PDF with go-pdf/fpdf and an
// embedded Unicode font (DejaVu Sans, subset into each file), so every
// character of a name or a note that the font has prints as written, not
// as '?': headings, wrapped paragraphs, automatic page breaks, and a
// footer on every page. It is what the record export needs and nothing
// more. The document's language and title are set for assistive
// technology; fpdf writes no structure tree, so the PDF is not tagged.
//
// A document's ContentHash is the SHA-256 of its text blocks, computed
// before the footer is laid out, so the footer can carry the hash of the
// content it closes.
package pdf

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

//go:embed fonts/DejaVuSans.ttf
var regularFont []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var boldFont []byte

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
	bold    bool
	size    float64
	leading float64
	before  float64
}

var specs = map[Style]styleSpec{
	Heading:    {true, 16, 20, 6},
	Subheading: {true, 12, 16, 8},
	Body:       {false, 10, 13, 0},
	Small:      {false, 8, 10, 0},
	Gap:        {false, 10, 8, 0},
}

const (
	footerSize    = 7.0
	footerLeading = 9.0
	family        = "DejaVu"
)

// Doc is a document being written. The zero Doc is not usable; call New.
type Doc struct {
	title   string
	lang    string
	created time.Time
	blocks  []block
	footer  []string
	pages   string // the page number's format: a %d for the page, a %s for the count
}

type block struct {
	style Style
	text  string
}

// New starts a document with title (the PDF's Title, not printed), in
// English until SetLanguage says otherwise.
func New(title string) *Doc { return &Doc{title: title, lang: "en-US", pages: "Page %d of %s"} }

// SetPageNumber sets the words of the page number at the foot of every
// page, in the document's language: a format with %d for the page and %s
// for the number of pages ("Página %d de %s"). English until set.
func (d *Doc) SetPageNumber(format string) { d.pages = format }

// SetLanguage sets the document's language (a BCP 47 tag such as es-US),
// which screen readers use to speak it.
func (d *Doc) SetLanguage(tag string) { d.lang = tag }

// SetCreated sets the creation date written in the file; without it the
// file carries none, so the same document makes the same bytes.
func (d *Doc) SetCreated(t time.Time) { d.created = t }

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

// fontStyle is fpdf's style letter for bold or regular.
func fontStyle(bold bool) string {
	if bold {
		return "B"
	}
	return ""
}

// Bytes lays the document out and returns the PDF file.
func (d *Doc) Bytes() []byte {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: PageWidth, Ht: PageHeight}})
	f.AddUTF8FontFromBytes(family, "", regularFont)
	f.AddUTF8FontFromBytes(family, "B", boldFont)
	f.SetMargins(Margin, Margin, Margin)
	f.SetTitle(d.title, true)
	f.SetProducer("Goldthread", true)
	f.SetLang(d.lang)
	f.SetCatalogSort(true)
	if !d.created.IsZero() {
		f.SetCreationDate(d.created)
		f.SetModificationDate(d.created)
	} else {
		f.SetCreationDate(time.Unix(0, 0).UTC())
		f.SetModificationDate(time.Unix(0, 0).UTC())
	}
	const pageAlias = "{nb}"
	f.AliasNbPages(pageAlias)
	// The footer's height decides where the body stops on every page.
	f.SetFont(family, "", footerSize)
	var footer []string
	for _, line := range d.footer {
		footer = append(footer, f.SplitText(line, TextWidth)...)
	}
	footerTop := PageHeight - Margin - float64(len(footer)+1)*footerLeading
	f.SetAutoPageBreak(true, PageHeight-footerTop+12)
	f.SetFooterFunc(func() {
		f.SetFont(family, "", footerSize)
		f.SetXY(Margin, footerTop)
		for _, l := range footer {
			f.CellFormat(TextWidth, footerLeading, l, "", 2, "L", false, 0, "")
		}
		f.CellFormat(TextWidth, footerLeading, fmt.Sprintf(d.pages, f.PageNo(), pageAlias), "", 2, "L", false, 0, "")
	})
	f.AddPage()
	first := true
	for _, b := range d.blocks {
		s := specs[b.style]
		if b.style == Gap {
			f.Ln(s.leading)
			continue
		}
		if !first {
			f.Ln(s.before)
		}
		first = false
		f.SetFont(family, fontStyle(s.bold), s.size)
		for _, para := range strings.Split(b.text, "\n") {
			f.MultiCell(TextWidth, s.leading, para, "", "L", false)
		}
	}
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		// Only a font that would not load gets here, and the fonts are
		// embedded: a broken build, not a broken record.
		panic(fmt.Sprintf("pdf: %v", err))
	}
	return out.Bytes()
}

// Width returns the width in points of text set in the document's font at
// size, bold or regular.
func Width(text string, size float64, bold bool) float64 {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: PageWidth, Ht: PageHeight}})
	f.AddUTF8FontFromBytes(family, fontStyle(bold), map[bool][]byte{false: regularFont, true: boldFont}[bold])
	f.SetFont(family, fontStyle(bold), size)
	return f.GetStringWidth(text)
}
