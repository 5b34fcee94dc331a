package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/goldthread/goldthread"
)

// maxFormBody caps a URL-encoded form (one without files). The longest one
// a person types is a service note, far below this; anything bigger is
// not a form a page of ours sent.
const maxFormBody = 1 << 20

// maxFormMemory is how much of a multipart form is held in memory; larger
// file parts spill to temporary files, still within the server's MaxBody.
const maxFormMemory = 1 << 20

// readForm is the one way a handler reads a posted form (and the query
// string, into r.Form). It takes the form URL-encoded or multipart (a page
// script's FormData, or a form with files), so a field is never missing
// because of how it travelled. A URL-encoded body over maxFormBody is
// refused; a multipart body may carry files up to the server's MaxBody.
//
// The contract: on an error nothing was read and the handler must not act.
// A body over the limit is too_large (413); one that does not parse
// (a broken escape, a cut-off multipart body) is bad_request (400). Both
// are typed errors, so pageError and apiError answer them in the
// person's language. No handler calls ParseForm itself
// (TestOnlyReadFormParsesForms): an ignored parse error would hand the
// handler an empty or partial form to act on.
func (s *Server) readForm(w http.ResponseWriter, r *http.Request) error {
	multipart := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
	limit := int64(maxFormBody)
	if multipart {
		limit = s.cfg.MaxBody
	}
	if r.Body != nil && r.Body != http.NoBody {
		r.Body = http.MaxBytesReader(w, r.Body, limit)
	}
	var err error
	if multipart {
		err = r.ParseMultipartForm(maxFormMemory)
	} else {
		err = r.ParseForm()
	}
	if err == nil {
		return nil
	}
	// Whatever was parsed before the error is dropped, so a handler that
	// forgot to check cannot act on half a form either.
	r.Form, r.PostForm, r.MultipartForm = url.Values{}, url.Values{}, nil
	if isTooLarge(err) {
		return goldthread.Errorf(goldthread.ETOOLARGE, "What you sent is too large. Shorten it and try again.")
	}
	return goldthread.Errorf(goldthread.EBADREQUEST, "The form could not be read. Reload the page and try again.")
}

// idAndForm reads the route's {id} and the posted form, answering the
// request itself (404 page, 413, 400) when either fails.
func (s *Server) idAndForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) (int64, bool) {
	id, err := pathID(r)
	if err == nil {
		err = s.readForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return 0, false
	}
	return id, true
}
