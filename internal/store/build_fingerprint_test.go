package store

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"

	"github.com/goldthread/goldthread/internal/rules"
)

// TestVerdictBasisIsTheExecutable: the stored verdicts' basis names the
// running executable's bytes, so a build with any change (a scrubber, a
// word list, a rule pack) makes every stored verdict stale, even a build
// that carries no VCS stamp (-buildvcs=false, as on this project's
// machines, where the old basis was the same for every build). It fails
// when the basis leaves the build out or reads it from the VCS stamp.
func TestVerdictBasisIsTheExecutable(t *testing.T) {
	path, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	if got, want := buildFingerprint(), hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("build fingerprint %q; want the executable's SHA-256 %q", got, want)
	}
	pack := &rules.Pack{ID: "us-nc-medicaid-8g-pss"}
	if verdictBasisOf(pack, "build a") == verdictBasisOf(pack, "build b") {
		t.Fatal("two builds give the same verdict basis")
	}
	if verdictBasis(pack) != verdictBasisOf(pack, buildFingerprint()) {
		t.Fatal("the verdict basis is not this build's")
	}
}
