package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// WorklistPage asks for part of a worklist: the first Limit services of
// each list (ready, blocked), in the order an export claims them; 0 lists
// every one. Totals, counts, blocked groups and placeholders always cover
// the whole period.
type WorklistPage struct {
	Limit int
	// AsStored answers from the stored verdicts as they are, scrubbing
	// none: the participants whose services are not checked since their
	// last change (a stale or missing run) are counted in Pending, their
	// services left out or as last scrubbed. The Billing page reads so
	// and has the rest checked in the background (RefreshVerdicts).
	AsStored bool
}

// BillableServicesPage is BillableServices answering page: the same
// services, totals and groups, read from the stored verdicts
// (billing_verdict.go) brought up to date first, with only the page's
// services decoded. Same errors and audit as BillableServices.
func (db *DB) BillableServicesPage(ctx context.Context, actor goldthread.Actor, programID int64, from, to goldthread.Date, page WorklistPage) (goldthread.BillingWorklist, error) {
	wl := goldthread.BillingWorklist{ProgramID: programID, From: from, To: to}
	if err := billingReader(actor); err != nil {
		return wl, err
	}
	if err := CheckBillingPeriod(from, to); err != nil {
		return wl, err
	}
	if page.Limit < 0 {
		return wl, goldthread.FieldError("limit", "Give how many services to list, 0 for all.")
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		s, st, err := stampedScrubber(ctx, tx, actor, programID)
		if err != nil {
			return err
		}
		if db.scrubEveryRead {
			err = scrubbedWorklist(ctx, tx, s, &wl)
		} else {
			err = storedWorklist(ctx, tx, s, st, &wl, page)
		}
		if err != nil {
			return err
		}
		wl.ReadyCount, wl.BlockedCount = max(wl.ReadyCount, len(wl.Ready)), max(wl.BlockedCount, len(wl.Blocked))
		wl.Usage, wl.Placeholders = s.settings.Usage, englishTexts(wl.PlaceholderTexts)
		ev := auditFor(actor, goldthread.ActionList, "billing_worklist", programID, 0)
		ev.Detail = fmt.Sprintf("period=%s..%s ready=%d blocked=%d", from, to, wl.ReadyCount, wl.BlockedCount)
		return tx.Audit(ctx, ev)
	})
	return wl, err
}

// scrubbedWorklist is the worklist scrubbed for this read, every service
// (the tests' reference, SetScrubEveryRead).
func scrubbedWorklist(ctx context.Context, tx *Tx, s *scrubber, wl *goldthread.BillingWorklist) error {
	groups := newBlockedGroups()
	var rates []goldthread.BillingRate
	err := eachCandidate(ctx, tx, s, wl.From, wl.To, func(sc *scrubbed) error {
		if sc.svc.Ready() {
			rates = placeholderRate(rates, sc)
			wl.Ready = append(wl.Ready, sc.svc)
			wl.ReadyUnits += sc.svc.Units
			wl.ReadyCents += sc.svc.ChargeCents
			return nil
		}
		wl.Blocked = append(wl.Blocked, sc.svc)
		groups.add(sc.svc)
		return nil
	}, func() error { return nil })
	if err != nil {
		return err
	}
	wl.Groups = groups.sorted()
	wl.PlaceholderTexts = s.placeholders(rates)
	return nil
}

