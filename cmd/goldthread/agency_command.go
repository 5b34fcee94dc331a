package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/password"
	"github.com/goldthread/goldthread/internal/store"
)

const agencyUsage = `Usage: goldthread agency create --name NAME --slug SLUG --admin-name NAME --admin-email EMAIL [--time-zone ZONE] [--db URL] < password-file

Creates an agency and its first administrator, whose first password is the
first line of standard input (never a flag: flags show in the process list).`

// runAgency is the operator's command for agencies: `agency create` sets
// up one without the first-run page (a second agency on the same
// database, or a scripted install).
func runAgency(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(e.stderr, agencyUsage)
		return 2
	}
	fs := newFlags(e, "agency create", "--name NAME --slug SLUG --admin-name NAME --admin-email EMAIL [--time-zone ZONE] [--db URL] < password-file")
	dbURL := dbFlag(e, fs)
	name := fs.String("name", "", "the agency's name")
	slug := fs.String("slug", "", "a short name of lower-case letters, digits and dashes")
	zone := fs.String("time-zone", "UTC", "the IANA time zone the agency works in, such as America/New_York")
	adminName := fs.String("admin-name", "", "the first administrator's name")
	adminEmail := fs.String("admin-email", "", "the email the first administrator signs in with")
	if code, ok := parse(fs, args[1:]); !ok {
		return code
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		fmt.Fprintf(e.stderr, "goldthread agency create: give the administrator's first password on standard input (%v).\n", err)
		return 2
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return 1
	}
	defer db.Close()
	a, admin, err := db.CreateAgencyWithAdministrator(ctx, store.NewAgency{
		Agency:    goldthread.Agency{Name: *name, Slug: *slug, TimeZone: *zone},
		AdminName: *adminName, Email: *adminEmail, Password: pw}, password.Default)
	if err != nil {
		field := goldthread.ErrorField(err)
		flagName := map[string]string{"name": "--name", "slug": "--slug", "time_zone": "--time-zone", "admin_name": "--admin-name",
			"email": "--admin-email", "password": "the password on standard input"}[field]
		if flagName == "" {
			flagName = "goldthread agency create"
		}
		fmt.Fprintf(e.stderr, "%s: %s\n", flagName, goldthread.ErrorMessage(err))
		if goldthread.ErrorKind(err) == goldthread.EINVALID {
			return 2
		}
		return 1
	}
	fmt.Fprintf(e.stdout, "agency %d %q created in %s; %s signs in as %s\n", a.ID, a.Slug, db.Source(), admin.Name, admin.Email)
	return 0
}
