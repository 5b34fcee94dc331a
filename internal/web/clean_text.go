package web

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/goldthread/goldthread"
)

// withCleanText refuses, before any handler runs, text no record may hold:
// a NUL byte or bytes that are not UTF-8, in the path, the query string,
// a form field or a JSON string. PostgreSQL refuses both in text columns
// (SQLite would store them and hand them to every later reader), so they
// are stopped at the edge with 400 for every route alike. Uploaded files
// in multipart forms are left alone: a PDF holds NUL bytes.
func (s *Server) withCleanText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !cleanText(r.URL.Path) || !cleanQuery(r.URL.RawQuery) {
			s.renderError(w, r, goldthread.EBADREQUEST, "error.unclean_text", nil)
			return
		}
		if r.Body == nil || r.Body == http.NoBody || r.Method == http.MethodGet || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body) // bounded by withBodyLimit
		if err != nil {
			if isTooLarge(err) {
				s.renderError(w, r, goldthread.ETOOLARGE, "error.too_large", nil)
				return
			}
			s.renderError(w, r, goldthread.EBADREQUEST, "error.invalid", nil)
			return
		}
		if !cleanBody(r.Header.Get("Content-Type"), body) {
			s.renderError(w, r, goldthread.EBADREQUEST, "error.unclean_text", nil)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// cleanText reports text without NUL that is valid UTF-8.
func cleanText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// cleanQuery reports a query string (or a urlencoded form) whose decoded
// names and values are all clean; one that does not decode is left to the
// handler, which ignores the broken pairs.
func cleanQuery(raw string) bool {
	if raw == "" {
		return true
	}
	q, _ := url.ParseQuery(raw)
	for k, vs := range q {
		if !cleanText(k) {
			return false
		}
		for _, v := range vs {
			if !cleanText(v) {
				return false
			}
		}
	}
	return true
}

// cleanBody checks a request body by its content type: form fields, JSON
// strings, text (a CSV roster), and the text fields and text files of a
// multipart form. Other bodies (a PDF, a scan) pass.
func cleanBody(contentType string, body []byte) bool {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return true
	}
	switch {
	case strings.HasPrefix(mt, "text/"):
		return cleanText(string(body))
	case mt == "application/x-www-form-urlencoded":
		return cleanQuery(string(body))
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		var v any
		if json.Unmarshal(body, &v) != nil {
			return true // not JSON: the handler says so
		}
		return utf8.Valid(body) && cleanJSON(v)
	case mt == "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			part, err := mr.NextPart()
			if err != nil {
				return true // the end, or a broken form the handler refuses
			}
			if part.FileName() != "" && !textual(part.Header.Get("Content-Type")) {
				continue
			}
			b, err := io.ReadAll(part)
			if err != nil {
				return true // a broken form: the handler refuses it
			}
			if !cleanText(part.FormName()) || !cleanText(string(b)) {
				return false
			}
		}
	}
	return true
}

// cleanJSON walks a decoded JSON value for strings (keys too) with NUL.
// Invalid UTF-8 was replaced by the decoder, and the raw body is checked
// for it besides.
func cleanJSON(v any) bool {
	switch x := v.(type) {
	case string:
		return cleanText(x)
	case []any:
		for _, e := range x {
			if !cleanJSON(e) {
				return false
			}
		}
	case map[string]any:
		for k, e := range x {
			if !cleanText(k) || !cleanJSON(e) {
				return false
			}
		}
	}
	return true
}

// textual reports a file type that holds text: CSV, plain text, JSON.
func textual(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (strings.HasPrefix(mt, "text/") || mt == "application/json" || strings.HasSuffix(mt, "+json"))
}
