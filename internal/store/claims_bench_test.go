package store

import (
	"io"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/x12"
)

// BenchmarkExport100kServices maps 100,000 signed services to claim lines
// through the NC 8G pack (code, units, modifiers, place of service, rate)
// and streams them as 837P claims of five lines each to io.Discard, the
// path of WriteClaimBatch without the database. It reports the peak live
// heap sampled every 1,000 claims.
//
//	go test ./internal/store -run '^$' -bench Export100k -benchmem
func BenchmarkExport100kServices(b *testing.B) {
	pack, err := RulePack("us-nc-medicaid-8g-pss")
	if err != nil {
		b.Fatal(err)
	}
	s := &scrubber{pack: pack, program: goldthread.Program{Name: "NC"}, rates: map[rateKey][]goldthread.BillingRate{
		{"H0038", false}: {{CentsPerUnit: 1197}}, {"H0038", true}: {{CentsPerUnit: 288}}}}
	h := x12.Header{
		Interchange: x12.Interchange{SenderQualifier: "ZZ", SenderID: "BENCH01", ReceiverQualifier: "ZZ", ReceiverID: "DEMOCH01",
			ControlNumber: 1, Created: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Usage: "T", ApplicationSender: "BENCH01", ApplicationReceiver: "DEMOCH01"},
		Submitter: x12.Submitter{Name: "Bench Agency", ID: "BENCH01", Phone: "8285550100"},
		Receiver:  x12.Receiver{Name: "Demo Clearinghouse", ID: "DEMOCH01"},
		BillingProvider: x12.BillingProvider{Name: "Bench Agency", NPI: "1234567893", TaxID: "561234567", Taxonomy: "251S00000X",
			Address: x12.Address{Line1: "1 Main St", City: "Asheville", State: "NC", ZIP: "288012416"}},
	}
	locations := []string{"home", "office", "community"}
	modalities := []string{"in_person", "in_person", "video", "audio_only"}
	const services, perClaim = 100_000, 5
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		w := x12.NewWriter(io.Discard, h)
		c := x12.Claim{}
		for i := 0; i < services; i++ {
			start := time.Date(2026, 2, 1+i%28, 9+i%8, 0, 0, 0, time.UTC)
			n := goldthread.Note{ID: int64(i + 1), Kind: goldthread.NoteIndividual, Category: "peer_mentoring_coaching",
				Location: locations[i%3], Modality: modalities[i%4], ServiceDate: goldthread.DateOf(start), Start: start,
				End: start.Add(time.Duration(30+i%40) * time.Minute)}
			sc := scrubbed{svc: goldthread.BillableService{NoteID: n.ID, Minutes: n.Minutes(), ServiceDate: n.ServiceDate}}
			s.mapService(n, &sc)
			if len(c.Lines) == 0 {
				member := i / perClaim
				c = x12.Claim{ID: goldthread.ClaimNumber(int64(member + 1)), PlaceOfService: sc.svc.PlaceOfService, Diagnoses: []string{"F33.1"},
					Subscriber: x12.Subscriber{Name: x12.PersonName{Last: "Member" + strconv.Itoa(member), First: "Sam"}, MemberID: "AB" + strconv.Itoa(100000+member),
						BirthDate: time.Date(1980, 5, 1, 0, 0, 0, 0, time.UTC), Gender: "F",
						Address: x12.Address{Line1: "2 Oak St", City: "Asheville", State: "NC", ZIP: "28803"}},
					Payer: x12.Payer{Name: "NC Medicaid", ID: "NCDEMO01"}, Lines: make([]x12.ServiceLine, 0, perClaim)}
			}
			l := x12.ServiceLine{Procedure: sc.svc.Procedure, Modifiers: sc.svc.Modifiers, Charge: x12.Money(sc.svc.ChargeCents),
				Units: float64(sc.svc.Units), ServiceDate: n.ServiceDate.Time, ControlNumber: "N" + strconv.FormatInt(n.ID, 10)}
			if sc.svc.PlaceOfService != c.PlaceOfService {
				l.PlaceOfService = sc.svc.PlaceOfService
			}
			c.Lines = append(c.Lines, l)
			if len(c.Lines) == perClaim {
				if err := w.WriteClaim(c); err != nil {
					b.Fatal(err)
				}
				c.Lines = nil
				if (i/perClaim)%1000 == 0 {
					var m runtime.MemStats
					runtime.ReadMemStats(&m)
					peak = max(peak, m.HeapAlloc)
				}
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(services, "services/op")
}
