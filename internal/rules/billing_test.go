package rules

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestUnits(t *testing.T) {
	cms := mustPack(t, packNC)
	var err error
	cms, err = cms.WithOverrides([]Override{{Path: "rounding.strategy", Value: "cms_8_minute", By: "t", Reason: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	mid30, err := mustPack(t, packNC).WithOverrides([]Override{{Path: "rounding.unit_minutes", Value: "30", By: "t", Reason: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	packs := map[string]*Pack{
		"cms_8_minute":        cms,
		"midpoint (NC)":       mustPack(t, packNC),
		"midpoint 30-minute":  mid30,
		"custom_table (CA)":   mustPack(t, packCA),
		"full_unit_only (NY)": mustPack(t, packNY),
	}
	cases := []struct {
		strategy string
		minutes  []int
		units    []int
	}{
		{"cms_8_minute", []int{-5, 0, 7, 8, 15, 22, 23, 37, 38, 52, 53, 60, 67, 68}, []int{0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4, 4, 5}},
		{"midpoint (NC)", []int{0, 7, 8, 22, 23, 45, 52, 53}, []int{0, 0, 1, 1, 2, 3, 3, 4}},
		{"midpoint 30-minute", []int{15, 16, 30, 45, 46}, []int{0, 1, 1, 1, 2}},
		{"custom_table (CA)", []int{0, 7, 8, 22, 23, 37, 38, 52, 53, 67, 68, 83}, []int{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6}},
		{"full_unit_only (NY)", []int{7, 8, 14, 15, 22, 23, 29, 30}, []int{0, 0, 0, 1, 1, 1, 1, 2}},
	}
	for _, c := range cases {
		for i, m := range c.minutes {
			if got := Units(packs[c.strategy], m); got != c.units[i] {
				t.Errorf("%s: %d minutes = %d units, want %d", c.strategy, m, got, c.units[i])
			}
		}
	}
}

func TestModifiers(t *testing.T) {
	cases := []struct {
		pack, category string
		group          bool
		modality       Modality
		want           string
	}{
		{packNC, "peer_mentoring_coaching", false, InPerson, ""},
		{packNC, "peer_mentoring_coaching", false, Video, "GT"},
		{packNC, "peer_mentoring_coaching", false, AudioOnly, "KX"},
		{packNC, "skills_building_recovery_group", true, InPerson, "HQ"},
		{packNC, "skills_building_recovery_group", true, Video, "HQ,GT"},
		{packNC, "skills_building_recovery_group", true, AudioOnly, "HQ,KX"},
		{packCA, "engagement", false, InPerson, ""},
		{packCA, "therapeutic_activity", false, Video, "95"},
		{packCA, "engagement", false, AudioOnly, "93"},
		{packCA, "educational_skill_building_group", true, InPerson, ""},
		{packCA, "educational_skill_building_group", true, Video, "95"},
		{packNY, "adult_peer_support", false, InPerson, ""},
		{packNY, "youth_peer_support", false, Video, "95"},
		{packNY, "family_peer_support", false, AudioOnly, "93"},
	}
	for _, c := range cases {
		p := mustPack(t, c.pack)
		svc, ok := ServiceFor(p, c.category, c.group)
		if !ok {
			t.Errorf("%s: no service for %s group=%v", c.pack, c.category, c.group)
			continue
		}
		if got := strings.Join(Modifiers(p, svc, c.modality, c.group), ","); got != c.want {
			t.Errorf("%s %s %s group=%v: modifiers %q, want %q", c.pack, svc.Code, c.modality, c.group, got, c.want)
		}
	}
}

func TestServiceFor(t *testing.T) {
	cases := []struct {
		pack, category string
		group          bool
		want           string // service id, "" = none
	}{
		{packNC, "peer_mentoring_coaching", false, "nc-pss-individual"},
		{packNC, "recovery_resource_connecting", false, "nc-pss-individual"},
		{packNC, "building_community", true, "nc-pss-group"},
		{packNC, "skills_building_recovery_group", true, "nc-pss-group"},
		{packNC, "peer_mentoring_coaching", true, ""},
		{packCA, "engagement", false, "ca-peer-h0038"},
		{packCA, "therapeutic_activity", false, "ca-peer-h0038"},
		{packCA, "educational_skill_building_group", true, "ca-peer-h0025"},
		{packCA, "engagement", true, ""},
		{packNY, "family_peer_support", false, "ny-pss-family"},
		{packNY, "adult_peer_support", true, ""},
	}
	for _, c := range cases {
		svc, ok := ServiceFor(mustPack(t, c.pack), c.category, c.group)
		if svc.ID != c.want || ok != (c.want != "") {
			t.Errorf("%s %s group=%v = %q, want %q", c.pack, c.category, c.group, svc.ID, c.want)
		}
	}
}

func TestPlaceOfService(t *testing.T) {
	usual := map[Location]string{Home: "12", Office: "11", Community: "99", Shelter: "04", StreetOutreach: "27", School: "03", HospitalED: "23", OtherLocation: "99"}
	for _, id := range allPacks {
		p := mustPack(t, id)
		telehealth02 := p.PlaceOfService.Telehealth.Value == TelehealthPOS02And10
		for _, loc := range Locations {
			for _, m := range Modalities {
				want := usual[loc]
				if m != InPerson && telehealth02 {
					want = "02"
					if loc == Home {
						want = "10"
					}
				}
				got, rule := PlaceOfService(p, loc, m)
				if got != want {
					t.Errorf("%s %s %s: POS %s, want %s", id, loc, m, got, want)
				}
				if rule.Source == "" || rule.Status == "" {
					t.Errorf("%s %s %s: POS rule without provenance", id, loc, m)
				}
			}
		}
	}
	// NC bills telehealth with the usual POS (Special Bulletin #34), Medi-Cal with 02/10.
	if got, _ := PlaceOfService(mustPack(t, packNC), Home, Video); got != "12" {
		t.Errorf("NC video at home = %s, want 12", got)
	}
	if got, _ := PlaceOfService(mustPack(t, packCA), Home, AudioOnly); got != "10" {
		t.Errorf("CA audio-only at home = %s, want 10", got)
	}
	if got, _ := PlaceOfService(mustPack(t, packCA), Location("moon"), InPerson); got != "99" {
		t.Errorf("unknown location = %s, want other (99)", got)
	}
}

func TestDeadline(t *testing.T) {
	at := func(day string, hh, mm int) time.Time {
		d, err := time.Parse("2006-01-02", day)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
	}
	endOf := func(day string) time.Time { return at(day, 23, 59).Add(59 * time.Second) }
	// 2025-03-14 is a Friday.
	cases := []struct {
		pack   string
		end    time.Time
		crisis bool
		want   time.Time
	}{
		{packNC, at("2025-03-14", 10, 45), false, at("2025-03-17", 10, 45)}, // 72 h, calendar
		{packNY, at("2025-03-12", 16, 0), false, at("2025-03-15", 16, 0)},
		{packNC, at("2025-03-14", 10, 45), true, at("2025-03-15", 10, 45)},
		{packCA, at("2025-03-12", 10, 45), false, endOf("2025-03-17")}, // Wed -> Mon
		{packCA, at("2025-03-14", 10, 45), false, endOf("2025-03-19")}, // Fri -> Wed
		{packCA, at("2025-03-15", 9, 0), false, endOf("2025-03-19")},   // Sat -> Wed
		{packCA, at("2025-03-16", 9, 0), false, endOf("2025-03-19")},   // Sun -> Wed
		{packCA, at("2025-03-10", 9, 0), false, endOf("2025-03-13")},   // Mon -> Thu
		{packCA, at("2025-03-14", 10, 45), true, at("2025-03-15", 10, 45)},
	}
	for _, c := range cases {
		if got := Deadline(mustPack(t, c.pack), c.end, c.crisis); !got.Equal(c.want) {
			t.Errorf("%s end %s crisis=%v: due %s, want %s", c.pack, c.end.Format(time.RFC1123), c.crisis, got.Format(time.RFC1123), c.want.Format(time.RFC1123))
		}
	}
	// Holiday hook: Monday 2025-03-17 off moves Friday's deadline to Thursday.
	holiday := func(d time.Time) bool { return d.Format("2006-01-02") == "2025-03-17" }
	if got := DeadlineWith(mustPack(t, packCA), at("2025-03-14", 10, 0), false, holiday); !got.Equal(endOf("2025-03-20")) {
		t.Errorf("with holiday: %s", got)
	}
	always := func(time.Time) bool { return true }
	_ = DeadlineWith(mustPack(t, packCA), at("2025-03-14", 10, 0), false, always) // must return
}

func ExampleUnits() {
	c, _ := Load()
	nc, _ := c.Pack("us-nc-medicaid-8g-pss")
	svc, _ := ServiceFor(nc, "skills_building_recovery_group", true)
	pos, rule := PlaceOfService(nc, Office, Video)
	fmt.Println(svc.Code, Modifiers(nc, svc, Video, true), Units(nc, 50), pos, rule.Status)
	// Output: H0038 [HQ GT] 3 11 unconfirmed
}

// Business days skip the payer's holidays, pack data with its source:
// a Medi-Cal note for Wednesday Nov 25, 2026 is due three business days
// later not counting Thanksgiving and the day after (California), so on
// Wednesday Dec 2, not Monday Nov 30.
func TestDeadlineSkipsThePayersHolidays(t *testing.T) {
	p := mustPack(t, packCA)
	h := p.Timeliness.Holidays
	if h == nil || h.Source == "" || !p.Holiday(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)) || p.Holiday(time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)) {
		t.Fatalf("Medi-Cal holidays: %+v", h)
	}
	end := time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)
	if got, want := DeadlineWith(p, end, false, p.Holiday), time.Date(2026, 12, 2, 23, 59, 59, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("due %s; want %s", got, want)
	}
	in := baseInput(t, packCA)
	in.Holidays = p.Holiday
	in.Note.ServiceDate, in.Note.Start, in.Note.End = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), end.Add(-time.Hour), end
	in.Now = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) // Tuesday: late without the holidays
	for _, f := range Check(in) {
		if f.RuleID == RuleLate {
			t.Fatalf("late on Dec 1 although Thanksgiving and the day after are holidays: %+v", f)
		}
	}
}
