package seed

import (
	"context"
	"fmt"
	"strconv"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/x12"
)

// A seeded agency bills like a real one (and like the demo): the agency's
// billing identity, the program's payer settings and rates, each peer's
// NPI and verified certification, and each participant's address,
// diagnosis, service order and authorizations, all written through the
// store's own paths before any note, so `claims export`, the worklist and
// the billing dashboard work on the services a real agency would bill.
// Most services are ready; a few are held for true reasons the data
// gives:
//
//   - the notes of the last two weeks await their supervisor's approval
//     (the NC 8G pack asks for it before billing);
//   - one participant in OneWithoutStreet has no street address on file
//     (claim.member: the peer enters it);
//   - one peer in OneLapsed let their certification lapse for LapseDays
//     in the middle of the span (credential.valid: services given while
//     it was lapsed cannot be billed).
//
// Every identifier is invented: NPIs pass the check digit but belong to
// nobody, and the payer settings are marked placeholder, so a seeded
// export is a test file (usage T).
const (
	OneWithoutStreet = 100
	OneLapsed        = 40
	LapseDays        = 30
)

// Rates per 15-minute unit of H0038 (individual and group): the Alliance
// Health rates the demo uses (research S2).
const (
	RateCents      = 1197
	GroupRateCents = 288
)

// AuthorizedUnits is what each yearly authorization allows: about seven
// times what a participant's 50 notes a year use.
const AuthorizedUnits = 480

// peerTaxonomy is the provider taxonomy code of a peer specialist.
const peerTaxonomy = "175T00000X"

// clinicianNPI is the seeded clinician's NPI; the service orders name it.
var clinicianNPI = makeNPI(900_000_001)

// makeNPI is the NPI of ten digits starting with 1 and then n (eight
// digits), with the check digit that makes it pass x12.ValidNPI.
func makeNPI(n int) string {
	base := "1" + fmt.Sprintf("%08d", n%100_000_000)
	for d := range 10 {
		if npi := base + strconv.Itoa(d); x12.ValidNPI(npi) {
			return npi
		}
	}
	panic("seed: no check digit for " + base) // one of ten always passes
}

// billingIdentity is the seeded agency's billing identity: complete,
// invented, marked placeholder.
func billingIdentity() goldthread.BillingIdentity {
	return goldthread.BillingIdentity{LegalName: "Seeded Peer Services, Inc.", NPI: "1234567893", TaxID: "561234567",
		Taxonomy: "251S00000X", Address: goldthread.Address{Line1: "1 Main St", Line2: "Suite 2", City: "Asheville", State: "NC",
			PostalCode: "28801-2416"}, Placeholder: true}
}

// payerSetup gives the program its payer settings and rates, as billing
// staff do on Billing → Payer settings and rates.
func (s *seeder) payerSetup(ctx context.Context) error {
	prog := s.out.Program.ID
	if err := s.db.SetProgramBilling(ctx, s.out.Billing, goldthread.ProgramBilling{ProgramID: prog,
		PayerName: "NC Medicaid Tailored Plan (seed)", PayerID: "NCSEED01", ReceiverName: "Seed Clearinghouse", ReceiverID: "SEEDCH01",
		SenderID: "SEEDPEER01", InterchangeReceiverID: "SEEDCH01", SubmitterID: "SEEDPEER01", ContactName: "Ana Kowalski",
		ContactPhone: "8285550142", Usage: "T", Placeholder: true}); err != nil {
		return fmt.Errorf("seed: payer settings: %w", err)
	}
	for _, r := range []goldthread.BillingRate{
		{ProgramID: prog, Procedure: "H0038", CentsPerUnit: RateCents, Source: "Alliance Health rate per 15-minute unit (research S2)"},
		{ProgramID: prog, Procedure: "H0038", Group: true, CentsPerUnit: GroupRateCents, Source: "Alliance Health group rate per unit (research S2)"},
	} {
		if err := s.db.SetBillingRate(ctx, s.out.Billing, r); err != nil {
			return fmt.Errorf("seed: rate: %w", err)
		}
	}
	return nil
}

