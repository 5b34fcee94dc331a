package rules

import (
	"unicode"
	"unicode/utf8"
)

// Cloned-text detection uses MinHash signatures of word 3-gram shingles:
// the share of equal signature slots estimates the Jaccard similarity of
// two narratives' shingle sets. (History.MostSimilar compares against
// every note of the author and the participant, which the caller bounds.)
const (
	sigSize     = 128 // slots; estimate error about 0.03 near 0.9 similarity
	shingleSize = 3
	// minShingles: shorter narratives ("Met with participant.") are alike
	// by nature; flagging them as clones would be noise.
	minShingles = 6
)

// signature is a MinHash signature; nil means the text was too short.
type signature []uint64

// mulSeeds and addSeeds define the sigSize hash functions h_k(x) =
// x*mul_k + add_k (mod 2^64), mul_k odd: one multiply-add per slot keeps
// signatures cheap, and the shingle hash is already well mixed. The seeds
// are fixed so signatures are reproducible from run to run.
var mulSeeds, addSeeds = func() (m, a [sigSize]uint64) {
	x := uint64(0x9e3779b97f4a7c15)
	for i := range m {
		x = splitmix(x)
		m[i] = x | 1
		x = splitmix(x)
		a[i] = x
	}
	return m, a
}()

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordHashes lower-cases text and returns an FNV-1a hash per word (runs
// of letters and digits), without allocating a string per word.
func wordHashes(text string, buf []uint64) []uint64 {
	h, in := uint64(fnvOffset), false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			for j := 0; j < 4 && r != 0; j++ { // hash the rune's bytes
				h ^= uint64(byte(r))
				h *= fnvPrime
				r >>= 8
			}
			in = true
			continue
		}
		if in {
			buf = append(buf, h)
			h, in = fnvOffset, false
		}
	}
	if in {
		buf = append(buf, h)
	}
	return buf
}

// newSignature computes the MinHash signature of text, or nil when it has
// fewer than minShingles shingles.
func newSignature(text string) signature {
	var stack [256]uint64
	return signatureOf(wordHashes(text, stack[:0]))
}

// signatureOf is newSignature of the word hashes of a text.
func signatureOf(words []uint64) signature {
	n := len(words) - shingleSize + 1
	if n < minShingles {
		return nil
	}
	sig := make(signature, sigSize)
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for i := 0; i < n; i++ {
		sh := words[i]*31 + words[i+1]
		sh = sh*31 + words[i+2]
		sh = splitmix(sh)
		for k := range sig {
			if v := sh*mulSeeds[k] + addSeeds[k]; v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig
}

// similarity estimates the Jaccard similarity of two signatures.
func (s signature) similarity(o signature) float64 {
	if s == nil || o == nil {
		return 0
	}
	same := 0
	for i := range s {
		if s[i] == o[i] {
			same++
		}
	}
	return float64(same) / sigSize
}
