package x12

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func remitDay(d int) time.Time { return time.Date(2024, 6, d, 0, 0, 0, 0, time.UTC) }

// newRemittanceFile is a check payment of three claims: one paid in part
// with a contractual write-off and a patient share, one denied with a
// remark, one paid in full. It balances.
func newRemittanceFile(mut ...func(*RemittanceFile)) RemittanceFile {
	f := RemittanceFile{
		Interchange: Interchange{
			SenderQualifier: "ZZ", SenderID: "NCMEDICAID", ReceiverQualifier: "ZZ", ReceiverID: "GOLDTHREAD",
			ControlNumber: 901, GroupControlNumber: 901, Created: time.Date(2024, 6, 3, 9, 30, 0, 0, time.UTC), Usage: "T",
			ApplicationSender: "NCMEDICAID", ApplicationReceiver: "GOLDTHREAD",
		},
		LineBreaks: true,
		Remittances: []Remittance{{
			ControlNumber: "0001", Handling: "C", Amount: 8376, CreditDebit: "C", Method: "CHK", PaymentDate: remitDay(3),
			TraceNumber: "CHK0004471", PayerTraceID: "1560000001", ProductionDay: remitDay(1),
			Payer: RemitPayer{Name: "NC MEDICAID", Address: Address{Line1: "PO BOX 30968", City: "RALEIGH", State: "NC", ZIP: "27622"},
				ContactName: "PROVIDER SERVICES", ContactPhone: "8004621845"},
			Payee: RemitPayee{Name: "HOPE PEER SERVICES", NPI: "1234567893", TaxID: "561234567"},
			Claims: []ClaimPayment{
				{
					PatientControlNumber: "GT0000000001", Status: RemitProcessedPrimary, Charge: 4788, Paid: 3600, PatientResponsibility: 300,
					FilingIndicator: "MC", PayerClaimNumber: "2024155000001", Frequency: "1",
					Patient: PersonName{Last: "RIVERA", First: "ANA"}, MemberID: "900123456Q",
					Lines: []LinePayment{{
						Procedure: "H0038", Modifiers: []string{"HQ"}, Charge: 4788, Paid: 3600, Units: 4, ServiceDate: time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC),
						ControlNumber: "N11",
						Adjustments:   []Adjustment{{Group: GroupContractual, Reason: "45", Amount: 888}, {Group: GroupPatient, Reason: "3", Amount: 300}},
						Remarks:       []string{"N130"},
					}},
				},
				{
					PatientControlNumber: "GT0000000002", Status: RemitDenied, Charge: 2394, Paid: 0, FilingIndicator: "MC",
					PayerClaimNumber: "2024155000002", Frequency: "1", Patient: PersonName{Last: "NGUYEN", First: "BAO", Middle: "Q"}, MemberID: "900555777R",
					Adjustments: []Adjustment{{Group: GroupContractual, Reason: "197", Amount: 2394}},
					Remarks:     []string{"N54"},
				},
				{
					PatientControlNumber: "GT0000000003", Status: RemitProcessedPrimary, Charge: 4776, Paid: 4776, FilingIndicator: "MC",
					PayerClaimNumber: "2024155000003", Patient: PersonName{Last: "OKAFOR", First: "CHIDI"}, MemberID: "900777111S",
					Lines: []LinePayment{
						{Procedure: "H0038", Modifiers: []string{"HQ", "GT"}, Charge: 2388, Paid: 2388, Units: 2, ServiceDate: time.Date(2024, 5, 9, 0, 0, 0, 0, time.UTC), ControlNumber: "N12"},
						{Procedure: "H0038", Charge: 2388, Paid: 2388, Units: 2, ServiceDate: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), ControlNumber: "N13"},
					},
				},
			},
		}},
	}
	for _, m := range mut {
		m(&f)
	}
	return f
}

