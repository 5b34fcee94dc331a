package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// pngBytes starts like a PNG file, which is all the content check reads.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)

func TestCrisisPlanAndWRAP(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := storetest.MustFixture(t, db)
		p := f.SamplePlan(goldthread.NewDate(2026, 1, 10))
		if err := db.CreatePlan(ctx, f.Peer, &p); err != nil {
			t.Fatal(err)
		}
		set := func(c goldthread.CrisisPlan, wrap *store.WRAPUpload) error {
			return db.SetCrisisPlan(ctx, f.Peer, p.ID, &c, wrap)
		}
		for field, c := range map[string]goldthread.CrisisPlan{
			"warning_signs":         storetest.SampleCrisisPlan(func(c *goldthread.CrisisPlan) { c.WarningSigns = "" }),
			"what_helps":            storetest.SampleCrisisPlan(func(c *goldthread.CrisisPlan) { c.WhatHelps = " " }),
			"contacts":              storetest.SampleCrisisPlan(func(c *goldthread.CrisisPlan) { c.Contacts = "" }),
			"crisis_provider":       storetest.SampleCrisisPlan(func(c *goldthread.CrisisPlan) { c.CrisisProvider = "" }),
			"crisis_provider_phone": storetest.SampleCrisisPlan(func(c *goldthread.CrisisPlan) { c.CrisisProviderPhone = "" }),
		} {
			t.Run("Err_"+field, func(t *testing.T) {
				if err := set(c, nil); goldthread.ErrorField(err) != field {
					t.Fatalf("err = %v; want EINVALID on %s", err, field)
				}
			})
		}
		t.Run("ErrWRAPTooLarge", func(t *testing.T) {
			big := append([]byte("%PDF-1.7\n"), make([]byte, goldthread.WRAPMaxBytes)...)
			if err := set(storetest.SampleCrisisPlan(), &store.WRAPUpload{Name: "wrap.pdf", Data: big}); goldthread.ErrorField(err) != "wrap" {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrWRAPTypeJudgedByContentNotName", func(t *testing.T) {
			err := set(storetest.SampleCrisisPlan(), &store.WRAPUpload{Name: "wrap.pdf", Data: []byte("<html><script>alert(1)</script>")})
			if goldthread.ErrorField(err) != "wrap" {
				t.Fatalf("err = %v", err)
			}
		})
		if err := set(storetest.SampleCrisisPlan(), &store.WRAPUpload{Name: `C:\Users\m\my wrap.png`, Data: pngBytes}); err != nil {
			t.Fatal(err)
		}
		t.Run("RewriteKeepsTheWRAP", func(t *testing.T) {
			if err := set(storetest.SampleCrisisPlan(func(c *goldthread.CrisisPlan) { c.Preferences = "Call my sister first" }), nil); err != nil {
				t.Fatal(err)
			}
			got, err := db.Plan(ctx, f.Clinician, p.ID)
			if err != nil || got.Crisis == nil || got.Crisis.Preferences != "Call my sister first" || got.Crisis.WRAP == nil ||
				got.Crisis.WRAP.Name != "my wrap.png" || got.Crisis.WRAP.ContentType != "image/png" || got.Crisis.WRAP.Size != len(pngBytes) {
				t.Fatalf("%v %+v", err, got.Crisis)
			}
		})
		t.Run("WRAPDownloadIsAudited", func(t *testing.T) {
			w, data, err := db.CrisisWRAP(ctx, f.ParticipantUser, p.ID)
			if err != nil || !bytes.Equal(data, pngBytes) || w.ContentType != "image/png" {
				t.Fatalf("%v %+v", err, w)
			}
			evs, err := db.AuditEvents(ctx, f.Auditor, store.AuditFilter{Action: goldthread.ActionExport, ParticipantID: f.Mine.ID, Limit: 5})
			if err != nil || len(evs) == 0 || evs[0].Action != goldthread.ActionExport || evs[0].Detail != "wrap" {
				t.Fatalf("newest audit event: %v %+v", err, evs)
			}
		})
		t.Run("ErrWRAPOutOfReach", func(t *testing.T) {
			if _, _, err := db.CrisisWRAP(ctx, f.OtherPeer, p.ID); goldthread.ErrorKind(err) != goldthread.ENOTFOUND {
				t.Fatalf("err = %v", err)
			}
		})
		if _, err := db.SignPlan(ctx, f.Peer, p.ID, store.PlanSignatureInput{Role: goldthread.SignerPeer, Password: storetest.Password}); err != nil {
			t.Fatal(err)
		}
		t.Run("ErrFrozenFromTheFirstSignature", func(t *testing.T) {
			if err := set(storetest.SampleCrisisPlan(), nil); goldthread.ErrorKind(err) != goldthread.ECONFLICT {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("DatabaseRefusesChangesAfterASignature", func(t *testing.T) {
			for _, q := range []string{
				"UPDATE crisis_plan SET warning_signs = 'changed' WHERE plan_id = ?",
				"DELETE FROM crisis_plan WHERE plan_id = ?",
			} {
				if _, err := db.ExecRaw(ctx, q, p.ID); err == nil || !strings.Contains(err.Error(), "never changes") {
					t.Errorf("%s: err = %v; want a refusal", q, err)
				}
			}
		})
	})
}
