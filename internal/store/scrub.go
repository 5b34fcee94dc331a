package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/coach"
	"github.com/goldthread/goldthread/internal/rules"
	"github.com/goldthread/goldthread/internal/x12"
)

// Billing's own rules, checked after the compliance engine: what a claim
// needs that the note rules do not decide (a rate, payer settings,
// diagnosis codes, the member's id and address, valid NPIs).
const (
	RuleClaimSettings   = "claim.payer_settings"
	RuleClaimRate       = "claim.rate"
	RuleClaimDiagnosis  = "claim.diagnosis"
	RuleClaimMember     = "claim.member"
	RuleClaimProvider   = "claim.billing_provider"
	RuleClaimRendering  = "claim.rendering_npi"
	RuleClaimCredential = "claim.credential_unverified"
	// RuleClaimRenderingName: the rendering provider's first and last
	// names, typed on the staff page, never split from the display name.
	RuleClaimRenderingName = "claim.rendering_name"
	// RuleClaimRenderingTaxonomy: the payer wants PRV*PE (the program's
	// rule pack says so) and the rendering provider has no taxonomy.
	RuleClaimRenderingTaxonomy = "claim.rendering_taxonomy"
)

// claimParty is the member as the claim names them, kept with the claim so
// a file written again later is the same file.
type claimParty struct {
	First, Last, MemberID, Gender string
	BirthDate                     goldthread.Date
	Line1, City, State, ZIP       string
}

// missing names what the claim's subscriber loop (837P 2010BA: NM1*IL,
// N3, N4, DMG) needs of the participant and their record lacks, as the
// intake form labels it.
func (p claimParty) missing() []goldthread.Text {
	var out []goldthread.Text
	add := func(lacks bool, what goldthread.Text) {
		if lacks {
			out = append(out, what)
		}
	}
	zip := goldthread.Digits(p.ZIP)
	add(strings.TrimSpace(p.MemberID) == "", goldthread.Textf("Medicaid ID"))
	add(p.BirthDate.IsZero(), goldthread.Textf("date of birth"))
	add(strings.TrimSpace(p.Line1) == "", goldthread.Textf("street address"))
	add(strings.TrimSpace(p.City) == "", goldthread.Textf("city"))
	add(len(p.State) != 2, goldthread.Textf("state (two letters)"))
	add(len(zip) != 5 && len(zip) != 9, goldthread.Textf("ZIP code"))
	return out
}

// billingBlock is a billing check's finding: message and fix kept as
// Texts for the reader's printer, with their English beside them for the
// API, the CSV of rule ids and the log.
func billingBlock(id string, who rules.Actor, msg, fix goldthread.Text, source string, status rules.Status) goldthread.BillingFinding {
	return goldthread.BillingFinding{RuleID: id, WhoActs: string(who), Message: msg.String(), Fix: fix.String(),
		MessageText: msg, FixText: fix, Source: source, Status: string(status)}
}

// claimRendering is the rendering provider as the claim names them (837P
// 2310B), kept with the claim like claimParty. Taxonomy is set only when
// the payer wants PRV*PE.
type claimRendering struct {
	First, Last, Taxonomy string
}

// scrubbed is one service after the scrubber: what billing sees, plus
// the member and rendering provider snapshots a claim needs and the rate
// that priced it.
type scrubbed struct {
	svc       goldthread.BillableService
	party     claimParty
	rendering claimRendering
	rate      goldthread.BillingRate
	group     bool
	// freshUntil is when the clock alone may change this verdict (a
	// service dated in the future; a signed note with no signing time,
	// judged as if signed now); zero when never.
	freshUntil time.Time
}