// withRecoupment makes the payment an EFT that takes back an earlier
// payment (a reversal, CLP02 22, and its corrected claim) and recovers an
// overpayment at the provider level (PLB WO).
func withRecoupment(f *RemittanceFile) {
	f.Interchange.ControlNumber, f.Interchange.GroupControlNumber = 902, 902
	r := &f.Remittances[0]
	r.Method, r.Format = "ACH", "CCP"
	r.Bank = [10]string{"01", "053000196", "DA", "1234567890", "1560000001", "", "01", "053112505", "DA", "9876543210"}
	r.TraceNumber = "EFT20240603A"
	r.Claims = []ClaimPayment{
		{
			PatientControlNumber: "GT0000000001", Status: RemitReversal, Charge: -4788, Paid: -3600, PatientResponsibility: -300,
			FilingIndicator: "MC", PayerClaimNumber: "2024155000001", Frequency: "1", Patient: PersonName{Last: "RIVERA", First: "ANA"}, MemberID: "900123456Q",
			Adjustments: []Adjustment{{Group: GroupCorrection, Reason: "45", Amount: -888}, {Group: GroupPatient, Reason: "3", Amount: -300}},
		},
		{
			PatientControlNumber: "GT0000000001", Status: RemitProcessedPrimary, Charge: 4788, Paid: 3000, PatientResponsibility: 300,
			FilingIndicator: "MC", PayerClaimNumber: "2024160000009", Frequency: "1", Patient: PersonName{Last: "RIVERA", First: "ANA"}, MemberID: "900123456Q",
			Adjustments: []Adjustment{{Group: GroupContractual, Reason: "45", Amount: 1488, Quantity: 1}, {Group: GroupPatient, Reason: "3", Amount: 300}},
		},
	}
	r.ProviderAdjustments = []ProviderAdjustment{
		{ProviderID: "1234567893", FiscalPeriodEnd: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), Reason: "WO", Reference: "GT0000000007", Amount: 500},
	}
	r.Amount = -600 - 500
	r.CreditDebit = "D"
	r.Handling = "D"
}

var remitGoldenCases = []struct {
	name string
	file func() RemittanceFile
}{
	{"check-paid-denied", func() RemittanceFile { return newRemittanceFile() }},
	{"eft-reversal-plb", func() RemittanceFile { return newRemittanceFile(withRecoupment) }},
}

func write835(t *testing.T, f RemittanceFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write835(&buf, f); err != nil {
		t.Fatalf("Write835: %v", err)
	}
	return buf.Bytes()
}

// TestRemitGoldenFiles pins the writer's output, and proves each golden
// file round-trips: read, write, byte for byte the same.
func TestRemitGoldenFiles(t *testing.T) {
	for _, gc := range remitGoldenCases {
		t.Run(gc.name, func(t *testing.T) {
			path := filepath.Join("testdata", gc.name+".golden.835")
			got := write835(t, gc.file())
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
				t.Fatalf("output differs from %s (run with -update if intended)\n got:\n%s\nwant:\n%s", path, got, want)
			}
			read, err := Read835(bytes.NewReader(want))
			if err != nil {
				t.Fatalf("Read835(%s): %v", path, err)
			}
			if again := write835(t, *read); !bytes.Equal(again, want) {
				t.Fatalf("read → write of %s differs:\n%s", path, again)
			}
			if !reflect.DeepEqual(*read, gc.file()) {
				t.Fatalf("Read835 = %+v\nwant %+v", *read, gc.file())
			}
		})
	}
}

func TestRemittanceBalances(t *testing.T) {
	for _, gc := range remitGoldenCases {
		if u := gc.file().Remittances[0].Unbalanced(); len(u) != 0 {
			t.Errorf("%s: Unbalanced() = %q, want none", gc.name, u)
		}
	}
	f := newRemittanceFile()
	f.Remittances[0].Claims[0].Lines[0].Paid = 3700
	f.Remittances[0].Claims[0].Paid = 3700
	u := f.Remittances[0].Unbalanced()
	if len(u) != 3 || !strings.Contains(u[0], "GT0000000001 line 1") || !strings.Contains(u[2], "payment 83.76") {
		t.Fatalf("Unbalanced() = %q, want the line, the claim and the payment named", u)
	}
}

