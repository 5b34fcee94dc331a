package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// wfToday is the workforce tests' fixed today.
var wfToday = goldthread.NewDate(2026, 3, 2)

// wfSetup opens a fixture with the clock at noon on wfToday.
func wfSetup(t *testing.T, db *store.DB) *storetest.Fixture {
	t.Helper()
	clock := &storetest.Clock{T: wfToday.Add(12 * time.Hour)}
	db.Now = clock.Now
	return storetest.MustFixture(t, db)
}

// wfDays returns the date n days from wfToday (negative: before).
func wfDays(n int) goldthread.Date { return goldthread.DateOf(wfToday.AddDate(0, 0, n)) }

// wfCPSS is a CPSS issued issuedAgo days ago, expiring expiresIn days from today.
func wfCPSS(issuedAgo, expiresIn int) store.CredentialInput {
	return store.CredentialInput{Type: "CPSS", Number: "NC-12345", Issuer: "NCCPSS Program, UNC", Issued: wfDays(-issuedAgo),
		Expires: wfDays(expiresIn), Evidence: "certificate in HR file"}
}

// wfAudits counts audit events of action on recordType.
func wfAudits(t *testing.T, db *store.DB, action, recordType string) int {
	t.Helper()
	rows, err := db.QueryRaw(context.Background(), "SELECT COUNT(*) FROM audit_event WHERE action = ? AND record_type = ?", action, recordType)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int
	rows.Next()
	if err := rows.Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// wfOtherSupervisor adds a second supervisor who supervises OtherPeer only.
func wfOtherSupervisor(t *testing.T, db *store.DB, f *storetest.Fixture) goldthread.Actor {
	t.Helper()
	ctx := context.Background()
	s := goldthread.Staff{AgencyID: f.Agency.ID, Email: "super2@fixture.test", Name: "Sid Second", Roles: []goldthread.Role{goldthread.RoleSupervisor}}
	if err := db.CreateStaff(ctx, &s, "x", 0); err != nil {
		t.Fatal(err)
	}
	if err := db.LinkSupervisor(ctx, f.Agency.ID, s.ID, f.OtherPeer.UserID, false); err != nil {
		t.Fatal(err)
	}
	return goldthread.Actor{UserID: s.ID, AgencyID: f.Agency.ID, Name: s.Name, Roles: s.Roles}
}

func wfKind(t *testing.T, err error, kind string) {
	t.Helper()
	if goldthread.ErrorKind(err) != kind {
		t.Fatalf("error %v; want kind %s", err, kind)
	}
}

func TestCredentialWhoMayAdd(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		for name, a := range map[string]goldthread.Actor{"Administrator": f.Admin, "OwnSupervisor": f.Supervisor} {
			c, err := db.AddCredential(ctx, a, f.Peer.UserID, wfCPSS(100, 500))
			if err != nil || !c.Verified() || c.VerifiedBy != a.UserID {
				t.Errorf("%s adding a peer's credential: %+v, %v; want it verified by them", name, c, err)
			}
		}
		own, err := db.AddCredential(ctx, f.Peer, f.Peer.UserID, wfCPSS(100, 500))
		if err != nil || own.Verified() {
			t.Errorf("the person adding their own: %+v, %v; want it unverified", own, err)
		}
		for name, a := range map[string]goldthread.Actor{"OtherPeer": f.OtherPeer, "Clinician": f.Clinician, "Billing": f.Billing} {
			_, err := db.AddCredential(ctx, a, f.Peer.UserID, wfCPSS(100, 500))
			wfKind(t, err, goldthread.ENOTFOUND)
			_ = name
		}
		_, err = db.AddCredential(ctx, f.Supervisor, f.OtherPeer.UserID, wfCPSS(100, 500))
		wfKind(t, err, goldthread.ENOTFOUND) // not their team
		_, err = db.AddCredential(ctx, f.Auditor, f.Peer.UserID, wfCPSS(100, 500))
		wfKind(t, err, goldthread.EFORBIDDEN) // reads, changes nothing
		bad := wfCPSS(100, 500)
		bad.Number = " "
		_, err = db.AddCredential(ctx, f.Admin, f.Peer.UserID, bad)
		if goldthread.ErrorField(err) != "number" {
			t.Errorf("missing number: %v", err)
		}
	})
}

