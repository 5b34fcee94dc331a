package x12

import (
	"bytes"
	"io"
	"runtime"
	"strconv"
	"testing"
)

// benchClaims returns n claims of linesPer lines each, four claims per
// subscriber, sharing line slices so the input itself stays small.
func benchClaims(n, linesPer int) []Claim {
	base := newClaim("B", withLines(linesPer), withPeer)
	claims := make([]Claim, n)
	for i := range claims {
		c := base
		c.ID = "B" + strconv.Itoa(i)
		c.Subscriber.MemberID = "M" + strconv.Itoa(i/4)
		claims[i] = c
	}
	return claims
}

// countingWriter counts bytes so the benchmark can report throughput
// without keeping the file.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// BenchmarkWrite100kLines writes one file of 10,000 claims × 10 service
// lines per iteration.
func BenchmarkWrite100kLines(b *testing.B) {
	const claims, linesPer = 10_000, 10
	input := benchClaims(claims, linesPer)
	h := newHeader(func(h *Header) { h.LineBreaks = false })
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		cw := &countingWriter{}
		w := NewWriter(cw, h)
		for i := range input {
			if err := w.WriteClaim(input[i]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.SetBytes(size)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(claims*linesPer), "ns/line")
}

// TestWriterMemoryStaysFlat checks that the heap does not grow with the
// number of claims written: the Writer keeps one segment and one claim's
// parties, never the file. It measures memory, not time.
func TestWriterMemoryStaysFlat(t *testing.T) {
	total := 40_000
	if testing.Short() {
		total = 8_000
	}
	base := newClaim("H", withLines(5), withPeer)
	w := NewWriter(io.Discard, newHeader())
	heapAfter := func(n int) uint64 {
		for i := 0; i < n; i++ {
			c := base
			// Fresh strings per claim, as a real caller would have.
			c.ID = "H" + strconv.Itoa(i)
			c.Subscriber.MemberID = "M" + strconv.Itoa(i/3)
			if err := w.WriteClaim(c); err != nil {
				t.Fatal(err)
			}
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	warm := heapAfter(total / 8)
	end := heapAfter(total)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	growth := int64(end) - int64(warm)
	t.Logf("heap after %d claims: %d KiB; after %d more: %d KiB (growth %d KiB)",
		total/8, warm>>10, total, end>>10, growth>>10)
	// A Writer that kept even 16 bytes per claim would grow by over 600 KiB.
	if growth > 256<<10 {
		t.Errorf("heap grew by %d KiB while writing %d claims", growth>>10, total)
	}
}

// BenchmarkRead835 reads a remittance of 500 claims of two lines each.
func BenchmarkRead835(b *testing.B) {
	f := newRemittanceFile()
	r := &f.Remittances[0]
	proto := r.Claims[2]
	r.Claims = nil
	for i := 0; i < 500; i++ {
		c := proto
		c.PatientControlNumber = benchClaimNumber(i)
		r.Claims = append(r.Claims, c)
	}
	var buf bytes.Buffer
	if err := Write835(&buf, f); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read835(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func benchClaimNumber(i int) string { return "GT" + strconv.Itoa(1000000000+i) }