func TestRead835Refuses(t *testing.T) {
	good := write835(t, newRemittanceFile())
	claim, err := os.ReadFile("testdata/h0038-telehealth.golden.837")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		in   []byte
		want error
		says string
	}{
		{"an 837P", claim, ErrNotRemittance, "HP"},
		{"truncated", good[:len(good)/2], ErrSyntax, ""},
		{"bad amount", bytes.Replace(good, []byte("CLP*GT0000000002*4*23.94"), []byte("CLP*GT0000000002*4*23,94"), 1), ErrNotRemittance, "23,94"},
		{"bad group", bytes.Replace(good, []byte("CAS*CO*197"), []byte("CAS*XX*197"), 1), ErrNotRemittance, "group code"},
		{"no trace", bytes.Replace(good, []byte("TRN*1*CHK0004471*"), []byte("TRN*1**"), 1), ErrNotRemittance, "TRN02"},
		{"bad date", bytes.Replace(good, []byte("DTM*472*20240508"), []byte("DTM*472*2024058"), 1), ErrNotRemittance, "CCYYMMDD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read835(bytes.NewReader(tc.in))
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("Read835 error = %v, want %v saying %q", err, tc.want, tc.says)
			}
		})
	}
}

func TestWrite835Validates(t *testing.T) {
	f := newRemittanceFile(func(f *RemittanceFile) {
		f.Remittances[0].TraceNumber = "CHK*1"
		f.Remittances[0].Claims[1].Adjustments[0].Group = "ZZ"
		f.Remittances[0].Claims[0].Lines[0].Modifiers = []string{"H:Q"}
	})
	var buf bytes.Buffer
	err := Write835(&buf, f)
	if !errors.Is(err, ErrInvalid) || buf.Len() != 0 {
		t.Fatalf("Write835 = %v with %d bytes, want ErrInvalid and nothing written", err, buf.Len())
	}
	for _, want := range []string{"trace number must not contain", "claim 2 adjustment 1 group", "claim 1 line 1 modifier"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}

func TestParseMoney(t *testing.T) {
	for in, want := range map[string]Money{"": 0, "0": 0, "47.88": 4788, "-10": -1000, ".5": 50, "12.500": 1250, "-0.05": -5} {
		if got, ok := ParseMoney(in); !ok || got != want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"1.234", "1,00", "-", ".", "1e3", "$5", "12345678901234"} {
		if _, ok := ParseMoney(in); ok {
			t.Errorf("ParseMoney(%q) accepted", in)
		}
	}
}

// FuzzRead835 feeds arbitrary bytes to Read835. It never panics, and
// whatever it accepts and Write835 can write reads back to the same file:
// write(read(write(read(x)))) == write(read(x)).
func FuzzRead835(f *testing.F) {
	for _, gc := range remitGoldenCases {
		var buf bytes.Buffer
		if err := Write835(&buf, gc.file()); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte("ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*00501*000000001*0*T*:~GS*HP*A*B*20240101*1200*1*X*005010X221A1~ST*835*0001~BPR*I*0*C*NON~TRN*1*X*1234567890~SE*4*0001~GE*1*1~IEA*1*000000001~"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Read835(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrNotRemittance) {
				t.Fatalf("Read835 error wraps neither ErrSyntax nor ErrNotRemittance: %v", err)
			}
			return
		}
		var first bytes.Buffer
		if err := Write835(&first, *file); err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Write835 error is not a validation error: %v", err)
			}
			return
		}
		again, err := Read835(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("Read835 of written file: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := Write835(&second, *again); err != nil {
			t.Fatalf("Write835 of re-read file: %v", err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("not stable:\n%s\n---\n%s", first.Bytes(), second.Bytes())
		}
	})
}
