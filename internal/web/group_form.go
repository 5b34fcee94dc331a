package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

// parseGroupForm reads the group session form: the details (times HH:MM on
// the date, on the agency's clock), and the roster: each "member" with its
// "present.ID", "response.ID" and "goal.ID" fields, plus every "add"
// checked (a new member, present). The new-session page has no members
// yet, so its checked names are the whole roster. It also returns the
// times as typed, to show them back after a refusal.
func (s *Server) parseGroupForm(r *http.Request, actor goldthread.Actor) (store.GroupSessionInput, string, string) {
	f := r.PostForm
	in := store.GroupSessionInput{CoFacilitators: f.Get("co_facilitators"), Topic: f.Get("topic"), Location: f.Get("location"),
		Modality: f.Get("modality"), Category: f.Get("category"), SharedDescription: f.Get("shared_description"), NextSteps: f.Get("next_steps")}
	in.ProgramID, _ = strconv.ParseInt(f.Get("program_id"), 10, 64)
	in.Version, _ = strconv.Atoi(f.Get("version"))
	in.ServiceDate, _ = goldthread.ParseDate(f.Get("service_date"))
	zone := s.programPrinter(r, actor, in.ProgramID).Zone
	at := func(hm string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", in.ServiceDate.String()+" "+strings.TrimSpace(hm), zone)
		if err != nil || in.ServiceDate.IsZero() {
			return time.Time{}
		}
		return t
	}
	in.Start, in.End = at(f.Get("start")), at(f.Get("end"))
	in.Attendees = []goldthread.GroupAttendee{}
	for _, v := range append(f["member"], f["add"]...) {
		pid, err := strconv.ParseInt(v, 10, 64)
		if err != nil || slices.ContainsFunc(in.Attendees, func(a goldthread.GroupAttendee) bool { return a.ParticipantID == pid }) {
			continue
		}
		key := "." + v
		a := goldthread.GroupAttendee{ParticipantID: pid, Present: f.Get("present"+key) != "" || !slices.Contains(f["member"], v),
			Response: f.Get("response" + key)}
		for _, chip := range f["goal"+key] {
			g, i, _ := strings.Cut(chip, ":")
			gid, _ := strconv.ParseInt(g, 10, 64)
			iid, _ := strconv.ParseInt(i, 10, 64)
			if gid != 0 {
				a.Goals = append(a.Goals, goldthread.NoteGoal{GoalID: gid, InterventionID: iid})
			}
		}
		in.Attendees = append(in.Attendees, a)
	}
	return in, f.Get("start"), f.Get("end")
}

// groupOf is what was typed (in) over the stored session g, so a refused
// form shows every line as it was, never the older saved text.
func groupOf(in store.GroupSessionInput, g goldthread.GroupSession) goldthread.GroupSession {
	names := map[int64]string{}
	for _, a := range g.Attendees {
		names[a.ParticipantID] = a.Name
	}
	g.CoFacilitators, g.Topic, g.Location, g.Modality, g.Category = in.CoFacilitators, in.Topic, in.Location, in.Modality, in.Category
	g.SharedDescription, g.NextSteps = in.SharedDescription, in.NextSteps
	if !in.ServiceDate.IsZero() {
		g.ServiceDate = in.ServiceDate
	}
	if !in.Start.IsZero() && !in.End.IsZero() {
		g.Start, g.End = in.Start, in.End
	}
	g.Attendees = nil
	for _, a := range in.Attendees {
		a.Name = names[a.ParticipantID]
		if a.Name == "" {
			continue // added but not saved: it stays offered among those who may join
		}
		g.Attendees = append(g.Attendees, a)
	}
	return g
}