// storedWorklist is the worklist from the stored verdicts: totals and
// groups from the period's (billing_period, or added up from its runs),
// only the page's services decoded. With page.AsStored it scrubs none and
// counts in Pending the participants whose runs are stale or missing.
func storedWorklist(ctx context.Context, tx *Tx, s *scrubber, st verdictStamp, wl *goldthread.BillingWorklist, page WorklistPage) error {
	var pt periodTotals
	var err error
	if page.AsStored {
		pt, wl.Pending, err = knownVerdicts(ctx, tx, s, st, wl.From, wl.To)
	} else {
		pt, err = refreshVerdicts(ctx, tx, s, st, wl.From, wl.To)
	}
	if err != nil {
		return err
	}
	period := []any{s.program.ID, wl.From, wl.To}
	const where = ` FROM billing_verdict WHERE program_id = ? AND period_from = ? AND period_to = ?`
	wl.ReadyCount, wl.BlockedCount, wl.ReadyUnits, wl.ReadyCents = pt.ready, pt.blocked, pt.units, pt.cents
	// Each group's example is the first service it blocks.
	counts, firsts, order, rateKeys := pt.counts, pt.firsts, pt.rules, pt.rateKeys
	groups := newBlockedGroups()
	for _, id := range order {
		if groups.byRule[id] != nil {
			continue // an earlier example's service is blocked by it too
		}
		svc, err := firstBlockedBy(ctx, tx, period, firsts[id], id)
		if err != nil {
			return err
		}
		groups.add(svc)
	}
	for id, n := range counts {
		groups.byRule[id].Count = n
	}
	wl.Groups = groups.sorted()
	var rates []goldthread.BillingRate
	for _, key := range rateKeys {
		if rate, ok := s.placeholderRate(key); ok && !containsRate(rates, rate) {
			rates = append(rates, rate)
		}
	}
	wl.PlaceholderTexts = s.placeholders(rates)
	limit := ""
	if page.Limit > 0 {
		limit = " LIMIT " + strconv.Itoa(page.Limit)
	}
	for _, list := range []struct {
		ready bool
		to    *[]goldthread.BillableService
	}{{true, &wl.Ready}, {false, &wl.Blocked}} {
		err := scanAll(ctx, tx, `SELECT service`+where+` AND ready = ? ORDER BY participant_id, position`+limit, append(period, list.ready),
			func(r scanner) error {
				var body string
				if err := r.Scan(&body); err != nil {
					return err
				}
				svc, err := decodeVerdict(body)
				*list.to = append(*list.to, svc)
				return err
			})
		if err != nil {
			return fmt.Errorf("store.BillableServices: %w", err)
		}
	}
	return nil
}

// firstBlockedBy decodes participant pid's first stored service of the
// period that rule blocks.
func firstBlockedBy(ctx context.Context, tx *Tx, period []any, pid int64, rule string) (goldthread.BillableService, error) {
	var found goldthread.BillableService
	err := scanAll(ctx, tx, `SELECT rules, service FROM billing_verdict WHERE program_id = ? AND period_from = ? AND period_to = ?
		AND participant_id = ? AND ready = ? ORDER BY position`, append(period, pid, false), func(r scanner) error {
		var rules, body string
		if err := r.Scan(&rules, &body); err != nil {
			return err
		}
		if found.NoteID != 0 || !slices.Contains(strings.Fields(rules), rule) {
			return nil
		}
		var err error
		found, err = decodeVerdict(body)
		return err
	})
	if err == nil && found.NoteID == 0 {
		err = fmt.Errorf("store.firstBlockedBy: no service of participant %d blocked by %s", pid, rule)
	}
	return found, err
}

func containsRate(rates []goldthread.BillingRate, r goldthread.BillingRate) bool {
	for _, x := range rates {
		if x == r {
			return true
		}
	}
	return false
}

// blockedGroups counts blocked services by rule, each rule once a
// service, keeping the first service's message as the example.
type blockedGroups struct {
	byRule map[string]*goldthread.BlockedGroup
}

func newBlockedGroups() *blockedGroups {
	return &blockedGroups{byRule: map[string]*goldthread.BlockedGroup{}}
}

func (g *blockedGroups) add(svc goldthread.BillableService) {
	seen := map[string]bool{}
	for _, f := range svc.Blocks {
		if seen[f.RuleID] {
			continue
		}
		seen[f.RuleID] = true
		b := g.byRule[f.RuleID]
		if b == nil {
			b = &goldthread.BlockedGroup{RuleID: f.RuleID, WhoActs: f.WhoActs, Fix: f.Fix, Source: f.Source, Example: f.Message,
				FixText: f.FixText, ExampleText: f.MessageText}
			g.byRule[f.RuleID] = b
		}
		b.Count++
	}
}

