package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/store"
)

// noteFormView is the note form: the note as it stands (or prefilled), the
// choices the program offers, and what the last save said.
type noteFormView struct {
	Participant goldthread.Participant
	Note        goldthread.Note
	New         bool
	Action      string
	Enrollments []goldthread.Enrollment
	Categories  []rules.Category
	Locations   []string
	Modalities  []string
	Chips       []goalChip
	NoPlan      bool
	Required    map[string]bool
	Errors      map[string]string
	Error       string
	Findings    map[string][]coachFinding
	Compliance  *complianceView // payer rule findings of a saved draft (handle_rules.go)
	StartHM     string
	EndHM       string
	ZoneMinutes int
	DraftKey    string // names the device's encrypted copy (autosave.js)
}

// goalChip is one tappable goal/intervention pair of the plan in force.
type goalChip struct {
	Value        string // "goalID:interventionID"
	Goal         string
	Intervention string
	Checked      bool
}

// Field reports the error beside a field, if any.
func (v noteFormView) Field(name string) string { return v.Errors[name] }

// requiredFields maps the pack's required note elements to form fields.
func requiredFields(pack *rules.Pack) map[string]bool {
	out := map[string]bool{"service_date": true, "start": true, "end": true}
	for _, f := range pack.Documentation.RequiredFields.Value {
		switch f {
		case "goal", "intervention":
			out["goals"] = true
		case "location", "modality", "category", "peer_action", "participant_response", "next_steps":
			out[f] = true
		}
	}
	return out
}

// individualCategories are the pack's categories a payer bills (or at
// least lists) for an individual service; group-only ones are left out.
func individualCategories(pack *rules.Pack) []rules.Category {
	var out []rules.Category
	for _, c := range pack.Categories {
		if _, ok := rules.ServiceFor(pack, c.ID, false); ok {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return pack.Categories
	}
	return out
}

// buildNoteForm fills the choices for n (participant p, program of n).
func (s *Server) buildNoteForm(r *http.Request, actor goldthread.Actor, p goldthread.Participant, n goldthread.Note) (noteFormView, error) {
	v := noteFormView{Participant: p, Note: n, Locations: goldthread.NoteLocations, Modalities: goldthread.NoteModalities,
		Errors: map[string]string{}, Findings: map[string][]coachFinding{}}
	for _, e := range p.Enrollments {
		if e.End.IsZero() {
			v.Enrollments = append(v.Enrollments, e)
		}
	}
	var packID string
	for _, e := range p.Enrollments {
		if e.ProgramID == n.ProgramID {
			packID = e.RulePack
		}
	}
	pack, err := s.db.ProgramRules(r.Context(), actor.AgencyID, packID)
	if err != nil {
		return v, goldthread.Errorf(goldthread.ENOTFOUND, "This participant is not enrolled in that program.")
	}
	v.Categories, v.Required = individualCategories(pack), requiredFields(pack)
	day := n.ServiceDate
	if day.IsZero() {
		day = s.todayOf(actor)
	}
	plan, err := s.db.PlanInForce(r.Context(), actor, p.ID, n.ProgramID, day)
	switch goldthread.ErrorKind(err) {
	case "":
		for _, g := range plan.Goals {
			for _, in := range g.Interventions {
				val := fmt.Sprintf("%d:%d", g.ID, in.ID)
				checked := slices.Contains(n.Goals, goldthread.NoteGoal{GoalID: g.ID, InterventionID: in.ID})
				v.Chips = append(v.Chips, goalChip{Value: val, Goal: g.Summary, Intervention: in.Description, Checked: checked})
			}
		}
	case goldthread.ENOTFOUND:
		v.NoPlan = true
	default:
		return v, err
	}
	zone := s.programPrinter(r, actor, n.ProgramID).Zone
	if !n.Start.IsZero() {
		v.StartHM = n.Start.In(zone).Format("15:04")
	}
	if !n.End.IsZero() {
		v.EndHM = n.End.In(zone).Format("15:04")
	}
	_, off := s.db.Now().In(zone).Zone()
	v.ZoneMinutes = off / 60
	if n.ID != 0 && n.Narrative {
		lex, err := s.db.AgencyLexicon(r.Context(), actor.AgencyID, n.ProgramID)
		if err != nil {
			return v, err
		}
		for _, f := range store.NoteCoachFields {
			if fs := coachFindings(s.printer(r), lex, f, store.NoteField(n, f), pack.ID, n.Dismissals); len(fs) > 0 {
				v.Findings[f] = fs
			}
		}
	}
	return v, nil
}

// parseNoteForm reads the note form into a store input. Times are read on
// the service date, on the clock of the program the note is for.
func (s *Server) parseNoteForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) (store.NoteInput, error) {
	if err := s.readForm(w, r); err != nil {
		return store.NoteInput{}, err
	}
	f := r.PostForm
	in := store.NoteInput{Kind: f.Get("kind"), Location: f.Get("location"), Modality: f.Get("modality"), Category: f.Get("category"),
		SingleEventReason: f.Get("single_event_reason"), PeerAction: f.Get("peer_action"),
		ParticipantResponse: f.Get("participant_response"), NextSteps: f.Get("next_steps"), OthersPresent: f.Get("others_present"),
		Billable: f.Get("billable") != "", NonBillableReason: f.Get("non_billable_reason"), Crisis: f.Get("crisis") != "",
		LateEntryReason: f.Get("late_entry_reason")}
	in.ProgramID, _ = strconv.ParseInt(f.Get("program_id"), 10, 64)
	in.Version, _ = strconv.Atoi(f.Get("version"))
	day, err := goldthread.ParseDate(f.Get("service_date"))
	if err != nil {
		return in, goldthread.FieldError("service_date", "Enter the date of the service.")
	}
	in.ServiceDate = day
	zone := s.programPrinter(r, actor, in.ProgramID).Zone
	for _, t := range []struct {
		name string
		dst  *time.Time
	}{{"start", &in.Start}, {"end", &in.End}} {
		hm := strings.TrimSpace(f.Get(t.name))
		if hm == "" {
			continue
		}
		tod, err := time.ParseInLocation("2006-01-02 15:04", day.String()+" "+hm, zone)
		if err != nil {
			return in, goldthread.FieldError(t.name, "Enter the time as hours and minutes, like 14:30.")
		}
		*t.dst = tod.UTC()
	}
	for _, chip := range f["goals"] {
		g, i, _ := strings.Cut(chip, ":")
		gid, err1 := strconv.ParseInt(g, 10, 64)
		iid, err2 := strconv.ParseInt(i, 10, 64)
		if err1 != nil || err2 != nil {
			return in, goldthread.FieldError("goals", "Choose goals from the plan.")
		}
		in.Goals = append(in.Goals, goldthread.NoteGoal{GoalID: gid, InterventionID: iid})
	}
	return in, nil
}

