package x12

import (
	"bytes"
	"strconv"
	"testing"
	"time"
)

// Valid NPIs (check digit over the 80840 prefix) used by the fixtures.
const (
	agencyNPI = "1234567893"
	peerNPI   = "1447702832"
	peer2NPI  = "1987654328"
)

var created = time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)

// newHeader returns a valid header for a test interchange; mutators adjust it.
func newHeader(mutators ...func(*Header)) Header {
	h := Header{
		Interchange: Interchange{
			SenderQualifier:     "ZZ",
			SenderID:            "GOLDTHREAD",
			ReceiverQualifier:   "ZZ",
			ReceiverID:          "NCMEDICAID",
			ControlNumber:       101,
			Created:             created,
			Usage:               "T",
			ApplicationSender:   "GOLDTHREAD",
			ApplicationReceiver: "NCMEDICAID",
		},
		Submitter: Submitter{
			Name:        "Hope Peer Services",
			ID:          "HOPE001",
			ContactName: "Billing Desk",
			Phone:       "(919) 555-0142",
		},
		Receiver: Receiver{Name: "NC Medicaid", ID: "NCMEDICAID"},
		BillingProvider: BillingProvider{
			Name:     "Hope Peer Services",
			NPI:      agencyNPI,
			TaxID:    "56-1234567",
			Taxonomy: "251S00000X",
			Address: Address{
				Line1: "100 Main St", City: "Raleigh", State: "NC", ZIP: "27601-1234",
			},
		},
		LineBreaks: true,
	}
	for _, m := range mutators {
		m(&h)
	}
	return h
}

// newClaim returns a valid one-line Medicaid claim for H0038 with a
// telehealth modifier; mutators adjust it.
func newClaim(id string, mutators ...func(*Claim)) Claim {
	c := Claim{
		ID: id,
		Subscriber: Subscriber{
			Name:      PersonName{Last: "Rivera", First: "Ana"},
			MemberID:  "900123456Q",
			BirthDate: time.Date(1988, 4, 12, 0, 0, 0, 0, time.UTC),
			Gender:    GenderFemale,
			Address:   Address{Line1: "12 Elm St", City: "Durham", State: "NC", ZIP: "27701"},
		},
		Payer:          Payer{Name: "NC Medicaid", ID: "NCMCD"},
		PlaceOfService: "11",
		Diagnoses:      []string{"F33.2", "F41.1"},
		Lines: []ServiceLine{{
			Procedure:         "H0038",
			Modifiers:         []string{"GT"},
			Charge:            4788,
			Units:             4,
			DiagnosisPointers: []int{1},
			ServiceDate:       time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC),
		}},
	}
	for _, m := range mutators {
		m(&c)
	}
	return c
}

func withLines(n int) func(*Claim) {
	return func(c *Claim) {
		c.Lines = c.Lines[:0]
		for i := range n {
			c.Lines = append(c.Lines, ServiceLine{
				Procedure:         "H0038",
				Modifiers:         []string{"HQ"},
				Charge:            Money(288 * (i%4 + 1)),
				Units:             float64(i%4 + 1),
				DiagnosisPointers: []int{1, 2},
				ServiceDate:       time.Date(2024, 5, 1+i%28, 0, 0, 0, 0, time.UTC),
				ControlNumber:     "L" + c.ID + "-" + strconv.Itoa(i+1),
			})
		}
	}
}

func withPeer(c *Claim) {
	c.Rendering = &RenderingProvider{
		Name:     PersonName{Last: "Okafor", First: "Grace"},
		NPI:      peerNPI,
		Taxonomy: "175T00000X",
	}
}

func withChildPatient(c *Claim) {
	c.Subscriber.BirthDate = time.Time{}
	c.Subscriber.Gender = ""
	c.Patient = &Patient{
		Name:         PersonName{Last: "Rivera", First: "Leo"},
		BirthDate:    time.Date(2010, 9, 3, 0, 0, 0, 0, time.UTC),
		Gender:       GenderMale,
		Address:      c.Subscriber.Address,
		Relationship: "19",
	}
}

// mustWrite writes claims with a new Writer and returns the file.
func mustWrite(tb testing.TB, h Header, claims ...Claim) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, h)
	for _, c := range claims {
		if err := w.WriteClaim(c); err != nil {
			tb.Fatalf("WriteClaim(%s): %v", c.ID, err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatalf("Close: %v", err)
	}
	return buf.Bytes()
}

// mustParse parses a file and verifies its envelope.
func mustParse(tb testing.TB, data []byte) *Document {
	tb.Helper()
	d, err := Parse(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("Parse: %v\n%s", err, data)
	}
	if err := d.VerifyEnvelope(); err != nil {
		tb.Fatalf("VerifyEnvelope: %v\n%s", err, data)
	}
	return d
}