func TestOwnCredentialCountsOnlyOnceVerified(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		c, err := db.AddCredential(ctx, f.Peer, f.Peer.UserID, wfCPSS(100, 500))
		if err != nil {
			t.Fatal(err)
		}
		chk, _ := db.CredentialOnDate(ctx, f.Billing, f.Peer.UserID, wfToday)
		if chk.Valid || chk.Reason != goldthread.CredentialUnverified {
			t.Fatalf("self-entered credential: %+v; want unverified, not valid", chk)
		}
		_, err = db.VerifyCredential(ctx, f.Peer, c.ID)
		wfKind(t, err, goldthread.EFORBIDDEN)
		_, err = db.VerifyCredential(ctx, wfOtherSupervisor(t, db, f), c.ID)
		wfKind(t, err, goldthread.ENOTFOUND)
		if _, err := db.VerifyCredential(ctx, f.Supervisor, c.ID); err != nil {
			t.Fatal(err)
		}
		chk, _ = db.CredentialOnDate(ctx, f.Billing, f.Peer.UserID, wfToday)
		if !chk.Valid || chk.Credential == nil || chk.Credential.ID != c.ID {
			t.Fatalf("verified credential: %+v; want valid", chk)
		}
		ch := store.CredentialChange{CredentialInput: wfCPSS(100, 900)}
		_, err = db.UpdateCredential(ctx, f.Peer, c.ID, ch)
		wfKind(t, err, goldthread.EFORBIDDEN) // verified: only the supervisor or an administrator changes it now
	})
}

func TestCredentialOnDateGivesTheReason(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		chk, err := db.CredentialOnDate(ctx, f.Billing, f.Peer.UserID, wfToday)
		if err != nil || chk.Valid || chk.Reason != goldthread.CredentialMissing {
			t.Fatalf("no credential: %+v %v; want missing", chk, err)
		}
		old, err := db.AddCredential(ctx, f.Admin, f.Peer.UserID, wfCPSS(800, -10))
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			on     goldthread.Date
			accept []string
			want   string
		}{
			{wfDays(-10), nil, goldthread.CredentialValid}, // the expiry day itself counts
			{wfDays(-9), nil, goldthread.CredentialExpired},
			{wfDays(-900), nil, goldthread.CredentialNotYet},
			{wfDays(-20), []string{"CMPSS"}, goldthread.CredentialMissing}, // not a type the service accepts
		} {
			chk, err := db.CredentialOnDate(ctx, f.Peer, f.Peer.UserID, tc.on, tc.accept...)
			if err != nil || chk.Reason != tc.want || chk.Valid != (tc.want == goldthread.CredentialValid) {
				t.Errorf("on %s accepting %v: %+v %v; want %s", tc.on, tc.accept, chk, err, tc.want)
			}
		}
		renewed, _ := db.AddCredential(ctx, f.Admin, f.Peer.UserID, wfCPSS(5, 725))
		chk, _ = db.CredentialOnDate(ctx, f.Peer, f.Peer.UserID, wfToday, "CPSS")
		if !chk.Valid || chk.Credential.ID != renewed.ID {
			t.Errorf("after renewal: %+v", chk)
		}
		ch := store.CredentialChange{CredentialInput: wfCPSS(5, 725), Revoke: true}
		_, err = db.UpdateCredential(ctx, f.Supervisor, renewed.ID, ch)
		if goldthread.ErrorField(err) != "revoked_reason" {
			t.Fatalf("revocation without a reason: %v", err)
		}
		ch.RevokedReason = "revoked by the certification board"
		if _, err := db.UpdateCredential(ctx, f.Supervisor, renewed.ID, ch); err != nil {
			t.Fatal(err)
		}
		chk, _ = db.CredentialOnDate(ctx, f.Peer, f.Peer.UserID, wfToday)
		if chk.Valid || chk.Reason != goldthread.CredentialExpired || chk.Credential.ID != old.ID {
			t.Errorf("revoked renewal, expired original: %+v; want expired (the most telling reason)", chk)
		}
		chk, _ = db.CredentialOnDate(ctx, f.Peer, f.Peer.UserID, wfDays(-20))
		if !chk.Valid {
			t.Errorf("before the old one expired it was valid: %+v", chk)
		}
		only, _ := db.AddCredential(ctx, f.Admin, f.OtherPeer.UserID, wfCPSS(5, 725))
		db.UpdateCredential(ctx, f.Admin, only.ID, store.CredentialChange{CredentialInput: wfCPSS(5, 725), Revoke: true, RevokedReason: "board"})
		chk, _ = db.CredentialOnDate(ctx, f.Peer, f.OtherPeer.UserID, wfToday)
		if chk.Reason != goldthread.CredentialRevoked {
			t.Errorf("only a revoked credential: %+v; want revoked", chk)
		}
		_, err = db.UpdateCredential(ctx, f.Admin, only.ID, store.CredentialChange{CredentialInput: wfCPSS(5, 725)})
		wfKind(t, err, goldthread.ECONFLICT)
		_, err = db.CredentialOnDate(ctx, f.ParticipantUser, f.Peer.UserID, wfToday)
		wfKind(t, err, goldthread.EFORBIDDEN)
	})
}

