package web

import (
	"context"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
)

func init() {
	funcs["lastReturn"] = lastReturn
	funcs["sevClass"] = sevClass
	todaySections = append(todaySections,
		todaySection{Order: 11, Template: "review-queue-section", Load: loadReviewQueueSection},
		todaySection{Order: 12, Template: "review-returned-section", Load: loadReturnedSection})
}

// reviewCountView is the supervisor's Today line: how many notes wait.
type reviewCountView struct{ Awaiting, Returned, Held int }

func loadReviewQueueSection(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if actor.PrimaryRole() != goldthread.RoleSupervisor {
		return nil, false, nil
	}
	q, err := s.db.ReviewQueuePage(ctx, actor, store.ReviewPage{Limit: 1}) // the count, not the notes
	if err != nil {
		return nil, false, err
	}
	return reviewCountView{Awaiting: q.Total, Returned: len(q.Returned), Held: len(q.Held)}, true, nil
}

// loadReturnedSection is a peer's "Returned by your supervisor" list,
// shown only when something was returned.
func loadReturnedSection(ctx context.Context, s *Server, actor goldthread.Actor) (any, bool, error) {
	if !actor.Has(goldthread.RolePeer) {
		return nil, false, nil
	}
	list, err := s.db.ReturnedNotes(ctx, actor)
	if err != nil || len(list) == 0 {
		return nil, false, err
	}
	return list, true, nil
}

// lastReturn is the newest return comment of a thread (nil when none).
func lastReturn(cs []goldthread.ReviewComment) *goldthread.ReviewComment {
	for i := len(cs) - 1; i >= 0; i-- {
		if cs[i].Kind == goldthread.ReviewKindReturn {
			return &cs[i]
		}
	}
	return nil
}

// sevClass maps a finding severity to the coach's CSS classes: block,
// warn or info.
func sevClass(sev string) string {
	switch sev {
	case "block", "block_signing", "block_billing":
		return "block"
	case "warn":
		return "warn"
	}
	return "info"
}
