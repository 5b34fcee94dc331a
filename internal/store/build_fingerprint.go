package store

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// buildFingerprint names this build for what no version counts (the stored
// billing verdicts' basis): a value that is the same for every process of
// one build and changes whenever the executable's bytes do, worked out
// once, on first use, not at start. The build's VCS stamp is not enough:
// Go records it only when it builds inside a checkout with VCS stamping on
// (not with -buildvcs=false, which this project's machines set, nor from a
// source archive), and without it every build looked the same, so a new
// scrubber kept serving the old one's verdicts.
//
// It is the Go build ID the go command writes into the executable's ELF
// note: its last part is the hash of the linked file's own bytes (the ID
// left out), its first the hash of the link's inputs, so any change of
// code, embedded word lists or rule packs, flags or toolchain changes it
// (TestBuildIDFollowsTheCode), and reading it costs a few small reads
// where hashing the whole executable cost about 4 % of an export. An
// executable with no Go build ID (not ELF, or linked with -buildid=) is
// named by the SHA-256 of its bytes, as before, and so is one whose ID
// is not of the four parts the go command writes for an executable (an ID
// set by hand with -ldflags=-buildid would be the same for every build).
// The file read is the
// running image (/proc/self/exe, so an executable replaced on disk since
// start still names the build that runs), else the path os.Executable
// gives. When neither can be read, a value of this process alone:
// verdicts are then scrubbed again after each start, never trusted across
// builds.
func buildFingerprint() string {
	built.once.Do(func() { built.sum = runningBuild() })
	return built.sum
}

// built holds buildFingerprint once worked out.
var built struct {
	once sync.Once
	sum  string
}

func runningBuild() string {
	paths := []string{"/proc/self/exe"}
	if path, err := os.Executable(); err == nil {
		paths = append(paths, path)
	}
	for _, path := range paths {
		if fp, err := fileFingerprint(path); err == nil {
			return fp
		}
	}
	return "process " + strconv.Itoa(os.Getpid()) + " " + time.Now().Format(time.RFC3339Nano)
}

// fileFingerprint names the executable at path: "go build ID " and its Go
// build ID when it has one, else the hex SHA-256 of its bytes. The two
// cannot be taken for each other (a hex digest has no space).
func fileFingerprint(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if id := goBuildID(f); id != "" {
		return "go build ID " + id, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// goBuildID is the Go build ID in r's ELF note section .note.go.buildid
// (name "Go", type 4, the ID as its descriptor), or "" when r is not ELF
// or carries no such note, or none of the form the go command gives an
// executable: four non-empty hashes joined by "/" (the link's inputs, the
// main package's inputs and output, the executable's content). Only the
// headers and the note are read.
func goBuildID(r io.ReaderAt) string {
	f, err := elf.NewFile(r)
	if err != nil {
		return ""
	}
	sec := f.Section(".note.go.buildid")
	if sec == nil || sec.Type != elf.SHT_NOTE || sec.Size > 1<<12 {
		return ""
	}
	note, err := sec.Data()
	if err != nil || len(note) < 12 {
		return ""
	}
	bo := f.ByteOrder
	nameSize, descSize, kind := bo.Uint32(note[0:]), bo.Uint32(note[4:]), bo.Uint32(note[8:])
	const goBuildIDNote = 4
	name := (uint64(nameSize) + 3) &^ 3 // the descriptor starts 4-byte aligned
	if kind != goBuildIDNote || nameSize != 4 || 12+name+uint64(descSize) > uint64(len(note)) ||
		!bytes.Equal(note[12:12+nameSize], []byte("Go\x00\x00")) {
		return ""
	}
	id := string(note[12+name : 12+name+uint64(descSize)])
	parts := strings.Split(id, "/")
	if len(parts) != 4 || slices.Contains(parts, "") {
		return ""
	}
	return id
}
