package rules

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"math/bits"
)

// TextSignature is what the cloned-text check keeps of a narrative: its
// MinHash signature over word 3-gram shingles (estimates the Jaccard
// similarity of two narratives cheaply) and its words as 32-bit hashes in
// order (for the longest-common-subsequence check, which survives small
// edits scattered through a copy: one changed word in ten breaks almost a
// third of the 3-grams but keeps 90 % of the words in order). A note's
// signature is computed once, when it is signed, and stored with it, so a
// later signing never recomputes the signatures of past notes.
type TextSignature struct {
	MinHash []uint64 // nil when the text is too short to compare
	Words   []uint32
}

// NewTextSignature computes the signature of text (see CloneText for the
// text of a note).
func NewTextSignature(text string) TextSignature {
	words := wordHashes(text, nil)
	s := TextSignature{MinHash: signatureOf(words), Words: make([]uint32, len(words))}
	for i, w := range words {
		s.Words[i] = uint32(w ^ w>>32)
	}
	return s
}

// CloneText is the part of a note compared for copies: the narrative, less
// what a group shares by design (a group note's description of the
// session and its next steps are the same for every member, and often
// from one session to the next); for a group note only what the member
// said and did is compared.
func CloneText(n Note) string {
	if n.Group {
		return n.ParticipantResponse
	}
	return Narrative(n)
}

// Encode writes the signature as text for storage: base64 of the slot
// count, the slots and the word hashes, little-endian.
func (s TextSignature) Encode() string {
	b := make([]byte, 0, 4+8*len(s.MinHash)+4*len(s.Words))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(s.MinHash)))
	for _, v := range s.MinHash {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	for _, w := range s.Words {
		b = binary.LittleEndian.AppendUint32(b, w)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// DecodeTextSignature reads what Encode wrote.
func DecodeTextSignature(text string) (TextSignature, error) {
	b, err := base64.StdEncoding.DecodeString(text)
	if err != nil || len(b) < 4 {
		return TextSignature{}, errors.New("rules: not a text signature")
	}
	slots := int(binary.LittleEndian.Uint32(b))
	b = b[4:]
	if (slots != 0 && slots != sigSize) || len(b) < 8*slots || (len(b)-8*slots)%4 != 0 {
		return TextSignature{}, errors.New("rules: text signature of the wrong size")
	}
	var s TextSignature
	if slots > 0 {
		s.MinHash = make([]uint64, slots)
		for i := range s.MinHash {
			s.MinHash[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
	}
	b = b[8*slots:]
	s.Words = make([]uint32, len(b)/4)
	for i := range s.Words {
		s.Words[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, nil
}

// inOrderShare is the share of words the two texts have in the same order:
// the longest common subsequence of their words over the longer text's
// length.
func inOrderShare(a, b []uint32) float64 {
	return newWordMasks(b).share(a)
}

// wordMasks is a text's words as bit masks, for the longest common
// subsequence with other texts worked out 64 words at a time (Crochemore,
// Iliopoulos, Pinzon and Reid, 2001: the bit-vector form of the dynamic
// programme, which gives the same length): a query is compared with up
// to lcsTop notes, and its masks are built once for all of them.
type wordMasks struct {
	n     int                 // words in the text
	masks map[uint32][]uint64 // bit j is set where word j is this one
}

func newWordMasks(words []uint32) *wordMasks {
	m := &wordMasks{n: len(words), masks: map[uint32][]uint64{}}
	size := (len(words) + 63) / 64
	for j, w := range words {
		mask := m.masks[w]
		if mask == nil {
			mask = make([]uint64, size)
			m.masks[w] = mask
		}
		mask[j/64] |= 1 << (j % 64)
	}
	return m
}

// share is inOrderShare of other and the masks' text. V starts all ones;
// each word x of other makes it (V + (V & M[x])) | (V &^ M[x]), the
// addition carrying from word to word; the subsequence is the number of
// zeros among V's first n bits (bits above them only ever take carries,
// which move up, so they never change those below).
func (m *wordMasks) share(other []uint32) float64 {
	if m.n == 0 || len(other) == 0 {
		return 0
	}
	v := make([]uint64, (m.n+63)/64)
	for k := range v {
		v[k] = ^uint64(0)
	}
	for _, x := range other {
		mask, ok := m.masks[x]
		if !ok {
			continue // V & M is zero: V stays
		}
		var carry uint64
		for k, vk := range v {
			var sum uint64
			sum, carry = bits.Add64(vk, vk&mask[k], carry)
			v[k] = sum | vk&^mask[k]
		}
	}
	ones := 0
	for k, vk := range v {
		if rest := m.n - 64*k; rest < 64 {
			vk &= 1<<rest - 1
		}
		ones += bits.OnesCount64(vk)
	}
	return float64(m.n-ones) / float64(max(m.n, len(other)))
}
