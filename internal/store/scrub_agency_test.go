package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// TestScrubberUsesTheAgencyPack: an agency's override of a payer value
// (here: video not covered under its MCO contract) blocks billing the same
// way it shows at signing.
func TestScrubberUsesTheAgencyPack(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newBillEnv(t, db)
		video := e.billable(t, onMarch(6, 9), func(in *store.NoteInput) { in.Modality = "video" })
		if b := e.blocks(t, video.ID); slices.Contains(b, "modality.allowed") {
			t.Fatalf("video blocked before any override: %v", b)
		}
		if _, err := db.SetRuleOverride(ctx, e.f.Admin, e.f.Program.RulePack, "modalities.video.allowed", "false", "MCO contract: no video"); err != nil {
			t.Fatal(err)
		}
		if b := e.blocks(t, video.ID); !slices.Contains(b, "modality.allowed") {
			t.Fatalf("the agency's override did not reach the scrubber: %v", b)
		}
	})
}