func TestCredentialExpiryFromRulePack(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := wfSetup(t, db)
		in := wfCPSS(10, 0)
		in.Expires = goldthread.Date{}
		c, err := db.AddCredential(context.Background(), f.Admin, f.Peer.UserID, in)
		if err != nil || c.Expires != goldthread.DateOf(in.Issued.AddDate(2, 0, 0)) {
			t.Fatalf("CPSS without expiry: %v %v; want issue + 24 months (NC pack)", c.Expires, err)
		}
	})
}

func TestCredentialAlertsAt90_60_30Days(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		for _, c := range []struct {
			who     goldthread.Actor
			typ     string
			expires int
		}{
			{f.Peer, "CPSS", 23}, {f.Peer, "CMPSS", 59}, {f.Peer, "NYCPS", 90}, {f.Peer, "FPA", 91}, {f.Peer, "YPA", -10},
			{f.OtherPeer, "CPSS", 10},
		} {
			in := wfCPSS(400, c.expires)
			in.Type = c.typ
			if _, err := db.AddCredential(ctx, f.Admin, c.who.UserID, in); err != nil {
				t.Fatal(err)
			}
		}
		got := func(a goldthread.Actor) map[string]int {
			alerts, err := db.ExpiringCredentials(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			m := map[string]int{}
			for _, al := range alerts {
				m[al.Credential.StaffName+" "+al.Credential.Type] = al.Threshold
			}
			return m
		}
		want := map[string]int{"Pat Peer CPSS": 30, "Pat Peer CMPSS": 60, "Pat Peer NYCPS": 90, "Pat Peer YPA": 0}
		for name, a := range map[string]goldthread.Actor{"the person": f.Peer, "their supervisor": f.Supervisor} {
			if g := got(a); len(g) != len(want) || g["Pat Peer CPSS"] != 30 || g["Pat Peer CMPSS"] != 60 || g["Pat Peer NYCPS"] != 90 || g["Pat Peer YPA"] != 0 {
				t.Errorf("%s sees %v; want %v (no alert at 91 days, none for another team)", name, g, want)
			}
		}
		if g := got(f.Admin); len(g) != 5 || g["Oli Other CPSS"] != 30 {
			t.Errorf("administrator sees %v; want every peer's", g)
		}
		if _, err := db.AddCredential(ctx, f.Admin, f.Peer.UserID, wfCPSS(1, 729)); err != nil {
			t.Fatal(err)
		}
		if _, ok := got(f.Peer)["Pat Peer CPSS"]; ok {
			t.Error("a renewal must end the alert of the credential it replaces")
		}
	})
}

