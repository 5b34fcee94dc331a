package seal_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread/internal/seal"
)

func TestCheckpoints(t *testing.T) {
	private, public, err := seal.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	key, err := seal.ParsePrivate(private + "\n")
	if err != nil {
		t.Fatal(err)
	}
	pub, err := seal.ParsePublic(public)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	c := seal.Sign(key, 42, "abc123", at)
	if !c.Verify(pub) {
		t.Fatal("a fresh checkpoint does not verify")
	}
	t.Run("AnyChangeBreaksTheSignature", func(t *testing.T) {
		for _, bad := range []seal.Checkpoint{
			{Seq: 43, Hash: c.Hash, At: c.At, Sig: c.Sig},
			{Seq: c.Seq, Hash: "abc124", At: c.At, Sig: c.Sig},
			{Seq: c.Seq, Hash: c.Hash, At: c.At.Add(time.Second), Sig: c.Sig},
		} {
			if bad.Verify(pub) {
				t.Errorf("%+v verifies", bad)
			}
		}
	})
	t.Run("AnotherKeyDoesNotVerify", func(t *testing.T) {
		_, otherPublic, _ := seal.NewKey()
		other, _ := seal.ParsePublic(otherPublic)
		if c.Verify(other) {
			t.Fatal("verified with another key")
		}
		_, err := seal.ReadAll(strings.NewReader(c.Line()), other)
		if !errors.Is(err, seal.ErrUnsigned) || !strings.Contains(err.Error(), "line 1") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("LinesRoundTrip", func(t *testing.T) {
		d := seal.Sign(key, 50, "def456", at.Add(time.Hour))
		got, err := seal.ReadAll(strings.NewReader(c.Line()+"\n"+d.Line()), pub)
		if err != nil || len(got) != 2 || got[1].Seq != 50 || !got[0].At.Equal(at) {
			t.Fatalf("%+v %v", got, err)
		}
		if _, err := seal.ReadAll(strings.NewReader(c.Line()+"not json\n"), pub); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("KeysAreChecked", func(t *testing.T) {
		if _, err := seal.ParsePrivate(public); err == nil {
			t.Error("a public key was taken for a signing key")
		}
		if _, err := seal.ParsePublic(private); err == nil {
			t.Error("a signing key was taken for a public key")
		}
		if _, err := seal.ParsePublic("goldthread-seal-public-v1:AAAA"); err == nil {
			t.Error("a short key was taken")
		}
	})
}
