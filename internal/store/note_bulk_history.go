package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/rules"
)

// carry adds note n, just signed in the load's transaction, to the sides
// of the history already read, where a read would now find it: its
// author's and its participant's notes around the period (start order, as
// scanOverlap gives them) and newest (newest first, cut at
// recentHistory+1, as scanRecent gives them, with the text signature
// signing stored). A side not read yet is left alone: its first read
// will find n in the database.
func (hb *historyBatch) carry(n goldthread.Note) {
	around := rules.HistoryNote{ID: strconv.FormatInt(n.ID, 10), AuthorID: strconv.FormatInt(n.AuthorID, 10),
		ParticipantID: strconv.FormatInt(n.ParticipantID, 10), Start: n.Start, End: n.End,
		Group: n.Kind == goldthread.NoteGroup, Billable: n.Billable}
	clear(hb.pairs) // built from the lists this changes
	recent := around
	text := noteTextSignature(n)
	recent.Text = &text
	// A note of a group session keeps its session in the overlap list; a
	// load writes no group notes, so n has none (insertDraftTx with 0).
	for _, side := range []historySide{{false, n.AuthorID}, {true, n.ParticipantID}} {
		if n.Start.After(hb.lo) && n.Start.Before(hb.hi) {
			if list, ok := hb.around[side]; ok {
				h := historyNote{id: n.ID, start: n.Start, end: n.End, note: around}
				i, _ := slices.BinarySearchFunc(list, h, func(a, b historyNote) int {
					return cmp.Or(a.start.Compare(b.start), cmp.Compare(a.id, b.id))
				})
				hb.around[side] = slices.Insert(list, i, h)
			}
		}
		if list, ok := hb.newest[side]; ok {
			h := historyNote{id: n.ID, start: n.Start, end: n.End, note: recent}
			i, _ := slices.BinarySearchFunc(list, h, func(a, b historyNote) int {
				return cmp.Or(b.start.Compare(a.start), cmp.Compare(b.id, a.id))
			})
			list = slices.Insert(list, i, h)
			if len(list) > recentHistory+1 {
				list = list[:recentHistory+1]
			}
			hb.newest[side] = list
		}
	}
}

// verify compares draft id's history as the load carries it with the
// history read from the database in tx, the way SignNote reads it.
func (l *NoteLoad) verify(ctx context.Context, tx *Tx, author goldthread.Actor, id int64) error {
	n, err := loadNote(ctx, tx, author, id)
	if err != nil {
		return err
	}
	read, err := historyList(ctx, tx, n, nil)
	if err != nil {
		return err
	}
	carried, err := historyList(ctx, tx, n, l.history)
	if err != nil {
		return err
	}
	if len(read) != len(carried) {
		return goldthread.Errorf(goldthread.EINTERNAL, "Note %d: the load carried %d past %{note|notes}, the database holds %d.", id, len(carried), len(read))
	}
	for i := range read {
		if !sameHistoryNote(read[i], carried[i]) {
			return goldthread.Errorf(goldthread.EINTERNAL, "Note %d: past note %d differs: carried %s, read %s.", id, i, describeHistoryNote(carried[i]), describeHistoryNote(read[i]))
		}
	}
	return nil
}

func sameHistoryNote(a, b rules.HistoryNote) bool {
	if a.ID != b.ID || a.AuthorID != b.AuthorID || a.ParticipantID != b.ParticipantID || !a.Start.Equal(b.Start) || !a.End.Equal(b.End) ||
		a.Group != b.Group || a.GroupSession != b.GroupSession || a.Billable != b.Billable || a.Narrative != b.Narrative || (a.Text == nil) != (b.Text == nil) {
		return false
	}
	return a.Text == nil || a.Text.Encode() == b.Text.Encode()
}

func describeHistoryNote(h rules.HistoryNote) string {
	return fmt.Sprintf("{id %s author %s participant %s %s-%s group %v/%s billable %v text %v}", h.ID, h.AuthorID, h.ParticipantID,
		h.Start.UTC().Format("2006-01-02 15:04:05"), h.End.UTC().Format("15:04:05"), h.Group, h.GroupSession, h.Billable, h.Text != nil)
}
