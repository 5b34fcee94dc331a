package store

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	goexec "os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldthread/goldthread/internal/rules"
)

// TestVerdictBasisIsTheBuild: the stored verdicts' basis names the running
// build by the Go build ID in its executable (as `go tool buildid` reads
// it), the same at every call, so a build with any change makes every
// stored verdict stale, even one with no VCS stamp (-buildvcs=false, as on
// this project's machines, where an old basis was the same for every
// build). It fails when the basis leaves the build out, reads it from the
// VCS stamp, or no longer reads the build ID.
func TestVerdictBasisIsTheBuild(t *testing.T) {
	path, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := goexec.Command("go", "tool", "buildid", path).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	id := strings.TrimSpace(string(out))
	got := buildFingerprint()
	if want := "go build ID " + id; got != want {
		t.Fatalf("build fingerprint %q; want this test binary's build ID %q", got, want)
	}
	if again := buildFingerprint(); again != got {
		t.Fatalf("the build fingerprint changed within one build: %q, then %q", got, again)
	}
	pack := &rules.Pack{ID: "us-nc-medicaid-8g-pss"}
	if verdictBasisOf(pack, "build a") == verdictBasisOf(pack, "build b") {
		t.Fatal("two builds give the same verdict basis")
	}
	if verdictBasis(pack) != verdictBasisOf(pack, buildFingerprint()) {
		t.Fatal("the verdict basis is not this build's")
	}
}

// TestBuildIDFollowsTheCode builds one small program three times: the
// same code twice gives the same fingerprint, a one-word change of code a
// different one, down to the build ID's last part (the hash of the
// executable's own bytes). An executable linked without a build ID, or
// with one set by hand (the same for every build), and a file that is not
// ELF are named by the SHA-256 of their bytes. It fails when the
// fingerprint ignores the build ID's shape or stops falling back to the
// file's hash.
func TestBuildIDFollowsTheCode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func(word, out string, flags ...string) string {
		t.Helper()
		write("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\""+word+"\") }\n")
		bin := filepath.Join(dir, out)
		cmd := goexec.Command("go", append(append([]string{"build", "-o", bin}, flags...), ".")...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		return bin
	}
	fingerprint := func(path string) string {
		t.Helper()
		fp, err := fileFingerprint(path)
		if err != nil {
			t.Fatal(err)
		}
		return fp
	}
	fileSum := func(path string) string {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		return hex.EncodeToString(sum[:])
	}
	write("go.mod", "module buildidcheck\n\ngo 1.26\n")

	first, again, changed := fingerprint(build("first", "a")), fingerprint(build("first", "b")), fingerprint(build("second", "c"))
	if !strings.HasPrefix(first, "go build ID ") {
		t.Fatalf("a go build is named %q, not by its build ID", first)
	}
	if first != again {
		t.Fatalf("one code, two fingerprints: %q and %q", first, again)
	}
	if first == changed {
		t.Fatalf("changed code, same fingerprint %q", first)
	}
	content := func(fp string) string { return fp[strings.LastIndexByte(fp, '/')+1:] }
	if content(first) == content(changed) {
		t.Fatalf("changed code, same content hash %q", content(first))
	}

	for _, flag := range []string{"-ldflags=-buildid=", "-ldflags=-buildid=by-hand"} {
		bin := build("first", "d", flag)
		if got, want := fingerprint(bin), fileSum(bin); got != want {
			t.Fatalf("%s: fingerprint %q; want the file's SHA-256 %q", flag, got, want)
		}
	}
	write("notes.txt", "not an executable")
	if got, want := fingerprint(filepath.Join(dir, "notes.txt")), fileSum(filepath.Join(dir, "notes.txt")); got != want {
		t.Fatalf("a file that is not ELF: fingerprint %q; want its SHA-256 %q", got, want)
	}
}