// sorted lists the groups most frequent first, then by rule.
func (g *blockedGroups) sorted() []goldthread.BlockedGroup {
	var out []goldthread.BlockedGroup
	for _, b := range g.byRule {
		out = append(out, *b)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].RuleID < out[j].RuleID
	})
	return out
}

// verdictFigure is what the billing dashboard adds up of the services of
// one day, readiness and first blocking rule.
type verdictFigure struct {
	day       goldthread.Date
	ready     bool
	firstRule string
	count     int
	units     int
	cents     int64
}

// verdictFigures brings the program's stored verdicts of the period up to
// date, as the worklist does, and adds them up by service date, readiness
// and first blocking rule, only the services staffID gave when it is not
// 0; examples holds, for each first blocking rule, that block of the first
// service it stops. asStored reads the verdicts as they are and counts in
// pending the participants not checked since their last change
// (knownVerdicts). Audited as a worklist read.
func (db *DB) verdictFigures(ctx context.Context, actor goldthread.Actor, programID int64, from, to goldthread.Date, staffID int64, asStored bool) (
	figures []verdictFigure, examples map[string]goldthread.BillingFinding, pending int, err error) {
	if err := billingReader(actor); err != nil {
		return nil, nil, 0, err
	}
	examples = map[string]goldthread.BillingFinding{}
	err = db.WriteTx(ctx, func(tx *Tx) error {
		s, st, err := stampedScrubber(ctx, tx, actor, programID)
		if err != nil {
			return err
		}
		if asStored {
			_, pending, err = knownVerdicts(ctx, tx, s, st, from, to)
		} else {
			_, err = refreshVerdicts(ctx, tx, s, st, from, to)
		}
		if err != nil {
			return err
		}
		q := ` FROM billing_verdict WHERE program_id = ? AND period_from = ? AND period_to = ?`
		args := []any{programID, from, to}
		if staffID != 0 {
			q += " AND author_id = ?"
			args = append(args, staffID)
		}
		// The whole program's figures are kept (billing_day_figure), with
		// the moves of the runs this read stored written first; one
		// author's are added up from their services.
		sums := `SELECT service_date, ready, first_rule, COUNT(*), SUM(units), SUM(charge_cents)` + q + ` GROUP BY service_date, ready, first_rule`
		if staffID == 0 {
			if err := tx.writeDayFigures(ctx); err != nil {
				return err
			}
			sums = `SELECT service_date, ready, first_rule, services, units, cents FROM billing_day_figure
				WHERE program_id = ? AND period_from = ? AND period_to = ? ORDER BY service_date, ready, first_rule`
		}
		ready, blocked := 0, 0
		err = scanAll(ctx, tx, sums, args, func(r scanner) error {
			var f verdictFigure
			if err := r.Scan(&f.day, &f.ready, &f.firstRule, &f.count, &f.units, &f.cents); err != nil {
				return err
			}
			if f.ready {
				ready += f.count
			} else {
				blocked += f.count
			}
			figures = append(figures, f)
			return nil
		})
		if err != nil {
			return fmt.Errorf("store.BillingReport: %w", err)
		}
		for _, f := range figures {
			if f.ready || examples[f.firstRule].RuleID != "" {
				continue
			}
			var body string
			if err := tx.QueryRow(ctx, `SELECT service`+q+` AND ready = ? AND first_rule = ? ORDER BY participant_id, position LIMIT 1`,
				append(args, false, f.firstRule)...).Scan(&body); err != nil {
				return fmt.Errorf("store.BillingReport: %w", err)
			}
			svc, err := decodeVerdict(body)
			if err != nil {
				return err
			}
			examples[f.firstRule] = svc.Blocks[0]
		}
		ev := auditFor(actor, goldthread.ActionList, "billing_worklist", programID, 0)
		ev.Detail = fmt.Sprintf("period=%s..%s ready=%d blocked=%d", from, to, ready, blocked)
		return tx.Audit(ctx, ev)
	})
	return figures, examples, pending, err
}
