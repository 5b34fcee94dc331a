package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/coach"
)

// testPacks knows one program, like an installation with one NC program.
func testPacks(id string) (string, error) {
	if id == "nc-adult-pss" {
		return "us-nc-medicaid-8g-pss", nil
	}
	return "", errors.New("no such program")
}

func runCoachT(t *testing.T, stdin string, packs func(string) (string, error), args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runCoach(args, strings.NewReader(stdin), &out, &errb, packs)
	return code, out.String(), errb.String()
}

func TestRunCoachExitCodes(t *testing.T) {
	tests := []struct {
		name  string
		note  string
		args  []string
		want  int
		packs func(string) (string, error)
	}{
		{"clean note", "Participant shared she feels hopeful about the job.", nil, 0, nil},
		{"empty note", "", nil, 0, nil},
		{"info only", "Will f/u next week.", nil, 0, nil},
		{"warn", "Participant refused to go.", nil, 1, nil},
		{"block", "Provided therapy for her grief.", nil, 1, nil},
		{"program rule fires", "Peer responded to a crisis at the shelter.", []string{"--program", "nc-adult-pss"}, 1, testPacks},
		{"program rule silent without program", "Peer responded to a crisis at the shelter.", nil, 0, nil},
		{"help", "", []string{"-h"}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, out, errs := runCoachT(t, tt.note, tt.packs, tt.args...); code != tt.want {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.want, out, errs)
			}
		})
	}
}

func TestRunCoachBadUsage(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		packs   func(string) (string, error)
		wantErr []string
	}{
		{"unknown flag", []string{"--verbose"}, nil, []string{"verbose", "Usage: goldthread coach"}},
		{"extra argument", []string{"note.txt"}, nil, []string{`unexpected argument "note.txt"`, "stdin"}},
		{"unknown program", []string{"--program", "mars-pss"}, testPacks, []string{`--program "mars-pss"`, "no such program", "goldthread programs"}},
		{"empty program", []string{"--program="}, testPacks, []string{"--program needs a program id"}},
		{"no program list", []string{"--program", "nc-adult-pss"}, nil, []string{`--program "nc-adult-pss"`, "leave out --program"}},
		{"program without value", []string{"--program"}, testPacks, []string{"program"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCoachT(t, "Participant refused.", tt.packs, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if out != "" {
				t.Errorf("stdout should be empty on bad usage, got %q", out)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q lacks %q", errs, w)
				}
			}
		})
	}
}

func TestRunCoachProgramPackOnlyWhenAsked(t *testing.T) {
	called := false
	packs := func(string) (string, error) { called = true; return "", nil }
	runCoachT(t, "Participant refused.", packs)
	if called {
		t.Error("programPack was called without --program")
	}
}

func TestRunCoachTextOutput(t *testing.T) {
	code, out, _ := runCoachT(t, "Pt refused\n\tto go.", nil)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines, got %q", out)
	}
	for _, l := range lines {
		if cols := strings.Split(l, "\t"); len(cols) != 4 {
			t.Errorf("line %q: want 4 tab-separated columns", l)
		}
	}
	if !strings.HasPrefix(lines[0], "jargon\tinfo\tPt\t") || !strings.HasPrefix(lines[1], "judgment\twarn\trefused\t") {
		t.Errorf("unexpected lines:\n%s", out)
	}
}

func TestRunCoachJSON(t *testing.T) {
	code, out, _ := runCoachT(t, "Drove participant to work.", nil, "--json")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	var fs []coach.Finding
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("not a JSON array of findings: %v\n%s", err, out)
	}
	if len(fs) != 1 || fs[0].Category != coach.CategoryNoncovered || fs[0].RuleID != "noncovered.transport" || fs[0].Words != "Drove participant" {
		t.Errorf("got %+v", fs)
	}
	if !strings.Contains(out, `"rule_id"`) {
		t.Errorf("JSON keys should be snake_case: %s", out)
	}

	code, out, _ = runCoachT(t, "Participant set a goal.", nil, "--json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("no findings: exit %d, output %q; want 0 and []", code, out)
	}
}
