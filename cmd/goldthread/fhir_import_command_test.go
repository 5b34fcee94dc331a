package main

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
)

// runCmdIn is runCmd with stdin.
func runCmdIn(t *testing.T, ctx context.Context, vars map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: func(k string) string { return vars[k] }}
	return run(ctx, e, args), out.String(), errOut.String()
}

// TestFHIRImport: a Patient on stdin registers a participant in the demo's
// NC program on Dana's caseload, as Dr. Reyes (audited in her name); the
// same Medicaid ID again is a duplicate; a Patient without a birth date is
// refused naming the element; billing may not register; bad flags exit 2.
func TestFHIRImport(t *testing.T) {
	ctx := context.Background()
	path, vars, db := loadDemo(t, ctx)
	dana, err := db.ActorByEmail(ctx, "dana@riverbend.example")
	if err != nil {
		t.Fatal(err)
	}
	reyes, err := db.ActorByEmail(ctx, "elena.reyes@riverbend.example")
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	patient := `{"resourceType":"Patient","name":[{"use":"official","given":["Toni"],"family":"Vega"}],"gender":"female",
		"birthDate":"1990-02-03","identifier":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MA"}]},
		"system":"https://example.org/nc-medicaid","value":"955501234K"}]}`
	flags := []string{"fhir", "import", "--program", "1", "--peer", strconv.FormatInt(dana.UserID, 10), "--as", "elena.reyes@riverbend.example"}
	code, out, errOut := runCmdIn(t, ctx, vars, patient, flags...)
	id, err := strconv.ParseInt(strings.TrimSpace(out), 10, 64)
	if code != 0 || err != nil {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	t.Run("RegisteredAndAudited", func(t *testing.T) {
		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		err = db.QueryRowRaw(ctx, "SELECT COUNT(*) FROM audit_event WHERE participant_id = ? AND actor_id = ?", id, reyes.UserID).Scan(&n)
		db.Close()
		if err != nil || n == 0 {
			t.Fatalf("the registration is not audited in Dr. Reyes's name: %d %v", n, err)
		}
		code, out, _ := runCmd(t, ctx, vars, "fhir", "export", "--participant", strconv.FormatInt(id, 10), "--as", "dana@riverbend.example")
		if code != 0 || !strings.Contains(out, `"family": "Vega"`) {
			t.Fatalf("Dana cannot export the new participant: %d %.300s", code, out)
		}
	})
	for _, c := range []struct {
		name, stdin string
		args        []string
		code        int
		says        string
	}{
		{"DuplicateMedicaidID", patient, flags, 1, "medicaid_id"},
		{"NoBirthDate", strings.Replace(patient, `"birthDate":"1990-02-03",`, "", 1), flags, 1, "Patient.birthDate"},
		{"BillingMayNotRegister", strings.Replace(patient, "955501234K", "955501235K", 1),
			[]string{"fhir", "import", "--program", "1", "--peer", strconv.FormatInt(dana.UserID, 10), "--as", "ana@riverbend.example"}, 1, ""},
		{"NoProgram", patient, []string{"fhir", "import", "--peer", "1", "--as", "elena.reyes@riverbend.example"}, 2, "--program"},
		{"NoAs", patient, []string{"fhir", "import", "--program", "1", "--peer", "1"}, 2, "--as"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCmdIn(t, ctx, vars, c.stdin, c.args...)
			if code != c.code || out != "" || !strings.Contains(errOut, c.says) {
				t.Fatalf("exit %d (want %d) saying %q: %q %q", code, c.code, c.says, out, errOut)
			}
		})
	}
}
