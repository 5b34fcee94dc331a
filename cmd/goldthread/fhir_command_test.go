package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
)

// TestFHIRExport loads the demo and exports a participant of Dana's
// caseload: as Dana the Bundle comes out; as a peer without them, billing,
// or an unknown email it is refused with exit 1; bad flags exit 2.
func TestFHIRExport(t *testing.T) {
	ctx := context.Background()
	_, vars, db := loadDemo(t, ctx)
	dana, err := db.ActorByEmail(ctx, "dana@riverbend.example")
	if err != nil {
		t.Fatal(err)
	}
	list, err := db.ListParticipants(ctx, dana, goldthread.ParticipantFilter{Limit: 1})
	caseload, _ := db.ListParticipants(ctx, dana, goldthread.ParticipantFilter{Limit: 1000})
	db.Close()
	if err != nil || len(list) == 0 {
		t.Fatalf("Dana's caseload: %v %v", list, err)
	}
	id := strconv.FormatInt(list[0].ID, 10)

	code, out, errOut := runCmd(t, ctx, vars, "fhir", "export", "--participant", id, "--as", "dana@riverbend.example")
	var b struct {
		ResourceType, Type string
		Entry              []json.RawMessage
	}
	if code != 0 || json.Unmarshal([]byte(out), &b) != nil || b.ResourceType != "Bundle" || len(b.Entry) < 3 {
		t.Fatalf("export: %d %q %.200q", code, errOut, out)
	}
	t.Run("AllInReach", func(t *testing.T) {
		dir := t.TempDir()
		code, out, errOut := runCmd(t, ctx, vars, "fhir", "export", "--all", "--out", dir, "--as", "dana@riverbend.example")
		files, _ := filepath.Glob(filepath.Join(dir, "participant-*.json"))
		if code != 0 || out != "" || len(files) != len(caseload) || !strings.Contains(errOut, strconv.Itoa(len(caseload))+" participants") {
			t.Fatalf("--all as Dana: %d %q, %d files for a caseload of %d", code, errOut, len(files), len(caseload))
		}
	})
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"AllNeedsOut", []string{"--all", "--as", "dana@riverbend.example"}, 2},
		{"BillingRefused", []string{"--participant", id, "--as", "ana@riverbend.example"}, 1},
		{"UnknownAccount", []string{"--participant", id, "--as", "nobody@riverbend.example"}, 1},
		{"OutOfReach", []string{"--participant", "999999", "--as", "dana@riverbend.example"}, 1},
		{"NoParticipant", []string{"--as", "dana@riverbend.example"}, 2},
		{"NoAs", []string{"--participant", id}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, _ := runCmd(t, ctx, vars, append([]string{"fhir", "export"}, c.args...)...)
			if code != c.code || out != "" {
				t.Fatalf("exit %d (want %d), stdout %.100q", code, c.code, out)
			}
		})
	}
}