// scrubber checks the services of one program. It reads the program, pack,
// agency, payer settings and rates once, and counts the units it has
// passed as ready but not yet written, so the next services of the same run
// see them as used.
type scrubber struct {
	reader      goldthread.Actor // an internal billing reader: scope for the plan reads
	agency      goldthread.Agency
	program     goldthread.Program
	pack        *rules.Pack
	lexicon     *coach.Lexicon // the agency's word list for this program
	identity    error          // why claims cannot carry the agency's billing identity; nil when they can
	settings    goldthread.ProgramBilling
	hasSettings bool
	rates       map[rateKey][]goldthread.BillingRate
	accepted    []string
	pending     *pendingUnits
	history     *historyBatch // a run's history, read once per participant; nil for one service
	facts       *runFacts     // a run's facts, read once per participant or author; nil for one service
}

func newScrubber(ctx context.Context, tx *Tx, actor goldthread.Actor, programID int64) (*scrubber, error) {
	s := &scrubber{reader: goldthread.Actor{UserID: -1, AgencyID: actor.AgencyID, Roles: []goldthread.Role{goldthread.RoleBilling}},
		pending: newPendingUnits()}
	var err error
	if s.program, err = programInAgency(ctx, tx, actor, programID); err != nil {
		return nil, err
	}
	// The agency's pack: its overrides of unconfirmed values bill too.
	if s.pack, err = AgencyPack(ctx, tx, actor.AgencyID, s.program.RulePack); err != nil {
		return nil, err
	}
	if s.lexicon, err = agencyLexiconTx(ctx, tx, actor.AgencyID, programID); err != nil {
		return nil, err
	}
	if s.agency, err = scanAgency(tx.QueryRow(ctx, "SELECT "+agencyColumns+" FROM agency WHERE id = ?", actor.AgencyID)); err != nil {
		return nil, fmt.Errorf("store.newScrubber: %w", err)
	}
	s.identity = CheckBillingIdentity(s.agency.Billing)
	if s.settings, s.hasSettings, err = programBilling(ctx, tx, programID); err != nil {
		return nil, err
	}
	if s.rates, err = programRates(ctx, tx, programID); err != nil {
		return nil, err
	}
	for _, c := range s.pack.Credentials {
		s.accepted = append(s.accepted, c.Code)
	}
	return s, nil
}

// forget drops the pending counts and the history read (between
// participants: the counts are per participant and their authorizations).
func (s *scrubber) forget() {
	clear(s.pending.auth)
	clear(s.pending.day)
	s.history.forget()
	s.facts.forget()
}

// startRun makes the scrubber read the history and the facts of the run
// over from through to once per participant (or author), not once per
// service, and build the engine's history once per author and participant.
func (s *scrubber) startRun(from, to goldthread.Date) {
	s.history, s.facts = newHistoryBatch(from, to), newRunFacts(from, to)
	s.history.pairs = map[historyPair]*pairHistory{}
}

// claimed records that sc will be written in this run.
func (s *scrubber) claimed(sc *scrubbed) {
	s.pending.auth[sc.svc.AuthorizationID] += sc.svc.Units
	s.pending.day[sc.svc.ServiceDate.String()] += sc.svc.Units
	s.pending.day[fiscalYearStart(s.pack, sc.svc.ServiceDate).String()] += sc.svc.Units
}

// ScrubClaim runs the scrubber on one signed service note of programID as
// billing sees it: the compliance engine with everything it needs (the
// plan in force, the service order, the authorization, the author's
// credentials on the service date, supervisor approval, units already
// billed, the history for overlaps and copies), then billing's own checks.
// The result carries codes, units and amounts, never the narrative.
// Billing staff, administrators and auditors may ask; the read is audited.
func (db *DB) ScrubClaim(ctx context.Context, actor goldthread.Actor, noteID int64) (goldthread.BillableService, error) {
	var out goldthread.BillableService
	if err := billingReader(actor); err != nil {
		return out, err
	}
	err := db.WriteTx(ctx, func(tx *Tx) error {
		var programID int64
		if err := tx.QueryRow(ctx, "SELECT program_id FROM service_note WHERE id = ? AND agency_id = ? AND status = ?",
			noteID, actor.AgencyID, goldthread.NoteSigned).Scan(&programID); err != nil {
			return notFound(err, "No signed note %d in your agency.", noteID)
		}
		s, err := newScrubber(ctx, tx, actor, programID)
		if err != nil {
			return err
		}
		sc, err := s.scrub(ctx, tx, noteID)
		if err != nil {
			return err
		}
		out = sc.svc
		ev := auditFor(actor, goldthread.ActionRead, "billing_service", noteID, out.ParticipantID)
		ev.Detail = "scrub blocks=" + strconv.Itoa(len(out.Blocks))
		return tx.Audit(ctx, ev)
	})
	return out, err
}