// certify records peer i's CPSS, added (and so verified) by their
// supervisor: held from well before the span to well after today, except
// that one peer in OneLapsed let it lapse for LapseDays halfway through
// the span and renewed it then.
func (s *seeder) certify(ctx context.Context, i int, since goldthread.Date) error {
	peer, sup := s.out.Peers[i], s.out.Supervisors[i/TeamSize]
	in := store.CredentialInput{Type: "CPSS", Number: fmt.Sprintf("NC-CPSS-%05d", i+1), Issuer: "NCCPSS Program, UNC School of Social Work",
		Issued: goldthread.DateOf(since.AddDate(0, 0, -200)), Expires: goldthread.DateOf(s.opts.Today.AddDate(0, 0, 400)),
		Evidence: "certificate scanned to the HR file"}
	half := s.span / 2
	lapsed := i%OneLapsed == OneLapsed-1 && half+LapseDays < s.span
	if lapsed {
		in.Expires = goldthread.DateOf(since.AddDate(0, 0, half))
	}
	if _, err := s.db.AddCredential(ctx, sup, peer.UserID, in); err != nil {
		return fmt.Errorf("seed: certification of peer %d: %w", i+1, err)
	}
	if !lapsed {
		return nil
	}
	in.Issued, in.Expires = goldthread.DateOf(since.AddDate(0, 0, half+LapseDays+1)), goldthread.DateOf(s.opts.Today.AddDate(0, 0, 400))
	in.Evidence = "renewal certificate scanned to the HR file"
	if _, err := s.db.AddCredential(ctx, sup, peer.UserID, in); err != nil {
		return fmt.Errorf("seed: renewed certification of peer %d: %w", i+1, err)
	}
	return nil
}

// address is participant i's home address; one in OneWithoutStreet has
// none on file yet (only the city), so their claims wait for it.
func address(i int) goldthread.Address {
	a := goldthread.Address{Line1: fmt.Sprintf("%d Haywood Rd", 10+i%990), City: "Asheville", State: "NC", PostalCode: "28806"}
	if i%OneWithoutStreet == OneWithoutStreet-1 {
		a.Line1 = ""
	}
	return a
}

// eligibility gives participant p what billing needs from the clinician,
// as of since: a primary diagnosis, the service order for peer support,
// and yearly authorizations from since until past the span's end.
func (s *seeder) eligibility(ctx context.Context, i int, p goldthread.Participant, since goldthread.Date) error {
	clin, prog := s.out.Clinician, s.out.Program.ID
	dx := diagnoses[i%len(diagnoses)]
	if err := s.db.AddDiagnosis(ctx, clin, &goldthread.Diagnosis{ParticipantID: p.ID, Code: dx.code, Description: dx.description,
		Primary: true, Since: goldthread.DateOf(since.AddDate(0, 0, -10))}); err != nil {
		return fmt.Errorf("seed: diagnosis %d: %w", i+1, err)
	}
	if err := s.db.AddServiceOrder(ctx, clin, &goldthread.ServiceOrder{ParticipantID: p.ID, ProgramID: prog, Professional: clin.Name,
		Credential: "LCSW", NPI: clinicianNPI, Signed: goldthread.DateOf(since.AddDate(0, 0, -2))}); err != nil {
		return fmt.Errorf("seed: service order %d: %w", i+1, err)
	}
	for k, start := 0, since; !start.After(s.opts.Today.Time); k, start = k+1, goldthread.DateOf(start.AddDate(1, 0, 0)) {
		if err := s.db.AddAuthorization(ctx, clin, &goldthread.Authorization{ParticipantID: p.ID, ProgramID: prog, Payer: "NC Medicaid",
			Number: fmt.Sprintf("PA-NC-%07d-%d", i+1, k+1), Start: start, End: goldthread.DateOf(start.AddDate(1, 0, -1)),
			UnitsAuthorized: AuthorizedUnits}); err != nil {
			return fmt.Errorf("seed: authorization %d: %w", i+1, err)
		}
	}
	return nil
}

// diagnoses are ICD-10-CM codes common in peer support referrals (the
// demo's).
var diagnoses = []struct{ code, description string }{
	{"F33.1", "Major depressive disorder, recurrent, moderate"}, {"F41.1", "Generalized anxiety disorder"},
	{"F43.10", "Post-traumatic stress disorder, unspecified"}, {"F11.20", "Opioid dependence, uncomplicated"},
	{"F31.81", "Bipolar II disorder"}, {"F10.20", "Alcohol dependence, uncomplicated"},
}
