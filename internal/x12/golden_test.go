package x12

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Regenerate with: go test ./internal/x12/ -run TestGolden -update
// then run the outside checker on every file (see the package README in
// shared/checkers) before committing them.
var update = flag.Bool("update", false, "rewrite testdata/*.golden.837 from the writer's output")

func day(d int) time.Time { return time.Date(2024, 5, d, 0, 0, 0, 0, time.UTC) }

// goldenCases are the files pinned in testdata. Every service line carries
// a modifier so the checker can run with --require-modifier.
var goldenCases = []struct {
	name   string
	header func(*Header)
	claims func() []Claim
}{
	{
		name: "h0038-telehealth",
		claims: func() []Claim {
			return []Claim{newClaim("PSC0001")}
		},
	},
	{
		name: "batch-mixed",
		header: func(h *Header) {
			h.Interchange.ControlNumber = 202
			h.Interchange.Usage = "P"
			h.BatchID = "GT-2024-05-10"
		},
		claims: func() []Claim {
			group := func(c *Claim) {
				withPeer(c)
				c.PriorAuthorization = "NC8G-24-0042"
				c.Lines = []ServiceLine{
					{Procedure: "H0038", Modifiers: []string{"HQ"}, Charge: 1152, Units: 4, DiagnosisPointers: []int{1}, ServiceDate: day(6), ControlNumber: "PSL-1001"},
					{Procedure: "H0038", Modifiers: []string{"HQ", "GT"}, Charge: 576, Units: 2, PlaceOfService: "12", DiagnosisPointers: []int{1, 2}, ServiceDate: day(7), ControlNumber: "PSL-1002"},
					{Procedure: "H0038", Modifiers: []string{"KX"}, Charge: 1197, Units: 1, DiagnosisPointers: []int{2}, ServiceDate: day(8), ControlNumber: "PSL-1003"},
				}
			}
			ben := func(c *Claim) {
				c.Subscriber = Subscriber{
					Name:      PersonName{Last: "Nguyễn", First: "Bảo", Middle: "Q"},
					MemberID:  "900555777R",
					BirthDate: time.Date(1975, 1, 30, 0, 0, 0, 0, time.UTC),
					Gender:    GenderMale,
					Address:   Address{Line1: "7 Oak Ave", Line2: "Apt 2", City: "Cary", State: "nc", ZIP: "275131234"},
				}
				c.Rendering = &RenderingProvider{Name: PersonName{Last: "Diaz", First: "Luis", Suffix: "Jr"}, NPI: peer2NPI, Taxonomy: "175T00000X"}
			}
			return []Claim{
				newClaim("PSC1001", group),
				newClaim("PSC1002", withPeer),
				newClaim("PSC1003", ben),
				newClaim("PSC1004", withChildPatient, func(c *Claim) {
					c.Lines[0].Modifiers = []string{"HA"}
					c.Diagnoses = []string{"F43.10"}
				}),
			}
		},
	},
	{
		name: "replacement-void",
		header: func(h *Header) {
			h.Interchange.ControlNumber = 303
			h.Interchange.AckRequested = true
		},
		claims: func() []Claim {
			return []Claim{
				newClaim("PSC0001R", func(c *Claim) {
					c.Frequency = FrequencyReplacement
					c.PayerClaimControlNumber = "2024130000123"
					c.Lines[0].Units = 3
					c.Lines[0].Charge = 3591
				}),
				newClaim("PSC0002V", func(c *Claim) {
					c.Frequency = FrequencyVoid
					c.PayerClaimControlNumber = "2024130000456"
				}),
			}
		},
	},
	{
		// An agency whose legal name differs from its display name, paid at
		// a post office box (2010AB), billing a payer that wants the
		// rendering peer's taxonomy (2310B PRV*PE).
		name: "billing-identity-pay-to",
		header: func(h *Header) {
			h.Interchange.ControlNumber = 505
			h.BillingProvider.Name = "Hope Peer Services of the Triangle, Inc."
			h.BillingProvider.Address.Line2 = "Suite 200"
			h.PayTo = &Address{Line1: "PO Box 1750", City: "Raleigh", State: "NC", ZIP: "27602"}
		},
		claims: func() []Claim {
			return []Claim{newClaim("PSC3001", withPeer), newClaim("PSC3002", withPeer, withLines(2))}
		},
	},
	{
		name: "split-transactions",
		header: func(h *Header) {
			h.Interchange.ControlNumber = 404
			h.Interchange.GroupControlNumber = 4
			h.MaxClaimsPerTransaction = 2
		},
		claims: func() []Claim {
			return []Claim{
				newClaim("PSC2001"),
				newClaim("PSC2002", withLines(2)),
				newClaim("PSC2003", withPeer),
			}
		},
	},
}

func TestGoldenFiles(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.name, func(t *testing.T) {
			var mut []func(*Header)
			if gc.header != nil {
				mut = append(mut, gc.header)
			}
			got := mustWrite(t, newHeader(mut...), gc.claims()...)
			mustParse(t, got)
			path := filepath.Join("testdata", gc.name+".golden.837")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update if the change is intended)\n got:\n%s\nwant:\n%s", path, got, want)
			}
		})
	}
}