// scrub checks one note (scrubNote), read with its goal links.
func (s *scrubber) scrub(ctx context.Context, tx *Tx, noteID int64) (scrubbed, error) {
	n, err := scanNote(tx.QueryRow(ctx, "SELECT "+noteColumns+noteFrom+"WHERE n.id = ? AND n.agency_id = ?", noteID, s.agency.ID), true)
	if err != nil {
		return scrubbed{}, notFound(err, "No note %d in your agency.", noteID)
	}
	if n.Goals, err = noteGoals(ctx, tx, noteID); err != nil {
		return scrubbed{}, err
	}
	return s.scrubNote(ctx, tx, n)
}

// scrubNote checks note n of the scrubber's agency, read with its
// narrative and goal links. The narrative is read for the engine's
// non-covered and copied-text rules and never leaves this function.
func (s *scrubber) scrubNote(ctx context.Context, tx *Tx, n goldthread.Note) (scrubbed, error) {
	var sc scrubbed
	var err error
	if sc.party, err = s.facts.party(ctx, tx, n); err != nil {
		return sc, err
	}
	var npi string
	if sc.rendering, npi, err = s.facts.rendering(ctx, tx, n.AuthorID); err != nil {
		return sc, err
	}
	p := &sc.party
	sc.group = n.Kind == goldthread.NoteGroup
	v := &sc.svc
	*v = goldthread.BillableService{NoteID: n.ID, ParticipantID: n.ParticipantID, ParticipantName: strings.TrimSpace(p.First + " " + p.Last),
		MemberID: p.MemberID, ProgramID: n.ProgramID, AuthorID: n.AuthorID, AuthorName: n.AuthorName, RenderingNPI: npi, Kind: n.Kind,
		ServiceDate: n.ServiceDate, Start: n.Start, End: n.End, Minutes: n.Minutes(), Blocks: []goldthread.BillingFinding{}}

	in, err := s.engineInput(ctx, tx, n, &sc)
	if err != nil {
		return sc, err
	}
	for _, f := range rules.Check(in) {
		if f.Severity == rules.BlockBilling || f.Severity == rules.BlockSigning {
			v.Blocks = append(v.Blocks, goldthread.BillingFinding{RuleID: f.RuleID, Message: f.Message, Fix: f.Fix, MessageText: f.MessageText, FixText: f.FixText,
				WhoActs: string(f.WhoActs), Source: f.Source, Status: string(f.Status)})
		}
	}
	s.mapService(n, &sc)
	if err := s.claimChecks(ctx, tx, n, &sc); err != nil {
		return sc, err
	}
	return sc, nil
}

// engineInput is the compliance Input for n as every check builds it
// (noteCheckInput), with this run's pending units; the claim line takes
// the authorization it picked. An unverified certification blocks billing
// on its own.
func (s *scrubber) engineInput(ctx context.Context, tx *Tx, n goldthread.Note, sc *scrubbed) (rules.Input, error) {
	in, auth, err := noteCheckInput(ctx, tx, n, checkContext{pack: s.pack, lexicon: s.lexicon, pending: s.pending, history: s.history, facts: s.facts})
	if err != nil {
		return in, err
	}
	sc.svc.AuthorizationID, sc.svc.AuthorizationNumber = auth.id, auth.number
	sc.freshUntil = clockBound(in, tx.now)
	list, err := s.facts.credentials(ctx, tx, s.agency.ID, n.AuthorID)
	if err != nil {
		return in, err
	}
	if chk := CheckCredentials(list, n.AuthorID, n.ServiceDate, s.accepted...); chk.Reason == goldthread.CredentialUnverified {
		sc.svc.Blocks = append(sc.svc.Blocks, billingBlock(RuleClaimCredential, rules.Supervisor,
			goldthread.Textf("The author's certification on file for %s is not verified yet.", n.ServiceDate.String()),
			goldthread.Textf("A supervisor checks the certification with the certifying body and marks it verified."),
			"Goldthread billing check (credentials are verified before billing)", rules.StatusConfirmed))
	}
	return in, nil
}

