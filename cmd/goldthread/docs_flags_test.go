package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A flag named in the README or in `goldthread help` that the command does
// not define is an instruction an operator follows and gets "flag provided
// but not defined" for. These tests hold the documentation to the flag sets
// the commands really parse.

var (
	docFlag = regexp.MustCompile(`--([a-z][a-z0-9-]*[a-z0-9])\b`)
	// verbs are the second words that select a sub-command's own flag set.
	docVerbs = map[string][]string{
		"agency":    {"create"},
		"claims":    {"export", "refresh"},
		"audit":     {"verify", "keygen", "checkpoint"},
		"fhir":      {"export", "import"},
		"bench":     {"reads"},
		"integrity": {"verify"},
	}
)

// commandFlags returns the usage text `goldthread ARGS -h` prints, which
// lists every flag the command defines as "  -name".
func commandFlags(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := runCmd(t, context.Background(), nil, append(args, "-h")...)
	usage := out + errOut
	if code != 0 || !strings.Contains(usage, "  -") {
		t.Fatalf("goldthread %s -h: exit %d, no flag list:\n%s", strings.Join(args, " "), code, usage)
	}
	return usage
}

// splitCommand reads "claims export --program ID ..." as the words that
// select the command and the flags the text names.
func splitCommand(text string) (words []string, flags []string) {
	fields := strings.Fields(text)
	if len(fields) == 0 {
		return nil, nil
	}
	words = []string{fields[0]}
	if len(fields) > 1 {
		for _, v := range docVerbs[fields[0]] {
			if fields[1] == v {
				words = append(words, v)
			}
		}
	}
	for _, m := range docFlag.FindAllStringSubmatch(text, -1) {
		flags = append(flags, m[1])
	}
	return words, flags
}

func assertFlagsDefined(t *testing.T, where, text string) {
	t.Helper()
	words, flags := splitCommand(text)
	if len(flags) == 0 {
		return
	}
	usage := commandFlags(t, words...)
	for _, f := range flags {
		if !regexp.MustCompile(`(?m)^\s+-` + regexp.QuoteMeta(f) + `\b`).MatchString(usage) {
			t.Errorf("%s: `goldthread %s` names --%s, which the command does not define", where, strings.Join(words, " "), f)
		}
	}
}

// TestReadmeCommandsUseRealFlags: every command line in the README (the
// Commands table and the shell examples) names only flags its command
// defines.
func TestReadmeCommandsUseRealFlags(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, c := range commands() {
		known[c.name] = true
	}
	row := regexp.MustCompile("^\\| `([^`]+)`")
	shell := regexp.MustCompile(`^(?:go run \./cmd/)?goldthread (.+)$`)
	checked := 0
	lines := strings.Split(string(readme), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		var text string
		if m := row.FindStringSubmatch(line); m != nil {
			text = m[1]
		} else if m := shell.FindStringSubmatch(line); m != nil {
			text = m[1]
			// A shell example may continue over lines ending in "\".
			for strings.HasSuffix(text, `\`) && i+1 < len(lines) {
				i++
				text = strings.TrimSuffix(text, `\`) + " " + strings.TrimSpace(lines[i])
			}
		} else {
			continue
		}
		if first := strings.Fields(text); len(first) == 0 || !known[first[0]] {
			continue
		}
		assertFlagsDefined(t, "README line "+strings.TrimSpace(lines[i][:min(len(lines[i]), 40)]), text)
		checked++
	}
	// The Commands table alone has a row per command; far fewer means the
	// README's shape changed and this test stopped reading it.
	if checked < len(commands())-2 {
		t.Fatalf("read %d command lines in the README; want at least %d", checked, len(commands())-2)
	}
}

// TestHelpSummariesUseRealFlags: the flags `goldthread help` names beside
// each command (and beside its verbs, "bench reads: … (--participants …)")
// are defined by that command.
func TestHelpSummariesUseRealFlags(t *testing.T) {
	verbPart := regexp.MustCompile(`([a-z]+) ([a-z]+)(?: / [a-z]+ [a-z]+)*:`)
	for _, c := range commands() {
		// A summary may describe several verbs separated by ";": each
		// part's flags belong to the verb it starts with, or to the
		// command itself.
		for _, part := range strings.Split(c.summary, ";") {
			text := c.name + " " + part
			if m := verbPart.FindStringSubmatch(strings.TrimSpace(part)); m != nil && m[1] == c.name {
				text = c.name + " " + m[2] + " " + part
			}
			// "--oidc-*" names a family, not a flag.
			text = strings.ReplaceAll(text, "--oidc-*", "")
			assertFlagsDefined(t, "help for "+c.name, text)
		}
	}
}
