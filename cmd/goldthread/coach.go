package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/goldthread/goldthread/internal/coach"
)

// maxNoteBytes bounds what `goldthread coach` reads: a service note is a
// few kilobytes, so anything far larger is a mistake, not a note.
const maxNoteBytes = 1 << 20

// runCoach is `goldthread coach [--program ID] [--json]`: it reads a note on
// stdin and prints the language and scope coach's findings, one a line as
// category<TAB>severity<TAB>words<TAB>suggestion, or as a JSON array with
// --json (an empty array when there are none).
//
// programPack maps a program id to its payer rule pack id; it is called
// only when --program is given and may be nil otherwise.
//
// Exit status: 0 when no finding is warn or block, 1 when one is, 2 on bad
// usage (unknown flag, extra argument, unknown program) or when the note
// cannot be read or the findings cannot be written; 0 for -h.
func runCoach(args []string, stdin io.Reader, stdout, stderr io.Writer, programPack func(programID string) (string, error)) int {
	fs := flag.NewFlagSet("coach", flag.ContinueOnError)
	fs.SetOutput(stderr)
	program := fs.String("program", "", "program `ID` whose payer rule pack applies, e.g. us-nc-medicaid-8g-pss")
	asJSON := fs.Bool("json", false, "print the findings as a JSON array")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: goldthread coach [--program ID] [--json] < note.txt")
		fmt.Fprintln(stderr, "Reads a service note on stdin and prints category, severity, words and suggestion for each finding.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2 // the flag package has named the flag on stderr
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "goldthread coach: unexpected argument %q; the note is read from stdin, e.g. goldthread coach --program ID < note.txt\n", fs.Arg(0))
		return 2
	}

	var c coach.Context
	programSet := false
	fs.Visit(func(f *flag.Flag) { programSet = programSet || f.Name == "program" })
	if programSet {
		if *program == "" {
			fmt.Fprintln(stderr, "goldthread coach: --program needs a program id; run `goldthread programs` to list them, or leave out --program")
			return 2
		}
		if programPack == nil {
			fmt.Fprintf(stderr, "goldthread coach: --program %q: no program list is available here; leave out --program\n", *program)
			return 2
		}
		pack, err := programPack(*program)
		if err != nil {
			fmt.Fprintf(stderr, "goldthread coach: --program %q: %v; run `goldthread programs` to list the program ids, or leave out --program\n", *program, err)
			return 2
		}
		c.Program = pack
	}

	note, err := io.ReadAll(io.LimitReader(stdin, maxNoteBytes+1))
	if err != nil {
		fmt.Fprintf(stderr, "goldthread coach: reading the note from stdin: %v\n", err)
		return 2
	}
	if len(note) > maxNoteBytes {
		fmt.Fprintf(stderr, "goldthread coach: the note on stdin is larger than %d bytes; pass one note at a time\n", maxNoteBytes)
		return 2
	}

	findings := coach.CoachText(string(note), c)
	if err := printFindings(stdout, findings, *asJSON); err != nil {
		fmt.Fprintf(stderr, "goldthread coach: writing findings: %v\n", err)
		return 2
	}
	for _, f := range findings {
		if f.Severity == coach.SeverityWarn || f.Severity == coach.SeverityBlock {
			return 1
		}
	}
	return 0
}

func printFindings(w io.Writer, findings []coach.Finding, asJSON bool) error {
	if asJSON {
		if findings == nil {
			findings = []coach.Finding{} // "[]", never "null"
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(findings)
	}
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\n", f.Category, f.Severity, oneField(f.Words), oneField(f.Suggestion))
	}
	return bw.Flush()
}

// oneField keeps a value on one line and in one column: a finding may span
// a line break ("internal\nstimuli") and tabs would shift the columns.
func oneField(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
