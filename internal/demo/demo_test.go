package demo

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// cheap keeps the test's one hash fast; the server uses HashCost.
var cheap = password.Params{Memory: 64, Time: 1, Threads: 1}

// counts reads the row counts Load must not change on a second run.
func counts(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"agency", "program", "app_user", "participant", "enrollment", "caseload", "audit_event"} {
		rows, err := db.QueryRaw(context.Background(), "SELECT COUNT(*) FROM "+table)
		if err != nil {
			t.Fatal(err)
		}
		rows.Next()
		var n int
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		out[table] = n
	}
	return out
}

// luhnNPI reports whether npi is 10 digits whose last is the Luhn check
// digit of the other nine behind the 80840 card-issuer prefix, as CMS
// defines the NPI check digit.
func luhnNPI(npi string) bool {
	if !regexp.MustCompile(`^[0-9]{10}$`).MatchString(npi) {
		return false
	}
	s := "80840" + npi
	sum := 0
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if (len(s)-1-i)%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

func TestLuhnNPI(t *testing.T) {
	// 1234567893 is the worked example of the CMS check-digit paper.
	if !luhnNPI("1234567893") || luhnNPI("1234567890") || luhnNPI("123456789") {
		t.Fatal("the test's own NPI check is wrong")
	}
}

func TestAccounts(t *testing.T) {
	accs := Accounts()
	if len(accs) != len(goldthread.Roles) {
		t.Fatalf("%d accounts, want one per role (%d)", len(accs), len(goldthread.Roles))
	}
	for i, a := range accs {
		if a.Role != goldthread.Roles[i] {
			t.Errorf("account %d is %s, want %s (the order of goldthread.Roles)", i, a.Role, goldthread.Roles[i])
		}
		if a.Email == "" || a.Name == "" || a.Note == "" {
			t.Errorf("account %d (%s) lacks an email, name or note: %+v", i, a.Role, a)
		}
	}
	if accs[0].Email != "dana@riverbend.example" || accs[len(accs)-1].Email != "marcus@riverbend.example" {
		t.Errorf("the peer and participant sign-ins are %s and %s, want Dana and Marcus", accs[0].Email, accs[len(accs)-1].Email)
	}
}

// TestAgesStayPut checks the birth-date arithmetic on awkward todays: every
// participant keeps their table age whatever the day of loading.
func TestAgesStayPut(t *testing.T) {
	for _, today := range []goldthread.Date{goldthread.NewDate(2028, 2, 29), goldthread.NewDate(2027, 3, 1),
		goldthread.NewDate(2026, 1, 1), goldthread.NewDate(2026, 12, 31)} {
		for _, p := range people {
			if got := birthDate(today, p.age, p.born).AgeOn(today); got != p.age {
				t.Errorf("on %s %s is %d, want %d", today, p.key, got, p.age)
			}
		}
	}
}

func TestLoad(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		today := Today(time.Now())
		loaded, err := Load(ctx, db, today, cheap)
		if err != nil || !loaded {
			t.Fatalf("first Load = %v, %v; want true", loaded, err)
		}
		first := counts(t, db)
		want := map[string]int{"agency": 1, "program": 3, "app_user": len(staff) + 1, "participant": 25, "enrollment": 25, "caseload": 25}
		for table, n := range want {
			if first[table] != n {
				t.Errorf("%s has %d rows, want %d", table, first[table], n)
			}
		}
		if first["audit_event"] < first["program"]+first["app_user"]+3*first["participant"] {
			t.Errorf("only %d audit events: the demo bypassed the store API", first["audit_event"])
		}

		t.Run("SecondLoadChangesNothing", func(t *testing.T) {
			loaded, err := Load(ctx, db, today, cheap)
			if err != nil || loaded {
				t.Fatalf("second Load = %v, %v; want false, nil", loaded, err)
			}
			if again := counts(t, db); !maps.Equal(first, again) {
				t.Fatalf("counts changed on the second Load: %v, then %v", first, again)
			}
		})

		t.Run("OneSharedHash", func(t *testing.T) {
			rows, err := db.QueryRaw(ctx, "SELECT COUNT(DISTINCT password_hash) FROM app_user")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var n int
			if rows.Next() {
				rows.Scan(&n)
			}
			if n != 1 {
				t.Fatalf("%d distinct password hashes, want 1 (hash once, reuse)", n)
			}
		})

		t.Run("AuditChainHolds", func(t *testing.T) {
			if _, brk, err := db.VerifyAudit(ctx); err != nil || brk != nil {
				t.Fatalf("VerifyAudit = %v, %v", brk, err)
			}
		})

		actors := map[goldthread.Role]goldthread.Actor{}
		t.Run("EveryAccountSignsIn", func(t *testing.T) {
			for _, a := range Accounts() {
				step, err := db.SignIn(ctx, a.Email, Password, "127.0.0.1", store.SessionWeb, store.DefaultSessionPolicy)
				actor := step.Actor
				if err != nil {
					t.Fatalf("%s (%s) cannot sign in: %v", a.Email, a.Role, err)
				}
				if actor.PrimaryRole() != a.Role {
					t.Errorf("%s signs in as %s, want %s", a.Email, actor.PrimaryRole(), a.Role)
				}
				actors[a.Role] = actor
			}
		})
		if t.Failed() {
			return
		}

		reach := func(r goldthread.Role) ([]goldthread.Participant, error) {
			return db.ListParticipants(ctx, actors[r], goldthread.ParticipantFilter{Limit: 500})
		}
		t.Run("Reach", func(t *testing.T) {
			for _, c := range []struct {
				role goldthread.Role
				n    int
			}{{goldthread.RolePeer, 8}, {goldthread.RoleSupervisor, 19}, {goldthread.RoleClinician, 25},
				{goldthread.RoleBilling, 25}, {goldthread.RoleAuditor, 25}, {goldthread.RoleParticipant, 1}} {
				ps, err := reach(c.role)
				if err != nil || len(ps) != c.n {
					t.Errorf("%s reaches %d participants (%v), want %d", c.role, len(ps), err, c.n)
				}
			}
			if _, err := reach(goldthread.RoleAdministrator); goldthread.ErrorKind(err) != goldthread.EFORBIDDEN {
				t.Errorf("the administrator lists participants: %v, want %s", err, goldthread.EFORBIDDEN)
			}
			dana, _ := reach(goldthread.RolePeer)
			if !slices.ContainsFunc(dana, func(p goldthread.Participant) bool { return p.DisplayName() == "Marcus Bell" }) {
				t.Error("Marcus Bell is not on Dana's caseload")
			}
			me, _ := reach(goldthread.RoleParticipant)
			if len(me) != 1 || me[0].ID != actors[goldthread.RoleParticipant].ParticipantID || me[0].DisplayName() != "Marcus Bell" {
				t.Errorf("Marcus's own account reaches %+v, want his own record", me)
			}
		})

		t.Run("Participants", func(t *testing.T) {
			shape := map[string]*regexp.Regexp{
				"NC": regexp.MustCompile(`^[0-9]{9}[A-Z]$`),
				"CA": regexp.MustCompile(`^[0-9]{8}[A-Z]$`),
				"NY": regexp.MustCompile(`^[A-Z]{2}[0-9]{5}[A-Z]$`),
			}
			states := map[string]string{}
			progs, err := db.Programs(ctx, actors[goldthread.RoleClinician].AgencyID)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range progs {
				states[g.Name] = g.State
			}
			all, _ := reach(goldthread.RoleClinician)
			seen := map[string]bool{}
			for _, row := range all {
				p, err := db.Participant(ctx, actors[goldthread.RoleClinician], row.ID)
				if err != nil {
					t.Fatal(err)
				}
				name := p.DisplayName()
				if len(p.Enrollments) != 1 || len(p.AssignedPeers) != 1 {
					t.Errorf("%s has %d enrollments and %d peers, want 1 and 1", name, len(p.Enrollments), len(p.AssignedPeers))
					continue
				}
				state := states[p.Enrollments[0].ProgramName]
				if re := shape[state]; re == nil || !re.MatchString(p.MedicaidID) {
					t.Errorf("%s: Medicaid ID %q does not have the %s shape", name, p.MedicaidID, state)
				}
				if seen[p.MedicaidID] {
					t.Errorf("%s: Medicaid ID %q is used twice", name, p.MedicaidID)
				}
				seen[p.MedicaidID] = true
				if p.Address.State != state {
					t.Errorf("%s lives in %q but is enrolled in a %s program", name, p.Address.State, state)
				}
				if age := p.BirthDate.AgeOn(today); age < 19 || age > 67 {
					t.Errorf("%s is %d, want 19–67", name, age)
				}
				if !regexp.MustCompile(`^\([0-9]{3}\) 555-01[0-9]{2}$`).MatchString(p.Phone) {
					t.Errorf("%s: phone %q is outside the fictional 555-01xx range", name, p.Phone)
				}
				if start := p.Enrollments[0].Start; start.After(today.Time) || start.Before(today.AddDate(-2, 0, -1)) {
					t.Errorf("%s enrolled on %s, want within two years before %s", name, start, today)
				}
			}
		})

		t.Run("NPIs", func(t *testing.T) {
			a, err := db.AgencyBySlug(ctx, Slug)
			if err != nil {
				t.Fatal(err)
			}
			if !luhnNPI(a.Billing.NPI) {
				t.Errorf("agency NPI %q fails the check digit", a.Billing.NPI)
			}
			// The demo's identity can go on a claim, and is a placeholder:
			// demo claims are test files only.
			if err := store.CheckBillingIdentity(a.Billing); err != nil || !a.Billing.Placeholder || a.Billing.PayTo == nil {
				t.Errorf("demo billing identity %+v: %v", a.Billing, err)
			}
			list, err := db.StaffList(ctx, actors[goldthread.RoleAdministrator])
			if err != nil {
				t.Fatal(err)
			}
			withNPI := 0
			for _, s := range list {
				needs := slices.Contains(s.Roles, goldthread.RolePeer) || slices.Contains(s.Roles, goldthread.RoleClinician)
				if needs && s.NPI == "" {
					t.Errorf("%s renders services but has no NPI", s.Name)
				}
				if s.RendersServices() && (s.FirstName == "" || s.LastName == "") {
					t.Errorf("%s renders services but has no first and last names", s.Name)
				}
				if s.NPI != "" {
					withNPI++
					if !luhnNPI(s.NPI) {
						t.Errorf("%s: NPI %q fails the check digit", s.Name, s.NPI)
					}
				}
			}
			if len(list) < 10 || withNPI < 5 {
				t.Errorf("%d staff, %d with an NPI; want at least 10 and 5", len(list), withNPI)
			}
		})
	})
}
