package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/seed"
)

// Writer is one peer writing and signing notes over the JSON API, as a
// phone does: a draft (POST /api/v1/notes), then its signature (POST
// /api/v1/notes/{id}/sign) with the password or a re-authentication grant.
type Writer struct {
	Base      string // http://127.0.0.1:port
	HTTP      *http.Client
	Token     string // bearer token of the peer
	Password  string // sent with each signature when Grant is empty
	Grant     string // a re-authentication grant (POST /api/v1/reauth)
	ProgramID int64
	People    []seed.Participant // the peer's caseload
	Zone      *time.Location
	// Signed gets the id of every note whose signature answered 200.
	Signed func(id int64)
	n      int
	anchor time.Time
}

// SignIn returns a bearer token for email and password.
func SignIn(ctx context.Context, c *http.Client, base, email, password string) (string, error) {
	var out struct {
		Token string `json:"token"`
	}
	status, err := call(ctx, c, base+"/api/v1/tokens", "", map[string]string{"email": email, "password": password}, &out)
	if err != nil {
		return "", err
	}
	if status != http.StatusCreated {
		return "", fmt.Errorf("sign-in of %s answered %d", email, status)
	}
	return out.Token, nil
}

// TakeGrant re-authenticates the writer once and keeps the grant that
// covers its next signatures.
func (w *Writer) TakeGrant(ctx context.Context) error {
	var out struct {
		Grant string `json:"grant"`
	}
	status, err := call(ctx, w.HTTP, w.Base+"/api/v1/reauth", w.Token, map[string]string{"password": w.Password}, &out)
	if err != nil {
		return err
	}
	if status != http.StatusCreated {
		return fmt.Errorf("re-authentication answered %d", status)
	}
	w.Grant = out.Grant
	return nil
}

// CreateAndSign writes one draft and signs it; "" when both succeeded,
// else what failed ("create 422", "sign 500", "error: …").
func (w *Writer) CreateAndSign(ctx context.Context) string {
	p := w.People[w.n%len(w.People)]
	// Each visit 11 minutes before the previous one, from an hour before
	// the writer's first note back over 55 days (inside the seeded plan),
	// so one peer's services never overlap; those past the 72-hour
	// deadline carry a late-entry reason, as a late note must.
	if w.anchor.IsZero() {
		w.anchor = time.Now().In(w.Zone).Add(-time.Hour).Truncate(time.Minute)
	}
	slot := w.n % (55 * 24 * 60 / 11)
	w.n++
	start := w.anchor.Add(-time.Duration(slot) * 11 * time.Minute)
	note := map[string]any{"participant_id": p.ID, "program_id": w.ProgramID, "kind": goldthread.NoteIndividual,
		"service_date": goldthread.DateIn(start, w.Zone).String(), "start": start, "end": start.Add(10 * time.Minute),
		"location": "community", "modality": "in_person", "category": "peer_mentoring_coaching", "billable": true,
		"goals":                []map[string]int64{{"goal_id": p.GoalID, "intervention_id": p.InterventionID}},
		"peer_action":          "We walked to the library and looked at the community calendar for groups, visit " + strconv.Itoa(w.n) + ".",
		"participant_response": "Participant chose a Saturday art group and said it sounded low-pressure.",
		"next_steps":           "Go to the art group together on Saturday."}
	var created struct {
		ID      int64 `json:"id"`
		Version int   `json:"version"`
	}
	status, err := call(ctx, w.HTTP, w.Base+"/api/v1/notes", w.Token, note, &created)
	switch {
	case errors.As(err, new(fieldError)):
		return "create " + strconv.Itoa(status) + " " + err.Error()
	case err != nil:
		return "error: " + err.Error()
	case status != http.StatusCreated:
		return "create " + strconv.Itoa(status)
	}
	sign := map[string]any{"attestation": seed.Attestation, "version": created.Version}
	if time.Since(start) > 60*time.Hour {
		sign["late_entry_reason"] = "Written up after a week of visits away from the office."
	}
	if w.Grant != "" {
		sign["grant"] = w.Grant
	} else {
		sign["password"] = w.Password
	}
	status, err = call(ctx, w.HTTP, w.Base+"/api/v1/notes/"+strconv.FormatInt(created.ID, 10)+"/sign", w.Token, sign, nil)
	switch {
	case errors.As(err, new(fieldError)):
		return "sign " + strconv.Itoa(status) + " " + err.Error()
	case err != nil:
		return "error: " + err.Error()
	case status != http.StatusOK:
		return "sign " + strconv.Itoa(status)
	}
	if w.Signed != nil {
		w.Signed(created.ID)
	}
	return ""
}

// fieldError is the field an error answer names.
type fieldError string

func (f fieldError) Error() string { return string(f) }

// call POSTs body as JSON and decodes a JSON answer into out (when not
// nil); it returns the status.
func call(ctx context.Context, c *http.Client, url, token string, body, out any) (int, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if out != nil && resp.StatusCode < 300 {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			return resp.StatusCode, err
		}
	}
	if resp.StatusCode >= 400 && resp.StatusCode != http.StatusInternalServerError {
		// Name the field the answer blames, so errors are told apart
		// without logging any record's content.
		var e struct {
			Error struct {
				Field string `json:"field"`
			} `json:"error"`
		}
		if json.NewDecoder(resp.Body).Decode(&e) == nil && e.Error.Field != "" {
			return resp.StatusCode, fieldError(e.Error.Field)
		}
	}
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}
