package coach

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed lexicon/cues.tsv
var cuesTSV string

// cues are the word lists that tell who is speaking or acting in a
// sentence and what looks like a person's name. They live in
// lexicon/cues.tsv, one "kind<TAB>word word ..." line per list.
type cues struct {
	negator        wordSet // not, never, didn't
	reporting      wordSet // said, shared, stated: reported speech
	peer           wordSet // peer, I, we, CPSS: the writer acting
	participant    wordSet // participant, she, family roles: not the writer
	provider       wordSet // clinician, psychiatrist: someone else's clinical act
	subjectLead    wordSet // words after which a noun is a subject, not an object
	selfDisclosure wordSet // own, lived: the peer telling their own story
	firstName      wordSet
	place          wordSet // Street, Church, Center: a capitalized run is no person
	notName        wordSet // Monday, Participant: capitalized but no name
	titleProvider  wordSet // Dr: a provider, named by title
	titlePerson    wordSet // Mr, Ms: a title that hides no role
	relationship   wordSet // sister, sponsor: a role to use instead of a name
	placePrep      wordSet // at, to, from: before a place rather than a person
	credential     wordSet // CPSS, LCSW after a name: staff signing
	surname        wordSet // Hill, Park: place words that are also surnames
}

var defaultCues = sync.OnceValue(func() *cues {
	cs, err := parseCues(cuesTSV)
	if err != nil {
		panic("coach: embedded cues: " + err.Error())
	}
	return cs
})

func parseCues(src string) (*cues, error) {
	lists := map[string][]string{}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, words, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("line %d: want kind<TAB>words", n+1)
		}
		lists[kind] = append(lists[kind], strings.Fields(words)...)
	}
	cs := &cues{}
	for kind, dst := range map[string]*wordSet{
		"negator": &cs.negator, "reporting": &cs.reporting, "peer": &cs.peer,
		"participant": &cs.participant, "provider": &cs.provider, "subject-lead": &cs.subjectLead,
		"self-disclosure": &cs.selfDisclosure, "first-name": &cs.firstName, "place": &cs.place,
		"not-name": &cs.notName, "title-provider": &cs.titleProvider, "title-person": &cs.titlePerson,
		"relationship": &cs.relationship, "place-prep": &cs.placePrep, "credential": &cs.credential,
		"surname": &cs.surname,
	} {
		if len(lists[kind]) == 0 {
			return nil, fmt.Errorf("cue list %q is missing", kind)
		}
		*dst = newWordSet(lists[kind])
		delete(lists, kind)
	}
	for kind := range lists {
		return nil, fmt.Errorf("unknown cue list %q", kind)
	}
	return cs, nil
}

// sentenceStart returns the index of the first token of token i's sentence.
func (tz *tokenized) sentenceStart(i int) int {
	s := tz.toks[i].sent
	for i > 0 && tz.toks[i-1].sent == s {
		i--
	}
	return i
}

func (tz *tokenized) sentenceEnd(i int) int {
	s := tz.toks[i].sent
	for i+1 < len(tz.toks) && tz.toks[i+1].sent == s {
		i++
	}
	return i
}

// holds reports whether a phrase matched on tokens first..last counts,
// given the entry's flags.
func (r *rule) holds(tz *tokenized, cs *cues, first, last int) bool {
	s0 := tz.sentenceStart(first)
	if !r.notBefore.empty() && anyIn(tz, &r.notBefore, max(s0, first-6), first-1) {
		return false
	}
	if !r.notAfter.empty() && anyIn(tz, &r.notAfter, last+1, min(tz.sentenceEnd(last), last+4)) {
		return false
	}
	if !r.notInside.empty() && anyIn(tz, &r.notInside, first, last) {
		return false
	}
	if !r.notSentence.empty() && anyIn(tz, &r.notSentence, s0, tz.sentenceEnd(last)) {
		return false
	}
	if r.negatable && anyIn(tz, &cs.negator, max(s0, first-3), first-1) {
		return false
	}
	if r.selfReport && selfReported(tz, cs, s0, first) {
		return false
	}
	if r.actor && actorIsOther(tz, cs, s0, first) {
		return false
	}
	return true
}

func anyIn(tz *tokenized, ws *wordSet, from, to int) bool {
	for k := from; k <= to; k++ {
		if ws.has(tz.word(k)) {
			return true
		}
	}
	return false
}

type agentKind int

const (
	agentNone agentKind = iota
	agentPeer
	agentParticipant
	agentProvider
)

// nearestAgent scans back from token before-1 to the sentence start for
// the closest word that can be a subject. A noun right after a verb
// ("called participant") is an object and skipped, unless a relative
// "who" follows it; "peer and participant" counts as the peer acting,
// since the peer is part of the act.
func nearestAgent(tz *tokenized, cs *cues, s0, before int) (agentKind, int) {
	relative := false
	for k := before - 1; k >= s0; k-- {
		w := tz.word(k)
		if w == "who" || w == "whom" {
			relative = true // "the clinician, who completed ...": the noun before acts
			continue
		}
		if strings.HasSuffix(w, "'s") {
			continue // a possessive is never the subject
		}
		kind := agentOf(cs, w)
		if kind == agentNone {
			continue
		}
		if kind != agentPeer && !relative && !isSubjectPosition(tz, cs, s0, k) {
			continue
		}
		if kind != agentPeer && k-2 >= s0 && tz.word(k-1) == "and" && agentOf(cs, tz.word(k-2)) == agentPeer {
			return agentPeer, k - 2
		}
		return kind, k
	}
	return agentNone, -1
}

func agentOf(cs *cues, w string) agentKind {
	switch {
	case cs.peer.has(w):
		return agentPeer
	case cs.provider.has(w):
		return agentProvider
	case cs.participant.has(w):
		return agentParticipant
	}
	return agentNone
}

// isSubjectPosition: pronouns are always subjects; a noun is one at a
// sentence start, after punctuation, or after a word such as "the",
// "and" or a possessive.
func isSubjectPosition(tz *tokenized, cs *cues, s0, k int) bool {
	switch tz.word(k) {
	case "she", "he", "they", "i", "we":
		return true
	}
	if k == s0 || !tz.toks[k].plainGap {
		return true
	}
	prev := tz.word(k - 1)
	return cs.subjectLead.has(prev) || strings.HasSuffix(prev, "'s")
}

// actorIsOther reports whether the act at token first is done by someone
// other than the peer: its nearest subject is the participant, family or a
// provider. No subject at all is the peer's telegraphic style
// ("Drove participant to ...").
func actorIsOther(tz *tokenized, cs *cues, s0, first int) bool {
	kind, _ := nearestAgent(tz, cs, s0, first)
	return kind == agentParticipant || kind == agentProvider
}

// selfReported reports whether token first sits in reported speech of the
// participant ("Participant shared she was diagnosed with ..."), or of the
// peer telling their own lived experience. What a provider is reported to
// have said stays flagged: a peer note does not copy clinical records.
func selfReported(tz *tokenized, cs *cues, s0, first int) bool {
	for k := first - 1; k >= s0; k-- {
		if !cs.reporting.has(tz.word(k)) {
			continue
		}
		kind, _ := nearestAgent(tz, cs, s0, k)
		switch kind {
		case agentNone, agentParticipant:
			return true
		case agentPeer:
			return anyIn(tz, &cs.selfDisclosure, s0, tz.sentenceEnd(first))
		}
		return false
	}
	return false
}