func TestCredentialChangesAudited(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		c, err := db.AddCredential(ctx, f.Peer, f.Peer.UserID, wfCPSS(10, 700))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateCredential(ctx, f.Peer, c.ID, store.CredentialChange{CredentialInput: wfCPSS(10, 710)}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.VerifyCredential(ctx, f.Supervisor, c.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdateCredential(ctx, f.Admin, c.ID, store.CredentialChange{CredentialInput: wfCPSS(10, 710), Revoke: true, RevokedReason: "board"}); err != nil {
			t.Fatal(err)
		}
		if n, u := wfAudits(t, db, goldthread.ActionCreate, "credential"), wfAudits(t, db, goldthread.ActionUpdate, "credential"); n != 1 || u != 3 {
			t.Fatalf("%d create and %d update events; want 1 and 3", n, u)
		}
		rows, _ := db.QueryRaw(ctx, "SELECT detail FROM audit_event WHERE record_type = ? ORDER BY seq DESC", "credential")
		defer rows.Close()
		rows.Next()
		var detail string
		rows.Scan(&detail)
		if !strings.Contains(detail, "revoked=true") {
			t.Errorf("the revocation's audit detail %q does not say so", detail)
		}
	})
}

func TestCEHoursAgainstRenewalRequirement(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := wfSetup(t, db)
		if _, err := db.AddCredential(ctx, f.Admin, f.Peer.UserID, wfCPSS(300, 430)); err != nil {
			t.Fatal(err)
		}
		for _, e := range []store.CEInput{
			{Taken: wfDays(-20), Minutes: 6 * 60, EthicsMinutes: 2 * 60, Topic: "Ethics and boundaries", Evidence: "certificate 881"},
			{Taken: wfDays(-200), Minutes: 90, Topic: "WRAP refresher", Evidence: "certificate 512"},
			{Taken: wfDays(-400), Minutes: 5 * 60, Topic: "Before this period", Evidence: "certificate 101"},
		} {
			if _, err := db.AddCEHours(ctx, f.Peer, f.Peer.UserID, e); err != nil {
				t.Fatal(err)
			}
		}
		_, err := db.AddCEHours(ctx, f.Peer, f.Peer.UserID, store.CEInput{Taken: wfDays(-1), Minutes: 60, Topic: "x"})
		if goldthread.ErrorField(err) != "evidence" {
			t.Errorf("hours without evidence: %v", err)
		}
		_, err = db.AddCEHours(ctx, f.OtherPeer, f.Peer.UserID, store.CEInput{Taken: wfDays(-1), Minutes: 60, Topic: "x", Evidence: "y"})
		wfKind(t, err, goldthread.ENOTFOUND)
		totals, err := db.CETotals(ctx, f.Supervisor, f.Peer.UserID)
		if err != nil || len(totals) != 1 {
			t.Fatalf("%v %v", totals, err)
		}
		tot := totals[0]
		if tot.Minutes != 7*60+30 || tot.EthicsMinutes != 120 || tot.RequiredHours != 20 || tot.RequiredEthics != 3 ||
			!strings.Contains(tot.Source, "S12") || tot.Status != "confirmed" {
			t.Errorf("totals %+v; want 7.5 h (2 ethics) of 20 (3 ethics) from the NC pack, S12", tot)
		}
		if tot.HoursShort() != 12.5 || tot.EthicsShort() != 1 || tot.Met() {
			t.Errorf("short %v h, %v ethics", tot.HoursShort(), tot.EthicsShort())
		}
		if n := wfAudits(t, db, goldthread.ActionCreate, "ce_hours"); n != 3 {
			t.Errorf("%d CE audit events; want 3", n)
		}
	})
}