// clockBound is the first instant at which the rules could judge in
// differently by the clock alone, after now; zero when never. A signed
// note is judged as of its signature, except that one dated in the future
// stops being so once its start passes (once its date begins, earliest
// in any zone, when it has no times), and one with no signing time is
// judged as if signed now.
func clockBound(in rules.Input, now time.Time) time.Time {
	switch {
	case in.Note.SignedAt.IsZero():
		return now
	case !in.Note.Start.IsZero():
		if in.Note.Start.After(now) {
			return in.Note.Start
		}
	default:
		if day := in.Note.ServiceDate.Add(-14 * time.Hour); day.After(now) {
			return day
		}
	}
	return time.Time{}
}

// noncoveredPhrases are the coach's non-covered activity phrases in the
// narrative, for the engine's non-covered rule.
func noncoveredPhrases(n goldthread.Note, pack *rules.Pack, lex *coach.Lexicon) []string {
	var out []string
	for _, field := range NoteCoachFields {
		for _, f := range coach.CoachText(NoteField(n, field), coach.Context{Program: pack.ID, Lexicon: lex}) {
			if f.Category == coach.CategoryNoncovered {
				out = append(out, f.Words)
			}
		}
	}
	return out
}

// mapService fills the claim line values through the rule pack: HCPCS
// code from the category, units from minutes with the pack's rounding,
// modifiers from the group and modality, place of service from the
// location and modality, and the charge from the program's rate.
func (s *scrubber) mapService(n goldthread.Note, sc *scrubbed) {
	v := &sc.svc
	svc, ok := rules.ServiceFor(s.pack, n.Category, sc.group)
	if ok {
		v.Procedure = svc.Code
		v.Units = rules.UnitsFor(s.pack, svc, v.Minutes)
		v.Modifiers = rules.Modifiers(s.pack, svc, rules.Modality(n.Modality), sc.group)
	} else {
		v.Units = rules.Units(s.pack, v.Minutes)
	}
	v.PlaceOfService, _ = rules.PlaceOfService(s.pack, rules.Location(n.Location), rules.Modality(n.Modality))
	if !ok {
		return // the engine already reported the missing service code
	}
	// The rate in effect on the service date: a later rate never
	// re-prices a service delivered before it.
	history := s.rates[rateKey{svc.Code, sc.group}]
	rate, found := rateOn(history, n.ServiceDate)
	if !found {
		var code any = svc.Code
		if sc.group {
			code = goldthread.Textf("%s (group)", svc.Code)
		}
		msg := goldthread.Textf("No rate per unit is set for %s in %s.", code, s.program.Name)
		if len(history) > 0 {
			msg = goldthread.Textf("No rate per unit of %s in %s is in effect on %s; the first takes effect on %s.", code,
				s.program.Name, n.ServiceDate.String(), history[0].EffectiveFrom.String())
		}
		v.Blocks = append(v.Blocks, billingBlock(RuleClaimRate, rules.Billing, msg,
			goldthread.Textf("Billing staff set the program's rate per unit from the payer's fee schedule, in effect on the service date."),
			"Agency billing settings", rules.StatusConfirmed))
		return
	}
	sc.rate = rate
	v.RateCents, v.RatePlaceholder = rate.CentsPerUnit, rate.Placeholder
	v.ChargeCents = rate.CentsPerUnit * int64(v.Units)
}

