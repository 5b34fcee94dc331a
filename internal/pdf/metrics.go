package pdf

// Glyph widths of the standard Type 1 fonts Helvetica and Helvetica-Bold
// for the printable ASCII range (32–126), in thousandths of the font size,
// as the fonts' published metrics give them. Bytes outside the range (the
// WinAnsi letters with accents, quotes and dashes) use defaultWidth, which
// errs wide so a line never runs past the margin.
var helvetica = [95]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
	278, 278, 584, 584, 584, 556, 1015, // : ; < = > ? @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
	278, 278, 278, 469, 556, 333, // [ \ ] ^ _ `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
	556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
	334, 260, 334, 584, // { | } ~
}

var helveticaBold = [95]int{
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
	333, 333, 584, 584, 584, 611, 975,
	722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
	333, 278, 333, 584, 556, 333,
	556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889,
	611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500,
	389, 280, 389, 584,
}

// defaultWidth is used for bytes outside printable ASCII.
const defaultWidth = 1000

// winAnsi maps the characters outside Latin-1 that WinAnsiEncoding holds to
// their byte; Latin-1 letters (U+00A0–U+00FF) keep their own code.
var winAnsi = map[rune]byte{
	'€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94,
	'•': 0x95, '–': 0x96, '—': 0x97, '™': 0x99, '·': 0xB7,
}

// encode turns UTF-8 text into WinAnsi bytes for the standard fonts: tabs
// and other control characters become spaces, characters the encoding
// lacks become '?'.
func encode(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < 32:
			out = append(out, ' ')
		case r < 127:
			out = append(out, byte(r))
		case r >= 0xA0 && r <= 0xFF:
			out = append(out, byte(r))
		default:
			if b, ok := winAnsi[r]; ok {
				out = append(out, b)
			} else {
				out = append(out, '?')
			}
		}
	}
	return out
}

// width is the width in points of WinAnsi text b at size in font bold or not.
func width(b []byte, size float64, bold bool) float64 {
	table := &helvetica
	if bold {
		table = &helveticaBold
	}
	total := 0
	for _, c := range b {
		if c >= 32 && c <= 126 {
			total += table[c-32]
		} else {
			total += defaultWidth
		}
	}
	return float64(total) * size / 1000
}

// Width is the printed width in points of text (UTF-8) in Helvetica, or
// Helvetica-Bold when bold, at size points.
func Width(text string, size float64, bold bool) float64 { return width(encode(text), size, bold) }
