package store

import (
	"reflect"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
)

// TestVerdictClaimReadsBackWhatAClaimTakes: what a stored verdict keeps
// for a claim reads back as the scrubber's service, member and rendering
// provider, field for field, whatever the text (colons and digits, commas,
// letters beyond ASCII, empty fields, no birth date); a claim of another
// layout, cut short or with more after it is refused, never misread.
func TestVerdictClaimReadsBackWhatAClaimTakes(t *testing.T) {
	columns := goldthread.BillableService{NoteID: 41, ParticipantID: 7, ProgramID: 3, AuthorID: 12, ServiceDate: goldthread.NewDate(2026, 3, 9),
		Units: 3, ChargeCents: 3591}
	for _, birth := range []goldthread.Date{goldthread.NewDate(1950, 1, 1), {}} {
		sc := scrubbed{svc: columns, party: claimParty{First: "Zoë", Last: "O'Neil:12", MemberID: "900000001Q", Gender: "F", BirthDate: birth,
			Line1: "10 Haywood Rd, Apt 3", City: "Asheville", State: "NC", ZIP: "28806-1234"},
			rendering: claimRendering{First: "Dana", Last: "Whitfield", Taxonomy: "175T00000X"}}
		v := &sc.svc
		v.MemberID, v.AuthorName, v.RenderingNPI, v.Minutes, v.Procedure = "900000001Q", "Dana Whitfield 3:4", "1245319599", 45, "H0038"
		v.Modifiers, v.PlaceOfService, v.Diagnoses, v.AuthorizationID, v.AuthorizationNumber = []string{"HQ", "GT"}, "02", []string{"F33.1", "F41.1"}, 9, ""
		got := scrubbed{svc: columns}
		if err := decodeVerdictClaim(encodeVerdictClaim(&sc), &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, sc) {
			t.Fatalf("read back:\n%+v\nwant:\n%+v", got, sc)
		}
	}
	none := scrubbed{svc: columns}
	if err := decodeVerdictClaim(encodeVerdictClaim(&none), &none); err != nil || none.svc.Modifiers != nil || none.svc.Diagnoses != nil {
		t.Fatalf("empty lists: %v, %q %q; want none", err, none.svc.Modifiers, none.svc.Diagnoses)
	}
	good := encodeVerdictClaim(&none)
	for name, bad := range map[string]string{"empty": "", "another layout": "2" + good[1:], "cut short": good[:len(good)-2],
		"more after": good + "0:", "a length past the end": strings.Replace(good, "0:", "99:", 1)} {
		if err := decodeVerdictClaim(bad, &scrubbed{}); err == nil {
			t.Errorf("%s: read without an error", name)
		}
	}
}
