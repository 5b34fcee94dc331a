// Package pdftest reads back the text of the PDFs internal/pdf writes, for
// tests: each shown line with its font, size and position, decoded from
// the compressed content streams and the UTF-16 the embedded font is
// addressed in. It reads those files only; it is no general PDF reader.
package pdftest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Line is one text operation on a page.
type Line struct {
	Bold bool
	Size float64
	X, Y float64 // from the page's bottom left corner, in points
	Text string
}

var (
	streamRe = regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)
	// opRe finds, in order, a font chosen (1 name, 2 size) or a line
	// shown (3 x, 4 y, 5 the string); a string may hold any byte.
	opRe  = regexp.MustCompile(`(?s)BT /(F[0-9a-f]+) ([\d.]+) Tf ET|BT ([\d.]+) ([\d.]+) Td \(((?:[^()\\]|\\.)*)\)Tj ET`)
	resRe = regexp.MustCompile(`/(F[0-9a-f]+) (\d+) 0 R`)
	objRe = regexp.MustCompile(`(?s)\n(\d+) 0 obj\n(.*?)endobj`)
)

// Pages returns the lines of every page, in order.
func Pages(pdf []byte) ([][]Line, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, fmt.Errorf("pdftest: not a PDF")
	}
	bold := map[string]bool{}
	objects := map[string]string{}
	for _, m := range objRe.FindAllSubmatch(pdf, -1) {
		objects[string(m[1])] = string(m[2])
	}
	for _, m := range resRe.FindAllSubmatch(pdf, -1) {
		bold[string(m[1])] = strings.Contains(objects[string(m[2])], "dejavuB")
	}
	var pages [][]Line
	for _, m := range streamRe.FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue // an image or a font: not a page
		}
		content, err := io.ReadAll(zr)
		if err != nil || !bytes.Contains(content, []byte(") Tj")) && !bytes.Contains(content, []byte(")Tj")) {
			continue
		}
		var page []Line
		font, size := "", 0.0
		for _, op := range opRe.FindAllStringSubmatch(string(content), -1) {
			if op[1] != "" {
				font = op[1]
				size, _ = strconv.ParseFloat(op[2], 64)
				continue
			}
			x, _ := strconv.ParseFloat(op[3], 64)
			y, _ := strconv.ParseFloat(op[4], 64)
			page = append(page, Line{Bold: bold[font], Size: size, X: x, Y: y, Text: decode(unescape(op[5]))})
		}
		pages = append(pages, page)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("pdftest: no page with text")
	}
	return pages, nil
}

// Text returns every line of every page, one a line.
func Text(pdf []byte) (string, error) {
	pages, err := Pages(pdf)
	var b strings.Builder
	for _, p := range pages {
		for _, l := range p {
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
	}
	return b.String(), err
}

// unescape reads a PDF literal string back.
func unescape(s string) []byte {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b = append(b, s[i])
			continue
		}
		i++
		switch c := s[i]; {
		case c >= '0' && c <= '7':
			j := i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i:j], 8, 8)
			b = append(b, byte(v))
			i = j - 1
		case c == 'r':
			b = append(b, '\r')
		case c == 'n':
			b = append(b, '\n')
		default:
			b = append(b, c)
		}
	}
	return b
}

// decode turns UTF-16BE into a string.
func decode(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}
