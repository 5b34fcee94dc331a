package coach

import (
	"testing"
	"unicode/utf8"
)

func FuzzCoachText(f *testing.F) {
	for _, s := range []string{
		"", "Pt c/o low mood; SI/HI w/o plan.", `He said "I'm manic" and refused.`,
		"Participant’s father, Robert Smith, called.", "Dr. Anita Rao. J. Q. Public", "“unclosed\nappears manic",
		"‘quoted’ don’t", "2wks f/u", "non-compliant—decompensating", "\xff\xfe bad utf8 refused",
		"Her friend Ashley Brown-O'Neil; Mr. John Q. Smith.", "... ; : ? !", "a/b/c/d w/ w/o",
	} {
		f.Add(s, "")
		f.Add(s, "us-nc-medicaid-8g-pss")
	}
	f.Fuzz(func(t *testing.T, text, program string) {
		fs := CoachText(text, Context{Program: program, Relationships: []string{"sister"}})
		for k, fd := range fs {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End {
				t.Fatalf("finding %d span [%d,%d) outside text of %d bytes", k, fd.Start, fd.End, len(text))
			}
			if text[fd.Start:fd.End] != fd.Words {
				t.Fatalf("finding %d: text[%d:%d] = %q, Words = %q", k, fd.Start, fd.End, text[fd.Start:fd.End], fd.Words)
			}
			if k > 0 && fs[k-1].Start > fd.Start {
				t.Fatalf("findings not sorted at %d", k)
			}
			if utf8.ValidString(text) && !utf8.ValidString(fd.Words) {
				t.Fatalf("finding %d splits a character: %q", k, fd.Words)
			}
		}
	})
}
