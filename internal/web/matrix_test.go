package web_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goldthread/goldthread"
	"github.com/goldthread/goldthread/internal/store/storetest"
)

// routeAccess is the classified answer for every route: who may use it,
// written out here and nowhere else (in the order of routeTable), apart from
// the server's own table so that a change of access shows up twice.
// "public" means anyone. A route missing here, or listed here but gone from
// the server, fails TestRoleRouteMatrix until someone classifies it.
var routeAccess = map[string][]string{
	// Anyone.
	"GET /healthz":                      {"public"},
	"GET /readyz":                       {"public"},
	"GET /static/{file}":                {"public"},
	"GET /favicon.ico":                  {"public"},
	"GET /sw.js":                        {"public"},
	"GET /offline":                      {"public"},
	"GET /{$}":                          {"public"},
	"GET /signin":                       {"public"},
	"POST /signin":                      {"public"},
	"GET /signin/code":                  {"public"},
	"POST /signin/code":                 {"public"},
	"POST /signin/passkey/options":      {"public"},
	"POST /signin/passkey":              {"public"},
	"POST /signin/code/passkey/options": {"public"},
	"POST /signin/code/passkey":         {"public"},
	"POST /signin/sso":                  {"public"},
	"GET /signin/sso/callback":          {"public"},
	"GET /setup":                        {"public"},
	"POST /setup":                       {"public"},
	"GET /portal/join":                  {"public"},
	"POST /portal/join":                 {"public"},
	"GET /api/openapi.json":             {"public"},
	"POST /api/v1/tokens":               {"public"},
	"POST /api/v1/portal/join":          {"public"},

	// Everyone signed in: their session, Today, their own account.
	"POST /signout":                         {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /session/keepalive":               {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"GET /today":                            {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"GET /account":                          {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /account/password":                {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /account/language":                {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"GET /account/mfa":                      {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /account/mfa/start":               {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /account/mfa/confirm":             {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /account/mfa/disable":             {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /account/passkeys/options":        {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /account/passkeys":                {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /account/passkeys/{id}/remove":    {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /account/passkeys/reauth/options": {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"POST /account/passkeys/reauth":         {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"DELETE /api/v1/tokens/current":         {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"GET /api/v1/me":                        {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},
	"PUT /api/v1/me/language":               {"peer", "supervisor", "clinician", "billing", "administrator", "auditor", "participant"},

	// Participants, intake, import.
	"GET /participants":                                       {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"GET /participants/{id}":                                  {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"GET /participants/new":                                   {"supervisor", "clinician", "administrator"},
	"POST /participants":                                      {"supervisor", "clinician", "administrator"},
	"GET /participants/import":                                {"supervisor", "clinician", "administrator"},
	"POST /participants/import":                               {"supervisor", "clinician", "administrator"},
	"POST /participants/import/fhir":                          {"supervisor", "clinician", "administrator"},
	"GET /participants/{id}/edit":                             {"peer", "supervisor", "clinician"},
	"POST /participants/{id}/edit":                            {"peer", "supervisor", "clinician"},
	"POST /participants/{id}/enrolments":                      {"supervisor", "clinician"},
	"POST /participants/{id}/enrolments/{program}/end":        {"supervisor", "clinician"},
	"GET /emergency-access":                                   {"peer", "supervisor", "clinician"},
	"POST /emergency-access":                                  {"peer", "supervisor", "clinician"},
	"GET /api/v1/participants":                                {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"GET /api/v1/participants/{id}":                           {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"POST /api/v1/participants":                               {"supervisor", "clinician", "administrator"},
	"PUT /api/v1/participants/{id}":                           {"peer", "supervisor", "clinician"},
	"POST /api/v1/participants/{id}/enrolments":               {"supervisor", "clinician"},
	"POST /api/v1/participants/{id}/enrolments/{program}/end": {"supervisor", "clinician"},
	"GET /api/v1/peers":                                       {"supervisor", "clinician", "administrator"},
	"POST /api/v1/participants/import":                        {"supervisor", "clinician", "administrator"},
	"POST /api/fhir/Patient":                                  {"supervisor", "clinician", "administrator"},

	// Plans, crisis plans, eligibility, consents, care teams, discharges.
	"GET /participants/{id}/plans/new":              {"peer", "supervisor", "clinician"},
	"POST /participants/{id}/plans":                 {"peer", "supervisor", "clinician"},
	"GET /plans/{id}":                               {"peer", "supervisor", "clinician", "auditor", "participant"},
	"GET /plans/{id}/edit":                          {"peer", "supervisor", "clinician"},
	"POST /plans/{id}/edit":                         {"peer", "supervisor", "clinician"},
	"POST /plans/{id}/sign":                         {"peer", "clinician", "participant"},
	"POST /plans/{id}/versions":                     {"peer", "supervisor", "clinician"},
	"POST /plans/{id}/reviews":                      {"peer", "supervisor", "clinician"},
	"GET /participants/{id}/crisis":                 {"peer", "supervisor", "clinician", "auditor", "participant"},
	"GET /plans/{id}/crisis/edit":                   {"peer", "supervisor", "clinician"},
	"POST /plans/{id}/crisis":                       {"peer", "supervisor", "clinician"},
	"GET /plans/{id}/wrap":                          {"peer", "supervisor", "clinician", "auditor", "participant"},
	"GET /participants/{id}/eligibility":            {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"POST /participants/{id}/assessments":           {"clinician"},
	"POST /participants/{id}/diagnoses":             {"clinician"},
	"POST /participants/{id}/orders":                {"clinician"},
	"POST /participants/{id}/authorizations":        {"clinician"},
	"GET /participants/{id}/consents":               {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /participants/{id}/consents":              {"peer", "supervisor", "clinician"},
	"POST /consents/{id}/revoke":                    {"peer", "supervisor", "clinician"},
	"POST /consents/{id}/document":                  {"peer", "supervisor", "clinician"},
	"GET /consents/{id}/document":                   {"peer", "supervisor", "clinician"},
	"POST /consents/{id}/verify":                    {"supervisor", "clinician"},
	"GET /participants/{id}/careteam":               {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /participants/{id}/careteam":              {"peer", "supervisor", "clinician"},
	"GET /participants/{id}/discharge":              {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /participants/{id}/discharge":             {"peer", "supervisor", "clinician"},
	"GET /api/v1/participants/{id}/plans":           {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /api/v1/participants/{id}/plans":          {"peer", "supervisor", "clinician"},
	"GET /api/v1/plans/{id}":                        {"peer", "supervisor", "clinician", "auditor", "participant"},
	"PUT /api/v1/plans/{id}":                        {"peer", "supervisor", "clinician"},
	"POST /api/v1/plans/{id}/signatures":            {"peer", "clinician", "participant"},
	"POST /api/v1/plans/{id}/versions":              {"peer", "supervisor", "clinician"},
	"PUT /api/v1/plans/{id}/crisis":                 {"peer", "supervisor", "clinician"},
	"GET /api/v1/plans/{id}/wrap":                   {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /api/v1/plans/{id}/reviews":               {"peer", "supervisor", "clinician"},
	"GET /api/v1/plan-reviews/due":                  {"peer", "supervisor", "clinician"},
	"GET /api/v1/participants/{id}/thread":          {"peer", "supervisor", "clinician", "auditor", "participant"},
	"GET /api/v1/participants/{id}/eligibility":     {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"POST /api/v1/participants/{id}/assessments":    {"clinician"},
	"POST /api/v1/participants/{id}/diagnoses":      {"clinician"},
	"POST /api/v1/participants/{id}/service-orders": {"clinician"},
	"POST /api/v1/participants/{id}/authorizations": {"clinician"},
	"GET /api/v1/participants/{id}/consents":        {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /api/v1/participants/{id}/consents":       {"peer", "supervisor", "clinician"},
	"POST /api/v1/consents/{id}/revocation":         {"peer", "supervisor", "clinician"},
	"POST /api/v1/consents/{id}/verification":       {"supervisor", "clinician"},
	"GET /api/v1/participants/{id}/care-team":       {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /api/v1/participants/{id}/care-team":      {"peer", "supervisor", "clinician"},
	"GET /api/v1/participants/{id}/discharges":      {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /api/v1/participants/{id}/discharges":     {"peer", "supervisor", "clinician"},
	"GET /api/fhir/Patient/{id}/$everything":        {"peer", "supervisor", "clinician", "auditor", "participant"},

	// Service notes.
	"GET /participants/{id}/notes/new":  {"peer", "supervisor"},
	"POST /participants/{id}/notes":     {"peer", "supervisor"},
	"POST /notes/coach":                 {"peer", "supervisor"},
	"GET /notes/{id}":                   {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"GET /notes/{id}/edit":              {"peer", "supervisor"},
	"POST /notes/{id}":                  {"peer", "supervisor"},
	"POST /notes/{id}/words":            {"peer", "supervisor"},
	"POST /notes/{id}/dismiss":          {"peer", "supervisor"},
	"POST /notes/{id}/fix":              {"peer", "supervisor"},
	"GET /notes/{id}/sign":              {"peer", "supervisor"},
	"POST /notes/{id}/sign":             {"peer", "supervisor"},
	"GET /notes/{id}/addenda/new":       {"peer", "supervisor"},
	"POST /notes/{id}/addenda":          {"peer", "supervisor"},
	"GET /api/v1/notes":                 {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"POST /api/v1/notes":                {"peer", "supervisor"},
	"GET /api/v1/notes/{id}":            {"peer", "supervisor", "clinician", "billing", "auditor", "participant"},
	"PUT /api/v1/notes/{id}":            {"peer", "supervisor"},
	"GET /api/v1/notes/{id}/sign-check": {"peer", "supervisor"},
	"POST /api/v1/notes/{id}/fixes":     {"peer", "supervisor"},
	"POST /api/v1/notes/{id}/sign":      {"peer", "supervisor"},
	"POST /api/v1/reauth":               {"peer", "supervisor"},
	"POST /api/v1/notes/{id}/addenda":   {"peer", "supervisor"},
	"GET /api/v1/notes/{id}/findings":   {"peer", "supervisor", "clinician", "billing", "auditor"},
	"GET /api/v1/notes/{id}/thread":     {"peer", "supervisor", "clinician", "billing", "administrator", "auditor"},

	// Supervisor review.
	"GET /review":                       {"supervisor"},
	"POST /review/approvals":            {"supervisor"},
	"GET /notes/{id}/review":            {"peer", "supervisor", "clinician", "auditor"},
	"POST /notes/{id}/approve":          {"supervisor"},
	"POST /notes/{id}/return":           {"supervisor"},
	"POST /notes/{id}/comments":         {"peer", "supervisor"},
	"POST /notes/{id}/overrides":        {"supervisor"},
	"GET /api/v1/review-queue":          {"supervisor"},
	"GET /api/v1/notes/{id}/review":     {"peer", "supervisor", "clinician", "auditor"},
	"POST /api/v1/notes/approvals":      {"supervisor"},
	"POST /api/v1/notes/{id}/return":    {"supervisor"},
	"POST /api/v1/notes/{id}/comments":  {"peer", "supervisor"},
	"POST /api/v1/notes/{id}/overrides": {"supervisor"},

	// Group sessions.
	"GET /groups":                                {"peer", "supervisor"},
	"GET /groups/new":                            {"peer", "supervisor"},
	"POST /groups":                               {"peer", "supervisor"},
	"GET /groups/{id}":                           {"peer", "supervisor", "clinician", "auditor"},
	"POST /groups/{id}":                          {"peer", "supervisor"},
	"POST /groups/{id}/sign":                     {"peer", "supervisor"},
	"GET /api/v1/groups":                         {"peer", "supervisor"},
	"POST /api/v1/groups":                        {"peer", "supervisor"},
	"GET /api/v1/programs/{id}/group-candidates": {"peer", "supervisor"},
	"GET /api/v1/groups/{id}":                    {"peer", "supervisor", "clinician", "auditor"},
	"PUT /api/v1/groups/{id}":                    {"peer", "supervisor"},
	"GET /api/v1/groups/{id}/plans":              {"peer", "supervisor"},
	"PUT /api/v1/groups/{id}/attendees/{pid}":    {"peer", "supervisor"},
	"DELETE /api/v1/groups/{id}/attendees/{pid}": {"peer", "supervisor"},
	"POST /api/v1/groups/{id}/sign":              {"peer", "supervisor"},

	// Planned visits, recovery capital.
	"GET /participants/{id}/visits/new":               {"peer", "supervisor"},
	"POST /participants/{id}/visits":                  {"peer", "supervisor"},
	"POST /visits/{id}/cancel":                        {"peer", "supervisor"},
	"GET /participants/{id}/recovery-capital/new":     {"peer", "supervisor", "clinician"},
	"POST /participants/{id}/recovery-capital":        {"peer", "supervisor", "clinician"},
	"GET /api/v1/today":                               {"peer", "supervisor"},
	"POST /api/v1/visits":                             {"peer", "supervisor"},
	"POST /api/v1/participants/{id}/recovery-capital": {"peer", "supervisor", "clinician"},

	// The participant's side of the record; portal accounts.
	"GET /me/record":                                        {"participant"},
	"POST /participants/{id}/record.pdf":                    {"participant"},
	"POST /participants/{id}/record.fhir.json":              {"participant"},
	"GET /portal/welcome":                                   {"participant"},
	"GET /participants/{id}/disclosures":                    {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /participants/{id}/disclosures":                   {"peer", "supervisor", "clinician"},
	"GET /participants/{id}/access-log":                     {"clinician", "auditor", "participant"},
	"GET /amendments/new":                                   {"participant"},
	"POST /amendments":                                      {"participant"},
	"GET /amendments/{id}":                                  {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /amendments/{id}/decision":                        {"supervisor", "clinician"},
	"POST /amendments/{id}/statement":                       {"participant"},
	"GET /participants/{id}/portal-account":                 {"peer", "supervisor", "clinician"},
	"POST /participants/{id}/portal-account/invitation":     {"peer", "supervisor", "clinician"},
	"POST /participants/{id}/portal-account/disable":        {"peer", "supervisor", "clinician"},
	"POST /participants/{id}/portal-account/enable":         {"peer", "supervisor", "clinician"},
	"GET /api/v1/participants/{id}/record":                  {"peer", "supervisor", "clinician", "auditor", "participant"},
	"GET /api/v1/participants/{id}/disclosures":             {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /api/v1/participants/{id}/disclosures":            {"peer", "supervisor", "clinician", "participant"},
	"GET /api/v1/participants/{id}/access-log":              {"clinician", "auditor", "participant"},
	"GET /api/v1/participants/{id}/amendments":              {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /api/v1/amendments":                               {"participant"},
	"GET /api/v1/amendments/{id}":                           {"peer", "supervisor", "clinician", "auditor", "participant"},
	"POST /api/v1/amendments/{id}/decision":                 {"supervisor", "clinician"},
	"POST /api/v1/amendments/{id}/statement":                {"participant"},
	"POST /api/v1/participants/{id}/portal-invitation":      {"peer", "supervisor", "clinician"},
	"GET /api/v1/participants/{id}/portal-account":          {"peer", "supervisor", "clinician"},
	"POST /api/v1/participants/{id}/portal-account/disable": {"peer", "supervisor", "clinician"},
	"POST /api/v1/participants/{id}/portal-account/enable":  {"peer", "supervisor", "clinician"},

	// Staff and the workforce.
	"GET /staff":                              {"supervisor", "administrator"},
	"GET /staff/new":                          {"administrator"},
	"POST /staff":                             {"administrator"},
	"GET /staff/{id}":                         {"administrator"},
	"POST /staff/{id}":                        {"administrator"},
	"POST /staff/{id}/password":               {"administrator"},
	"POST /staff/{id}/revoke":                 {"administrator"},
	"POST /staff/{id}/reset-mfa":              {"administrator"},
	"POST /staff/{id}/unlink-sso":             {"administrator"},
	"POST /staff/grants/{id}/approve":         {"administrator"},
	"POST /staff/grants/{id}/decline":         {"administrator"},
	"GET /team":                               {"supervisor", "administrator"},
	"POST /team/settings":                     {"administrator"},
	"GET /staff/{id}/credentials":             {"peer", "supervisor", "clinician", "billing", "administrator", "auditor"},
	"POST /staff/{id}/credentials":            {"peer", "supervisor", "clinician", "billing", "administrator"},
	"POST /staff/{id}/ce":                     {"peer", "supervisor", "clinician", "billing", "administrator"},
	"GET /credentials/{id}/edit":              {"peer", "supervisor", "clinician", "billing", "administrator"},
	"POST /credentials/{id}":                  {"peer", "supervisor", "clinician", "billing", "administrator"},
	"POST /credentials/{id}/verify":           {"supervisor", "administrator"},
	"GET /supervision":                        {"peer", "supervisor", "administrator", "auditor"},
	"GET /supervision/new":                    {"supervisor"},
	"POST /supervision":                       {"supervisor"},
	"GET /caseloads":                          {"supervisor", "administrator"},
	"POST /caseloads":                         {"supervisor", "administrator"},
	"GET /api/v1/staff":                       {"supervisor", "administrator"},
	"POST /api/v1/staff":                      {"administrator"},
	"GET /api/v1/staff/{id}":                  {"administrator"},
	"PUT /api/v1/staff/{id}":                  {"administrator"},
	"GET /api/v1/team":                        {"supervisor", "administrator"},
	"GET /api/v1/credential-alerts":           {"peer", "supervisor", "clinician", "billing", "administrator", "auditor"},
	"GET /api/v1/staff/{id}/credentials":      {"peer", "supervisor", "clinician", "billing", "administrator", "auditor"},
	"POST /api/v1/staff/{id}/credentials":     {"peer", "supervisor", "clinician", "billing", "administrator"},
	"GET /api/v1/staff/{id}/credential-check": {"peer", "supervisor", "clinician", "billing", "administrator", "auditor"},
	"GET /api/v1/supervision":                 {"peer", "supervisor", "administrator", "auditor"},
	"POST /api/v1/supervision":                {"supervisor", "administrator"},
	"POST /api/v1/caseloads":                  {"supervisor", "administrator"},

	// Programs, payer rules, the language coach.
	"GET /programs":                            {"supervisor", "clinician", "billing", "administrator"},
	"GET /programs/new":                        {"administrator"},
	"POST /programs":                           {"administrator"},
	"GET /programs/{id}/edit":                  {"administrator"},
	"POST /programs/{id}":                      {"administrator"},
	"POST /programs/{id}/part2":                {"administrator"},
	"GET /rules":                               {"supervisor", "billing", "administrator", "auditor"},
	"GET /programs/{id}/rules":                 {"supervisor", "billing", "administrator", "auditor"},
	"POST /programs/{id}/rules":                {"administrator"},
	"GET /coach/lexicon":                       {"supervisor", "administrator"},
	"POST /coach/lexicon/entries":              {"supervisor", "administrator"},
	"POST /coach/lexicon/silences":             {"supervisor", "administrator"},
	"POST /coach/lexicon/changes/{id}/end":     {"supervisor", "administrator"},
	"GET /coaching":                            {"supervisor", "administrator"},
	"GET /api/v1/programs":                     {"peer", "supervisor", "clinician", "billing", "administrator", "auditor"},
	"POST /api/v1/programs":                    {"administrator"},
	"PUT /api/v1/programs/{id}":                {"administrator"},
	"GET /api/v1/programs/{id}/rules":          {"supervisor", "billing", "administrator", "auditor"},
	"PUT /api/v1/programs/{id}/rules/override": {"administrator"},
	"GET /api/v1/coaching":                     {"supervisor", "administrator"},

	// Billing.
	"GET /billing":                            {"billing", "auditor"},
	"GET /billing/worklist.csv":               {"billing", "auditor"},
	"POST /billing/batches":                   {"billing"},
	"POST /billing/batches/{id}/837":          {"billing"},
	"POST /billing/batches/{id}/accepted":     {"billing"},
	"GET /claims":                             {"billing", "auditor"},
	"POST /claims/outcomes":                   {"billing"},
	"POST /claims/acknowledgments":            {"billing"},
	"GET /claims/{id}":                        {"billing", "auditor"},
	"POST /claims/{id}/outcome":               {"billing"},
	"POST /claims/{id}/correction":            {"billing"},
	"GET /remittances":                        {"billing", "auditor"},
	"POST /remittances/preview":               {"billing"},
	"POST /remittances":                       {"billing"},
	"GET /remittances/{id}":                   {"billing", "auditor"},
	"GET /billing/programs/{id}/settings":     {"billing", "administrator", "auditor"},
	"POST /billing/programs/{id}/settings":    {"billing", "administrator"},
	"POST /billing/programs/{id}/rates":       {"billing", "administrator"},
	"GET /settings/billing-identity":          {"billing", "administrator", "auditor"},
	"POST /settings/billing-identity":         {"administrator"},
	"GET /api/v1/billing/services":            {"billing", "auditor"},
	"GET /api/v1/claims":                      {"billing", "auditor"},
	"GET /api/v1/claims/{id}":                 {"billing", "auditor"},
	"POST /api/v1/claims/{id}/outcome":        {"billing"},
	"POST /api/v1/batches/{id}/accept":        {"billing"},
	"POST /api/v1/acknowledgments":            {"billing"},
	"GET /api/v1/remittances":                 {"billing", "auditor"},
	"POST /api/v1/remittances":                {"billing"},
	"GET /api/v1/remittances/{id}":            {"billing", "auditor"},
	"GET /api/v1/programs/{id}/billing":       {"billing", "administrator", "auditor"},
	"PUT /api/v1/programs/{id}/billing":       {"billing", "administrator"},
	"PUT /api/v1/programs/{id}/billing/rates": {"billing", "administrator"},
	"GET /api/v1/agency/billing-identity":     {"billing", "administrator", "auditor"},
	"PUT /api/v1/agency/billing-identity":     {"administrator"},

	// Dashboards, exports, the audit trail.
	"GET /dashboards/supervisor":        {"supervisor", "administrator"},
	"GET /dashboards/supervisor/export": {"supervisor", "administrator"},
	"GET /dashboards/billing":           {"billing", "administrator", "auditor"},
	"GET /dashboards/billing/export":    {"billing", "administrator", "auditor"},
	"GET /dashboards/director":          {"supervisor", "clinician", "administrator", "auditor"},
	"GET /dashboards/director/export":   {"supervisor", "clinician", "administrator", "auditor"},
	"GET /api/v1/dashboards/supervisor": {"supervisor", "administrator"},
	"GET /api/v1/dashboards/billing":    {"billing", "administrator", "auditor"},
	"GET /api/v1/dashboards/director":   {"supervisor", "clinician", "administrator", "auditor"},
	"GET /exports":                      {"peer", "supervisor", "clinician", "billing", "auditor"},
	"POST /exports/{kind}":              {"peer", "supervisor", "clinician", "billing", "auditor"},
	"POST /api/v1/exports/{kind}":       {"peer", "supervisor", "clinician", "billing", "auditor"},
	"GET /audit":                        {"administrator", "auditor"},
	"GET /audit.csv":                    {"administrator", "auditor"},

	// The agency's settings.
	"GET /settings/security":             {"administrator"},
	"POST /settings/security":            {"administrator"},
	"GET /settings/agency":               {"administrator"},
	"POST /settings/agency":              {"administrator"},
	"POST /settings/part2-consent-check": {"administrator"},
}

// TestRoleRouteMatrix asks every route as every role (and as nobody) and
// checks the answer against routeAccess: deny by default, ONC (d)(1).
func TestRoleRouteMatrix(t *testing.T) {
	ts := newTestServer(t, storetest.OpenSQLite(t))
	f := ts.f
	// One session and one API token per role serve that role's requests:
	// signing in afresh for each of the ~2,400 requests was most of this
	// test's 74–96 s. They are made here in the parent, before the
	// subtests that use them, so each subtest still runs alone. After a
	// route that ends sessions (its caller's, or user {id}'s) they are
	// made again; should another route end one, the later requests of that
	// role fail (sent to sign-in), never pass unseen.
	clients := map[goldthread.Role]*http.Client{}
	tokens := map[goldthread.Role]string{}
	signInAll := func() {
		for _, role := range goldthread.Roles {
			clients[role] = ts.signIn(t, f.Emails[role])
			tokens[role] = ts.token(t, f.Emails[role])
		}
	}
	signInAll()
	endsSessions := map[string]bool{"POST /signout": true, "DELETE /api/v1/tokens/current": true, "POST /staff/{id}/revoke": true, "POST /staff/{id}/reset-mfa": true}
	seen := map[string]bool{}
	for _, rt := range ts.srv.Routes() {
		key := rt.Method + " " + rt.Pattern
		seen[key] = true
		allowed, ok := routeAccess[key]
		if !ok {
			t.Errorf("route %s is not classified in routeAccess", key)
			continue
		}
		if rt.Access.Public != slices.Contains(allowed, "public") {
			t.Errorf("route %s: server says public=%v, the matrix disagrees", key, rt.Access.Public)
		}
		path := strings.NewReplacer("{id}", strconv.FormatInt(f.Mine.ID, 10), "{file}", "app.css", "{$}", "").Replace(rt.Pattern)
		api := strings.HasPrefix(path, "/api/")
		for _, role := range append([]goldthread.Role{""}, goldthread.Roles...) {
			name := string(role)
			if name == "" {
				name = "anonymous"
			}
			t.Run(key+"/"+name, func(t *testing.T) {
				req, _ := http.NewRequest(rt.Method, ts.URL+path, nil)
				c := ts.client()
				switch {
				case role == "":
				case api:
					req.Header.Set("Authorization", "Bearer "+tokens[role])
				default:
					c = clients[role]
				}
				res, err := c.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				got := res.StatusCode
				public := slices.Contains(allowed, "public")
				switch {
				case public || (role != "" && slices.Contains(allowed, string(role))):
					sentToSignIn := got == http.StatusSeeOther && res.Header.Get("Location") == "/signin" && !public
					// A public route's handler may answer 401 itself (a sign-in step
					// with nothing to complete); the guard never does for it.
					if got == http.StatusForbidden || got == http.StatusUnauthorized && !public || sentToSignIn {
						t.Fatalf("allowed, but got %d %s", got, res.Header.Get("Location"))
					}
					// A request without a body or fields is refused (4xx) or
					// answered; a 5xx is a broken handler, never "allowed".
					if got >= 500 {
						t.Fatalf("allowed, but the server failed: %d", got)
					}
				case role == "" && api:
					if got != http.StatusUnauthorized {
						t.Fatalf("anonymous API call got %d; want 401", got)
					}
				case role == "":
					if got != http.StatusSeeOther || res.Header.Get("Location") != "/signin" {
						t.Fatalf("anonymous got %d %s; want a redirect to /signin", got, res.Header.Get("Location"))
					}
				default:
					if got != http.StatusForbidden {
						t.Fatalf("role %s got %d; want 403", role, got)
					}
				}
			})
		}
		if endsSessions[key] {
			signInAll()
		}
	}
	for key := range routeAccess {
		if !seen[key] {
			t.Errorf("routeAccess lists %s, which the server no longer has", key)
		}
	}
}
