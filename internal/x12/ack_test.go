package x12

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

// ackFile reads a testdata acknowledgment and fills its placeholders (the
// batch's group control number, the claim number, the 277CA category and
// action, the amount and the payer's claim number), so store and web tests
// can acknowledge the files they export.
func ackFile(t testing.TB, name string, fill map[string]string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for k, v := range fill {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return []byte(s)
}

func TestRead999(t *testing.T) {
	a, err := ReadAcknowledgment(bytes.NewReader(ackFile(t, "accepted.999", map[string]string{"GCN": "42"})))
	if err != nil {
		t.Fatal(err)
	}
	if a.Kind != "999" || len(a.Groups) != 1 || a.Groups[0].GroupControlNumber != 42 || !a.Groups[0].Accepted() ||
		a.Groups[0].Sets[0].Code != "A" || a.Interchange.ControlNumber != 801 {
		t.Fatalf("accepted 999: %+v", a)
	}
	a, err = ReadAcknowledgment(bytes.NewReader(ackFile(t, "rejected.999", map[string]string{"GCN": "42"})))
	if err != nil {
		t.Fatal(err)
	}
	g := a.Groups[0]
	if g.Accepted() || g.Code != "R" || len(g.Sets[0].Errors) != 2 || !strings.Contains(g.Sets[0].Errors[0], "CLM") {
		t.Fatalf("rejected 999: %+v", g)
	}
}

func TestRead277CA(t *testing.T) {
	fill := map[string]string{"GCN": "42", "CLM": "GT0000000007", "CAT": "A2:20", "ACT": "WQ", "AMT": "35.91", "ICN": "2026092000123"}
	a, err := ReadAcknowledgment(bytes.NewReader(ackFile(t, "claims.277", fill)))
	if err != nil {
		t.Fatal(err)
	}
	// The line's own rejection (STC after SVC) is not the claim's status.
	want := ClaimAcknowledgment{PatientControlNumber: "GT0000000007", Category: "A2", Status: "20", Action: "WQ", Amount: 3591, PayerClaimNumber: "2026092000123"}
	if a.Kind != "277CA" || len(a.Claims) != 1 || a.Claims[0] != want || !a.Claims[0].Accepted() {
		t.Fatalf("277CA: %+v", a)
	}
	fill["CAT"], fill["ACT"] = "A7:562:85", "U"
	a, err = ReadAcknowledgment(bytes.NewReader(ackFile(t, "claims.277", fill)))
	if err != nil || !a.Claims[0].Rejected() || a.Claims[0].Accepted() || a.Claims[0].Entity != "85" {
		t.Fatalf("rejected 277CA: %+v %v", a, err)
	}
}

func TestReadAcknowledgmentRefuses(t *testing.T) {
	remit := write835(t, newRemittanceFile())
	if _, err := ReadAcknowledgment(bytes.NewReader(remit)); !errors.Is(err, ErrNotAcknowledgment) {
		t.Fatalf("an 835: %v", err)
	}
	half := ackFile(t, "accepted.999", map[string]string{"GCN": "42"})
	if _, err := ReadAcknowledgment(bytes.NewReader(half[:len(half)/2])); !errors.Is(err, ErrSyntax) {
		t.Fatalf("truncated: %v", err)
	}
	bad := ackFile(t, "accepted.999", map[string]string{"GCN": "x"})
	if _, err := ReadAcknowledgment(bytes.NewReader(bad)); !errors.Is(err, ErrNotAcknowledgment) {
		t.Fatalf("bad group number: %v", err)
	}
}

// FuzzReadAcknowledgment: whatever the bytes, ReadAcknowledgment returns
// an acknowledgment or an error of the documented kinds, never a panic.
func FuzzReadAcknowledgment(f *testing.F) {
	f.Add(ackFile(f, "accepted.999", map[string]string{"GCN": "42"}))
	f.Add(ackFile(f, "claims.277", map[string]string{"GCN": "1", "CLM": "GT1", "CAT": "A2:20", "ACT": "WQ", "AMT": "1", "ICN": "9"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := ReadAcknowledgment(bytes.NewReader(data)); err != nil &&
			!errors.Is(err, ErrSyntax) && !errors.Is(err, ErrNotAcknowledgment) {
			t.Fatalf("unexpected error kind: %v", err)
		}
	})
}
