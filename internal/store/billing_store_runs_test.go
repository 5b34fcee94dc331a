package store_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// The first billing read of a month stores every participant's run a
// chunk of participants at a time: it reads each kind of fact the
// scrubber needs (candidates, enrolments, plans, diagnoses, history,
// the authors' credentials, …) for the whole chunk in one statement, and
// writes the chunk's runs and verdicts in multi-row inserts. Read one
// participant at a time, it made about twenty statements for each
// participant, each a round trip on PostgreSQL. Here 60 participants are
// read four at a time, fifteen chunks: a statement run once for each
// participant runs sixty times, one for each chunk at most seventeen.
// The verdicts are those of the worklist scrubbed afresh, one
// participant at a time with facts read for each service's participant.
func TestFirstBillingReadStoresRunsInChunks(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, from, to := seededForFirstRead(t, db, "chunks")
		db.SetScrubEveryRead(true)
		want, err := db.BillableServices(ctx, a.Billing, a.Program.ID, from, to)
		db.SetScrubEveryRead(false)
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		runs := map[string]int{}
		db.SetStatementHook(func(q string) {
			mu.Lock()
			defer mu.Unlock()
			runs[statementShape(q)]++
		})
		got, err := db.BillableServices(ctx, a.Billing, a.Program.ID, from, to)
		db.SetStatementHook(nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(got.Ready) + len(got.Blocked); n < 150 {
			t.Fatalf("%d services in May; the seed should give hundreds", n)
		}
		for _, list := range []struct {
			name      string
			got, want []goldthread.BillableService
		}{{"ready", got.Ready, want.Ready}, {"blocked", got.Blocked, want.Blocked}} {
			g, _ := json.Marshal(list.got)
			w, _ := json.Marshal(list.want)
			if string(g) != string(w) {
				t.Errorf("the first read's %s services differ from those scrubbed afresh:\n got %.2000s\nwant %.2000s", list.name, g, w)
			}
		}
		if got.ReadyUnits != want.ReadyUnits || got.ReadyCents != want.ReadyCents {
			t.Errorf("the first read's totals %d units %d cents, scrubbed afresh %d units %d cents", got.ReadyUnits, got.ReadyCents,
				want.ReadyUnits, want.ReadyCents)
		}
		chunks := (len(a.Participants) + firstReadChunk - 1) / firstReadChunk
		for q, n := range runs {
			if n > chunks+2 {
				t.Errorf("the first read of May (%d participants, %d chunks) ran %d times: %.160s", len(a.Participants), chunks, n, q)
			}
		}
	})
}

var (
	spaces       = regexp.MustCompile(`\s+`)
	placeholders = regexp.MustCompile(`\?(, \?)*`)
	tuples       = regexp.MustCompile(`\(\?\)(, \(\?\))*`)
)

// statementShape is q whatever the number of its placeholders, VALUES
// tuples and UNION ALL branches: the same statement for a chunk of any size.
func statementShape(q string) string {
	q = tuples.ReplaceAllString(placeholders.ReplaceAllString(spaces.ReplaceAllString(q, " "), "?"), "(?)")
	q, _, _ = strings.Cut(q, " UNION ALL ")
	return q
}