// claimChecks are what the 837P needs beyond the note rules.
func (s *scrubber) claimChecks(ctx context.Context, tx *Tx, n goldthread.Note, sc *scrubbed) error {
	v := &sc.svc
	block := func(id string, who rules.Actor, msg, fix goldthread.Text) {
		v.Blocks = append(v.Blocks, billingBlock(id, who, msg, fix, "837P 005010X222A1 (what the claim file must carry)", rules.StatusConfirmed))
	}
	if !s.hasSettings {
		block(RuleClaimSettings, rules.Billing, goldthread.Textf("The program has no payer and interchange settings."),
			goldthread.Textf("Billing staff enter the payer id, receiver and interchange ids agreed with the payer."))
	}
	rows, err := s.facts.diagnoses(ctx, tx, s.agency.ID, n)
	if err != nil {
		return err
	}
	v.Diagnoses = claimDiagnoses(rows, n.ServiceDate)
	if len(v.Diagnoses) == 0 {
		block(RuleClaimDiagnosis, rules.Clinician, goldthread.Textf("No diagnosis is on file for the participant on the service date."),
			goldthread.Textf("The clinician records the diagnosis (ICD-10-CM) that makes the participant eligible."))
	}
	if missing := sc.party.missing(); len(missing) > 0 {
		// Billing staff cannot change a participant's record; their peer
		// specialist (or the supervisor or a clinician) can.
		what := goldthread.TextJoin(missing, ", ")
		block(RuleClaimMember, rules.Peer, goldthread.Textf("The claim needs the participant's %s; their record has none.", what),
			goldthread.Textf("Their peer specialist (or supervisor) enters the %s on the participant's page, Update details.", what))
	}
	if s.identity != nil {
		block(RuleClaimProvider, rules.Administrator, goldthread.Textf("The agency's billing identity cannot go on a claim: %s", goldthread.Reason(s.identity)),
			goldthread.Textf("An administrator completes the agency's billing identity on Settings → Billing identity."))
	}
	if v.RenderingNPI != "" && !x12.ValidNPI(v.RenderingNPI) {
		block(RuleClaimRendering, rules.Billing, goldthread.Textf("The rendering peer specialist's NPI fails the NPI check digit."),
			goldthread.Textf("Correct the peer specialist's NPI on their staff record."))
	}
	s.renderingChecks(v, &sc.rendering)
	return nil
}

// renderingChecks are what loop 2310B needs of the person who rendered
// the service, when the claim names them (they have an NPI): their first
// and last names as typed on the staff page, never split from the one name
// field, and their taxonomy when the payer wants PRV*PE. The taxonomy is
// dropped from the snapshot when the payer does not want it.
func (s *scrubber) renderingChecks(v *goldthread.BillableService, rp *claimRendering) {
	wantPRV := s.pack.Claim.RenderingTaxonomy
	if !wantPRV.Value {
		rp.Taxonomy = ""
	}
	if v.RenderingNPI == "" {
		return
	}
	if strings.TrimSpace(rp.First) == "" || strings.TrimSpace(rp.Last) == "" {
		v.Blocks = append(v.Blocks, billingBlock(RuleClaimRenderingName, rules.Administrator,
			goldthread.Textf("%s's first and last names are not on file; the claim names the rendering provider by each (837P NM1*82), and Goldthread never guesses them from the full name.", v.AuthorName),
			goldthread.Textf("Enter %s's first and last names on the staff page.", v.AuthorName),
			"837P 005010X222A1 loop 2310B, NM1*82 (rendering provider last and first name)", rules.StatusConfirmed))
	}
	if wantPRV.Value && rp.Taxonomy == "" {
		v.Blocks = append(v.Blocks, billingBlock(RuleClaimRenderingTaxonomy, rules.Administrator,
			goldthread.Textf("The payer wants the rendering provider's taxonomy code (837P PRV*PE) and none is on file for %s.", v.AuthorName),
			goldthread.Textf("Enter %s's taxonomy code (peer specialist: 175T00000X) on the staff page.", v.AuthorName),
			wantPRV.Source, wantPRV.Status))
	}
}
