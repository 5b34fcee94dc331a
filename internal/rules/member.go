package rules

import (
	"regexp"
	"sync"
)

// memberPatterns caches compiled member-ID patterns: every intake and
// every edit of a participant checks one, and an agency override may
// replace the pack's pattern, so the cache is keyed by the text.
var memberPatterns sync.Map // string → *regexp.Regexp

func memberPattern(pat string) (*regexp.Regexp, error) {
	if re, ok := memberPatterns.Load(pat); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(pat)
	if err != nil {
		return nil, err
	}
	memberPatterns.Store(pat, re)
	return re, nil
}

// MemberIDFits reports whether id (already normalised: upper case, no
// spaces or dashes) has the shape the payer gives its member IDs. An empty
// id fits (whether one is required is decided where claims are made), and
// so does any id when the pack knows no shape.
func (p *Pack) MemberIDFits(id string) bool {
	pat := p.Member.IDPattern.Value
	if id == "" || pat == "" {
		return true
	}
	re, err := memberPattern(pat)
	return err == nil && re.MatchString(id)
}
