package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/goldthread/goldthread/internal/seal"
)

const auditUsage = `Usage:
  goldthread audit verify [--db URL] [--checkpoints FILE --public-key FILE]
  goldthread audit keygen --out FILE
  goldthread audit checkpoint --key FILE [--db URL] >> checkpoints.log`

// runAudit proves the audit trail (ONC (d)(2)): verify recomputes the hash
// chains and, with checkpoints, checks that the trail still holds every
// sealed event; keygen makes a signing key; checkpoint seals the newest
// event of each chain with it.
func runAudit(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, auditUsage)
		return 2
	}
	switch args[0] {
	case "verify":
		return runAuditVerify(ctx, e, args[1:])
	case "keygen":
		return runAuditKeygen(e, args[1:])
	case "checkpoint":
		return runAuditCheckpoint(ctx, e, args[1:])
	}
	fmt.Fprintln(e.stderr, auditUsage)
	return 2
}

func runAuditVerify(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "audit verify", "[--db URL] [--checkpoints FILE --public-key FILE]")
	dbURL := dbFlag(e, fs)
	cpFile := fs.String("checkpoints", "", "file of checkpoints written by `audit checkpoint`; each must still hold")
	pubFile := fs.String("public-key", "", "file with the public key printed by `audit keygen`")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if (*cpFile == "") != (*pubFile == "") {
		fmt.Fprintln(e.stderr, "goldthread audit verify: give both --checkpoints and --public-key, or neither.")
		return 2
	}
	var checkpoints []seal.Checkpoint
	if *cpFile != "" {
		var ok bool
		if checkpoints, ok = readCheckpoints(e, *cpFile, *pubFile); !ok {
			return 1
		}
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return 1
	}
	defer db.Close()
	n, br, err := db.VerifyAudit(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread: %v\n", err)
		return 1
	}
	if br != nil {
		fmt.Fprintf(e.stdout, "audit trail BROKEN at event %d: %s\n", br.Seq, br.Reason)
		return 1
	}
	for _, c := range checkpoints {
		hash, found, err := db.AuditHashAt(ctx, c.Seq)
		if err != nil {
			fmt.Fprintf(e.stderr, "goldthread: %v\n", err)
			return 1
		}
		switch {
		case !found:
			fmt.Fprintf(e.stdout, "audit trail REWRITTEN: event %d was sealed on %s but the trail ends at %d\n", c.Seq, c.At.Format("2006-01-02 15:04 MST"), n)
			return 1
		case hash != c.Hash:
			fmt.Fprintf(e.stdout, "audit trail REWRITTEN: event %d no longer has the hash sealed on %s\n", c.Seq, c.At.Format("2006-01-02 15:04 MST"))
			return 1
		}
	}
	if len(checkpoints) > 0 {
		fmt.Fprintf(e.stdout, "audit trail intact: %d events; %d checkpoints hold\n", n, len(checkpoints))
		return 0
	}
	fmt.Fprintf(e.stdout, "audit trail intact: %d events\n", n)
	return 0
}

func readCheckpoints(e *env, cpFile, pubFile string) ([]seal.Checkpoint, bool) {
	pubText, err := os.ReadFile(pubFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread audit verify: cannot read the public key: %v\n", err)
		return nil, false
	}
	pub, err := seal.ParsePublic(string(pubText))
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread audit verify: %s: %v\n", pubFile, err)
		return nil, false
	}
	f, err := os.Open(cpFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread audit verify: cannot read the checkpoints: %v\n", err)
		return nil, false
	}
	defer f.Close()
	list, err := seal.ReadAll(f, pub)
	if errors.Is(err, seal.ErrUnsigned) {
		fmt.Fprintf(e.stdout, "audit checkpoints FORGED: %s, %v\n", cpFile, err)
		return nil, false
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread audit verify: %s: %v\n", cpFile, err)
		return nil, false
	}
	return list, true
}

// runAuditKeygen writes a new signing key to --out (readable by its owner
// only, never overwritten) and prints the public key.
func runAuditKeygen(e *env, args []string) int {
	fs := newFlags(e, "audit keygen", "--out FILE")
	out := fs.String("out", "", "where to write the signing key; keep it off the database server")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(e.stderr, "goldthread audit keygen: --out is required, such as --out /secure/goldthread-seal.key.")
		return 2
	}
	private, public, err := seal.NewKey()
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread audit keygen: %v\n", err)
		return 1
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread audit keygen: %v (an existing key is never overwritten)\n", err)
		return 1
	}
	if _, err := fmt.Fprintln(f, private); err != nil {
		f.Close()
		fmt.Fprintf(e.stderr, "goldthread audit keygen: %v\n", err)
		return 1
	}
	if err := f.Close(); err != nil {
		fmt.Fprintf(e.stderr, "goldthread audit keygen: %v\n", err)
		return 1
	}
	fmt.Fprintln(e.stdout, public)
	return 0
}

// runAuditCheckpoint checks the trail and, when it holds, prints one signed
// checkpoint line for the newest event of each chain. A broken trail is
// never sealed.
func runAuditCheckpoint(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "audit checkpoint", "--key FILE [--db URL]")
	dbURL := dbFlag(e, fs)
	keyFile := fs.String("key", "", "the signing key written by `audit keygen`")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *keyFile == "" {
		fmt.Fprintln(e.stderr, "goldthread audit checkpoint: --key is required: the file written by `goldthread audit keygen`.")
		return 2
	}
	key, ok := readKey(e, *keyFile)
	if !ok {
		return 1
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return 1
	}
	defer db.Close()
	_, br, err := db.VerifyAudit(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread: %v\n", err)
		return 1
	}
	if br != nil {
		fmt.Fprintf(e.stderr, "goldthread audit checkpoint: not sealed: the trail is broken at event %d: %s\n", br.Seq, br.Reason)
		return 1
	}
	heads, err := db.AuditHeads(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread: %v\n", err)
		return 1
	}
	if len(heads) == 0 {
		fmt.Fprintln(e.stderr, "goldthread audit checkpoint: the trail is empty; nothing to seal yet.")
		return 1
	}
	// One line per chain: each agency's chain (and the system chain, and
	// the legacy segment) moves on its own, so sealing only the newest
	// event of the trail would leave the other chains unsealed.
	at := db.Now()
	for _, h := range heads {
		fmt.Fprint(e.stdout, seal.Sign(key, h.Seq, h.Hash, at).Line())
	}
	return 0
}

func readKey(e *env, file string) (ed25519.PrivateKey, bool) {
	text, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread audit checkpoint: cannot read the key: %v\n", err)
		return nil, false
	}
	key, err := seal.ParsePrivate(strings.TrimSpace(string(text)))
	if err != nil {
		fmt.Fprintf(e.stderr, "goldthread audit checkpoint: %s: %v\n", file, err)
		return nil, false
	}
	return key, true
}