// noteFromInput shows what was typed back in the form after an error.
func noteFromInput(n goldthread.Note, in store.NoteInput) goldthread.Note {
	n.Kind, n.ServiceDate, n.Start, n.End, n.Location, n.Modality, n.Category = in.Kind, in.ServiceDate, in.Start, in.End, in.Location, in.Modality, in.Category
	n.Goals, n.SingleEventReason, n.PeerAction, n.ParticipantResponse = in.Goals, in.SingleEventReason, in.PeerAction, in.ParticipantResponse
	n.NextSteps, n.OthersPresent, n.Billable, n.NonBillableReason, n.Crisis = in.NextSteps, in.OthersPresent, in.Billable, in.NonBillableReason, in.Crisis
	if in.ProgramID != 0 {
		n.ProgramID = in.ProgramID
	}
	return n
}

// handleNoteNew shows an empty note prefilled from context: the
// participant's program, today, the time just past, and the location,
// modality and category of the author's last note for this participant.
func (s *Server) handleNoteNew(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	p, err := s.participantFor(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	n := goldthread.Note{ParticipantID: p.ID, Kind: goldthread.NoteIndividual, Billable: true, Narrative: true, Location: "home", Modality: "in_person"}
	for _, e := range p.Enrollments {
		if e.End.IsZero() && n.ProgramID == 0 {
			n.ProgramID = e.ProgramID
		}
	}
	if n.ProgramID == 0 {
		s.pageError(w, r, actor, goldthread.Errorf(goldthread.EINVALID, "This participant is not enrolled in a program; enroll them before writing a note."))
		return
	}
	last, err := s.db.ListNotes(r.Context(), actor, goldthread.NoteFilter{ParticipantID: p.ID, AuthorID: actor.UserID, Limit: 1})
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if len(last) > 0 {
		n.Location, n.Modality, n.ProgramID = last[0].Location, last[0].Modality, last[0].ProgramID
		n.Category = last[0].Category
	}
	zone := s.programPrinter(r, actor, n.ProgramID).Zone
	now := s.db.Now().In(zone).Truncate(5 * time.Minute)
	n.ServiceDate = goldthread.DateOf(now)
	n.End = now
	n.Start = now.Add(-45 * time.Minute)
	if goldthread.DateOf(n.Start) != n.ServiceDate {
		// Just after midnight on the agency's clock the note is most likely
		// for last evening: propose a 45-minute service ending 23:45 then,
		// which can be signed as it stands (a zero-length one cannot).
		n.ServiceDate = goldthread.DateOf(n.Start)
		n.Start = n.ServiceDate.At(23, 0, zone)
		n.End = n.Start.Add(45 * time.Minute)
	}
	s.renderNoteForm(w, r, actor, p, n, nil, http.StatusOK)
}

// participantFor reads the {id} participant in reach.
func (s *Server) participantFor(r *http.Request, actor goldthread.Actor) (goldthread.Participant, error) {
	id, err := pathID(r)
	if err != nil {
		return goldthread.Participant{}, err
	}
	return s.db.Participant(r.Context(), actor, id)
}

func (s *Server) renderNoteForm(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, p goldthread.Participant, n goldthread.Note, formErr error, status int) {
	v, err := s.buildNoteForm(r, actor, p, n)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	v.New = n.ID == 0
	v.Action, v.DraftKey = fmt.Sprintf("/participants/%d/notes", p.ID), fmt.Sprintf("new-note:%d", p.ID)
	if !v.New {
		v.Action, v.DraftKey = fmt.Sprintf("/notes/%d", n.ID), noteDraftKey(n.ID)
	}
	if !v.New && formErr == nil {
		v.Compliance = s.noteCompliance(r.Context(), actor, n.ID)
	}
	if formErr != nil {
		if f := goldthread.ErrorField(formErr); f != "" {
			v.Errors[f] = s.printer(r).Error(formErr)
		} else {
			v.Error = s.printer(r).Error(formErr)
		}
	}
	pr := s.programPrinter(r, actor, n.ProgramID)
	title := pr.T("notes.new.title", p.DisplayName())
	if !v.New {
		title = pr.T("notes.edit.title", p.DisplayName())
	}
	notice := ""
	if r.URL.Query().Get("saved") == "1" {
		notice = pr.T("notes.saved")
	}
	s.render(w, r, status, "note_form", view{P: pr, Actor: actor, Title: title, Nav: "participants", Notice: notice, Data: v})
}

// noteDraftKey names a saved draft's encrypted copy on the device.
func noteDraftKey(id int64) string { return fmt.Sprintf("note:%d", id) }

// wantsJSON: the page script saves in the background and asks for JSON.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// handleNoteCreate saves a new draft from the form (or the autosave
// script) and continues to its edit page, or to signing.
func (s *Server) handleNoteCreate(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	p, err := s.participantFor(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	in, err := s.parseNoteForm(w, r, actor)
	in.ParticipantID = p.ID
	var n goldthread.Note
	if err == nil {
		n, err = s.db.CreateDraftNote(r.Context(), actor, in)
	}
	s.afterNoteSave(w, r, actor, p, noteFromInput(goldthread.Note{ParticipantID: p.ID, Narrative: true}, in), n, err)
}

// handleNoteSave saves a draft from the form or the autosave script.
func (s *Server) handleNoteSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	cur, p, err := s.noteAndParticipant(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	in, err := s.parseNoteForm(w, r, actor)
	var n goldthread.Note
	if err == nil {
		n, err = s.db.UpdateDraftNote(r.Context(), actor, cur.ID, in)
	}
	// Without the script, a coach finding's Dismiss button submits the
	// whole form: save first, then record the dismissal.
	if d := r.PostForm.Get("dismiss"); err == nil && d != "" {
		parts := strings.SplitN(d, "|", 3)
		if len(parts) == 3 {
			err = s.db.DismissCoachFinding(r.Context(), actor, n.ID, parts[0], parts[1], parts[2], "")
		}
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/notes/%d/edit", n.ID), http.StatusSeeOther)
			return
		}
		typed := noteFromInput(cur, in)
		typed.Version = n.Version
		s.renderNoteForm(w, r, actor, p, typed, err, statusOf(err))
		return
	}
	s.afterNoteSave(w, r, actor, p, noteFromInput(cur, in), n, err)
}

func (s *Server) afterNoteSave(w http.ResponseWriter, r *http.Request, actor goldthread.Actor, p goldthread.Participant, typed, saved goldthread.Note, err error) {
	if wantsJSON(r) {
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": saved.ID, "version": saved.Version,
			"action": fmt.Sprintf("/notes/%d", saved.ID), "edit": fmt.Sprintf("/notes/%d/edit", saved.ID),
			"draft_key": noteDraftKey(saved.ID), "saved_text": s.printer(r).T("drafts.saved_at", s.printer(r).Time(saved.Updated))})
		return
	}
	if err != nil {
		if k := goldthread.ErrorKind(err); k != goldthread.EINVALID && k != goldthread.ECONFLICT {
			s.pageError(w, r, actor, err)
			return
		}
		s.renderNoteForm(w, r, actor, p, typed, err, statusOf(err))
		return
	}
	next := fmt.Sprintf("/notes/%d/edit?saved=1", saved.ID)
	if r.PostForm.Get("next") == "sign" {
		next = fmt.Sprintf("/notes/%d/sign", saved.ID)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// noteAndParticipant reads the {id} note and its participant in reach.
func (s *Server) noteAndParticipant(r *http.Request, actor goldthread.Actor) (goldthread.Note, goldthread.Participant, error) {
	id, err := pathID(r)
	if err != nil {
		return goldthread.Note{}, goldthread.Participant{}, err
	}
	n, err := s.db.Note(r.Context(), actor, id)
	if err != nil {
		return n, goldthread.Participant{}, err
	}
	p, err := s.db.Participant(r.Context(), actor, n.ParticipantID)
	return n, p, err
}

// handleNoteEdit shows a draft in the form (the author's), or sends
// anyone else, and any signed note, to the read-only view.
func (s *Server) handleNoteEdit(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	n, p, err := s.noteAndParticipant(r, actor)
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	if n.Status != goldthread.NoteDraft || n.AuthorID != actor.UserID {
		http.Redirect(w, r, fmt.Sprintf("/notes/%d", n.ID), http.StatusSeeOther)
		return
	}
	s.renderNoteForm(w, r, actor, p, n, nil, http.StatusOK)
}

// handleNoteWords records the participant's own words and typed name (the
// signing page also takes them with the signature) and returns to signing.
func (s *Server) handleNoteWords(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, ok := s.idAndForm(w, r, actor)
	if !ok {
		return
	}
	f := r.PostForm
	version, _ := strconv.Atoi(f.Get("version"))
	if _, err := s.db.AddParticipantWords(r.Context(), actor, id, version, f.Get("participant_words"), f.Get("participant_ack_name")); err != nil {
		s.signRefused(w, r, actor, noteSignView{Words: f.Get("participant_words")}, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/notes/%d/sign", id), http.StatusSeeOther)
}

// handleNoteDismiss records that a coach finding does not apply (JSON for
// the script, a redirect for the plain form).
func (s *Server) handleNoteDismiss(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	id, err := pathID(r)
	if err == nil {
		err = s.readForm(w, r)
	}
	if err == nil {
		f := r.PostForm
		err = s.db.DismissCoachFinding(r.Context(), actor, id, f.Get("field"), f.Get("rule_id"), f.Get("words"), f.Get("reason"))
	}
	if wantsJSON(r) {
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"dismissed": true})
		return
	}
	if err != nil {
		s.pageError(w, r, actor, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/notes/%d/edit", id), http.StatusSeeOther)
}

type coachRequest struct {
	ProgramID     int64  `json:"program_id"`
	ParticipantID int64  `json:"participant_id"`
	Field         string `json:"field"`
	Text          string `json:"text"`
}

// handleNoteCoach answers the form's live coaching: the coach's findings
// for one field's text under the participant's program. It stores nothing.
func (s *Server) handleNoteCoach(w http.ResponseWriter, r *http.Request, actor goldthread.Actor) {
	var req coachRequest
	if err := decodeJSON(r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	if len(req.Text) > 20000 {
		s.apiError(w, r, goldthread.FieldError("text", "The text is too long to coach at once."))
		return
	}
	// Coaching needs only the program's rule pack, not the participant's
	// record: the text is the writer's own, so no record is read and the
	// keystroke batches leave no audit noise.
	prog, err := s.db.Program(r.Context(), actor.AgencyID, req.ProgramID)
	if err != nil {
		s.apiError(w, r, goldthread.FieldError("program_id", "Choose a program of your agency."))
		return
	}
	lex, err := s.db.AgencyLexicon(r.Context(), actor.AgencyID, prog.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"findings": nonNil(coachFindings(s.printer(r), lex, req.Field, req.Text, prog.RulePack, nil))})
}
