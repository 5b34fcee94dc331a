package rules

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
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
// length. Two rows of the dynamic programme are kept (O(min) memory).
func inOrderShare(a, b []uint32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(b) > len(a) {
		a, b = b, a
	}
	prev, cur := make([]int32, len(b)+1), make([]int32, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(b)]) / float64(len(a))
}
