package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
)

// Access says who may use a route. There is no default: every route names
// its access, and TestRoleRouteMatrix lists every route.
type Access struct {
	Public bool              // anyone, signed in or not
	Roles  []goldthread.Role // any signed-in user holding one of these
	API    bool              // authenticated by bearer token, not cookie
	// SetupOK: reachable while the agency requires a second factor the
	// person has not set up yet (the set-up pages, sign-out).
	SetupOK bool
}

var (
	public    = Access{Public: true}
	publicAPI = Access{Public: true, API: true}
	allRoles  = goldthread.Roles
	staff     = []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician,
		goldthread.RoleBilling, goldthread.RoleAdministrator, goldthread.RoleAuditor}
	// readers are the roles that read participant records in some scope.
	readers = []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician,
		goldthread.RoleBilling, goldthread.RoleAuditor, goldthread.RoleParticipant}
	administrators = []goldthread.Role{goldthread.RoleAdministrator}
	// staffListReaders see who works at the agency.
	staffListReaders = []goldthread.Role{goldthread.RoleAdministrator, goldthread.RoleSupervisor}
	// programReaders open the programs page.
	programReaders = []goldthread.Role{goldthread.RoleAdministrator, goldthread.RoleBilling, goldthread.RoleSupervisor, goldthread.RoleClinician}
	// auditReaders read the audit trail.
	auditReaders = []goldthread.Role{goldthread.RoleAuditor, goldthread.RoleAdministrator}
	// groupReaders open a group session: whoever reads notes with their
	// narrative (the same as reviewReaders), the store deciding the reach.
	groupReaders = []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician, goldthread.RoleAuditor}
)

func signedIn(roles ...goldthread.Role) Access { return Access{Roles: roles} }
func apiFor(roles ...goldthread.Role) Access   { return Access{Roles: roles, API: true} }
func setup(roles ...goldthread.Role) Access    { return Access{Roles: roles, SetupOK: true} }

type route struct {
	Method  string
	Pattern string
	Access  Access
	Handler func(http.ResponseWriter, *http.Request, goldthread.Actor)
}

// Routes lists method, pattern and access of every route (for the role ×
// route matrix test and for documentation).
func (s *Server) Routes() []struct {
	Method, Pattern string
	Access          Access
} {
	out := make([]struct {
		Method, Pattern string
		Access          Access
	}, len(s.routes))
	for i, rt := range s.routes {
		out[i].Method, out[i].Pattern, out[i].Access = rt.Method, rt.Pattern, rt.Access
	}
	return out
}

// routeTable is every route of the server, page and API, with who may reach
// it, in one list read top to bottom (like Miniflux's ui.go): a feature adds
// its routes here, never from an init in its own file, so whoever checks
// access reads it in one place. New registers them in this order; two
// entries with the same method and pattern make New panic (ServeMux), and
// TestOneRouteTable says which.
func (s *Server) routeTable() []route {
	return []route{
		// Anyone: health, static files, the app shell, sign-in in all its
		// steps, first-run setup, joining the portal, the API's description
		// and its tokens.
		{"GET", "/healthz", public, s.handleHealth},
		{"GET", "/readyz", public, s.handleReady},
		{"GET", "/static/{file}", public, s.handleStatic},
		{"GET", "/favicon.ico", public, s.handleFavicon},
		// The app shell for a phone without a connection (issue 13): the
		// service worker that keeps it, and the page it shows instead of the
		// browser's error. Both carry nothing of anyone's record.
		{"GET", "/sw.js", public, s.handleServiceWorker},
		{"GET", "/offline", public, s.handleOffline},
		{"GET", "/{$}", public, s.handleRoot},
		{"GET", "/signin", public, s.handleSignInForm},
		{"POST", "/signin", public, s.handleSignIn},
		{"GET", "/signin/code", public, s.handleCodeForm},
		{"POST", "/signin/code", public, s.handleCode},
		{"POST", "/signin/passkey/options", public, s.handlePasskeySignInOptions},
		{"POST", "/signin/passkey", public, s.handlePasskeySignIn},
		{"POST", "/signin/code/passkey/options", public, s.handlePasskeySecondStepOptions},
		{"POST", "/signin/code/passkey", public, s.handlePasskeySecondStep},
		{"POST", "/signin/sso", public, s.handleSSOStart},
		{"GET", "/signin/sso/callback", public, s.handleSSOCallback},
		{"GET", "/setup", public, s.handleSetupForm},
		{"POST", "/setup", public, s.handleSetup},
		{"GET", "/portal/join", public, s.handleJoinForm},
		{"POST", "/portal/join", public, s.handleJoin},
		{"GET", "/api/openapi.json", publicAPI, s.apiOpenAPI},
		{"POST", "/api/v1/tokens", publicAPI, s.apiCreateToken},
		{"POST", "/api/v1/portal/join", publicAPI, s.apiJoin},

		// Everyone signed in: their session, Today and their own account.
		// The setup(...) ones stay open while a required second factor is
		// not set up yet.
		{"POST", "/signout", setup(allRoles...), s.handleSignOut},
		{"POST", "/session/keepalive", setup(allRoles...), s.handleKeepAlive},
		{"GET", "/today", signedIn(allRoles...), s.handleToday},
		{"GET", "/account", signedIn(allRoles...), s.handleAccount},
		{"POST", "/account/password", signedIn(allRoles...), s.handleAccountPassword},
		{"POST", "/account/language", signedIn(allRoles...), s.handleAccountLanguage},
		{"GET", "/account/mfa", setup(allRoles...), s.handleMFA},
		{"POST", "/account/mfa/start", setup(allRoles...), s.handleMFAStart},
		{"POST", "/account/mfa/confirm", setup(allRoles...), s.handleMFAConfirm},
		{"POST", "/account/mfa/disable", signedIn(allRoles...), s.handleMFADisable},
		{"POST", "/account/passkeys/options", setup(allRoles...), s.handlePasskeyRegisterOptions},
		{"POST", "/account/passkeys", setup(allRoles...), s.handlePasskeyRegister},
		{"POST", "/account/passkeys/{id}/remove", signedIn(allRoles...), s.handlePasskeyRemove},
		{"POST", "/account/passkeys/reauth/options", signedIn(allRoles...), s.handlePasskeyReauthOptions},
		{"POST", "/account/passkeys/reauth", signedIn(allRoles...), s.handlePasskeyReauth},
		{"DELETE", "/api/v1/tokens/current", apiFor(allRoles...), s.apiDeleteToken},
		{"GET", "/api/v1/me", apiFor(allRoles...), s.apiMe},
		{"PUT", "/api/v1/me/language", apiFor(allRoles...), s.apiMyLanguage},

		// Participants: the list and the record page, intake, import from
		// another system, details and enrolments.
		{"GET", "/participants", signedIn(readers...), s.handleParticipantList},
		{"GET", "/participants/{id}", signedIn(readers...), s.handleParticipantShow},
		{"GET", "/participants/new", signedIn(intakeRoles...), s.handleIntakeForm},
		{"POST", "/participants", signedIn(intakeRoles...), s.handleIntake},
		{"GET", "/participants/import", signedIn(intakeRoles...), s.handleImportForm},
		{"POST", "/participants/import", signedIn(intakeRoles...), s.handleImportCSV},
		{"POST", "/participants/import/fhir", signedIn(intakeRoles...), s.handleImportPatient},
		{"GET", "/participants/{id}/edit", signedIn(recordKeepers...), s.handleParticipantEditForm},
		{"POST", "/participants/{id}/edit", signedIn(recordKeepers...), s.handleParticipantEdit},
		{"POST", "/participants/{id}/enrolments", signedIn(enrolers...), s.handleEnrol},
		{"POST", "/participants/{id}/enrolments/{program}/end", signedIn(enrolers...), s.handleEndEnrolment},
		{"GET", "/emergency-access", signedIn(breakGlassRoles...), s.handleEmergencyForm},
		{"POST", "/emergency-access", signedIn(breakGlassRoles...), s.handleEmergency},
		{"GET", "/api/v1/participants", apiFor(readers...), s.apiParticipantList},
		{"GET", "/api/v1/participants/{id}", apiFor(readers...), s.apiParticipantShow},
		{"POST", "/api/v1/participants", apiFor(intakeRoles...), s.apiRegisterParticipant},
		{"PUT", "/api/v1/participants/{id}", apiFor(recordKeepers...), s.apiUpdateParticipant},
		{"POST", "/api/v1/participants/{id}/enrolments", apiFor(enrolers...), s.apiEnrol},
		{"POST", "/api/v1/participants/{id}/enrolments/{program}/end", apiFor(enrolers...), s.apiEndEnrolment},
		{"GET", "/api/v1/peers", apiFor(intakeRoles...), s.apiAssignablePeers},
		{"POST", "/api/v1/participants/import", apiFor(intakeRoles...), s.apiImportCSV},
		{"POST", "/api/fhir/Patient", apiFor(intakeRoles...), s.apiCreatePatient},

		// Plans, crisis plans, eligibility (clinicians enter it), consents,
		// care teams and discharges. Billing reads eligibility, not plans.
		{"GET", "/participants/{id}/plans/new", signedIn(planWriters...), s.handlePlanNew},
		{"POST", "/participants/{id}/plans", signedIn(planWriters...), s.handlePlanCreate},
		{"GET", "/plans/{id}", signedIn(planReaders...), s.handlePlanShow},
		{"GET", "/plans/{id}/edit", signedIn(planWriters...), s.handlePlanEdit},
		{"POST", "/plans/{id}/edit", signedIn(planWriters...), s.handlePlanUpdate},
		{"POST", "/plans/{id}/sign", signedIn(planSigners...), s.handlePlanSign},
		{"POST", "/plans/{id}/versions", signedIn(planWriters...), s.handlePlanNewVersion},
		{"POST", "/plans/{id}/reviews", signedIn(planWriters...), s.handlePlanReview},
		{"GET", "/participants/{id}/crisis", signedIn(planReaders...), s.handleCrisisCurrent},
		{"GET", "/plans/{id}/crisis/edit", signedIn(planWriters...), s.handleCrisisEdit},
		{"POST", "/plans/{id}/crisis", signedIn(planWriters...), s.handleCrisisSave},
		{"GET", "/plans/{id}/wrap", signedIn(planReaders...), s.handleWRAP},
		{"GET", "/participants/{id}/eligibility", signedIn(readers...), s.handleEligibility},
		{"POST", "/participants/{id}/assessments", signedIn(clinicians...), s.handleAssessmentAdd},
		{"POST", "/participants/{id}/diagnoses", signedIn(clinicians...), s.handleDiagnosisAdd},
		{"POST", "/participants/{id}/orders", signedIn(clinicians...), s.handleOrderAdd},
		{"POST", "/participants/{id}/authorizations", signedIn(clinicians...), s.handleAuthorizationAdd},
		{"GET", "/participants/{id}/consents", signedIn(planReaders...), s.handleConsents},
		{"POST", "/participants/{id}/consents", signedIn(planWriters...), s.handleConsentAdd},
		{"POST", "/consents/{id}/revoke", signedIn(planWriters...), s.handleConsentRevoke},
		{"POST", "/consents/{id}/document", signedIn(planWriters...), s.handleConsentDocument},
		{"GET", "/consents/{id}/document", signedIn(planWriters...), s.handleConsentDocumentFile},
		{"POST", "/consents/{id}/verify", signedIn(consentCheckers...), s.handleConsentVerify},
		{"GET", "/participants/{id}/careteam", signedIn(planReaders...), s.handleCareTeam},
		{"POST", "/participants/{id}/careteam", signedIn(planWriters...), s.handleCareTeamAdd},
		{"GET", "/participants/{id}/discharge", signedIn(planReaders...), s.handleDischarge},
		{"POST", "/participants/{id}/discharge", signedIn(planWriters...), s.handleDischargeSave},
		{"GET", "/api/v1/participants/{id}/plans", apiFor(planReaders...), s.apiPlanList},
		{"POST", "/api/v1/participants/{id}/plans", apiFor(planWriters...), s.apiPlanCreate},
		{"GET", "/api/v1/plans/{id}", apiFor(planReaders...), s.apiPlanShow},
		{"PUT", "/api/v1/plans/{id}", apiFor(planWriters...), s.apiPlanUpdate},
		{"POST", "/api/v1/plans/{id}/signatures", apiFor(planSigners...), s.apiPlanSign},
		{"POST", "/api/v1/plans/{id}/versions", apiFor(planWriters...), s.apiPlanNewVersion},
		{"PUT", "/api/v1/plans/{id}/crisis", apiFor(planWriters...), s.apiCrisisSet},
		{"GET", "/api/v1/plans/{id}/wrap", apiFor(planReaders...), s.apiWRAP},
		{"POST", "/api/v1/plans/{id}/reviews", apiFor(planWriters...), s.apiPlanReview},
		{"GET", "/api/v1/plan-reviews/due", apiFor(planWriters...), s.apiReviewsDue},
		{"GET", "/api/v1/participants/{id}/thread", apiFor(planReaders...), s.apiThread},
		{"GET", "/api/v1/participants/{id}/eligibility", apiFor(readers...), s.apiEligibility},
		{"POST", "/api/v1/participants/{id}/assessments", apiFor(clinicians...), s.apiAssessmentAdd},
		{"POST", "/api/v1/participants/{id}/diagnoses", apiFor(clinicians...), s.apiDiagnosisAdd},
		{"POST", "/api/v1/participants/{id}/service-orders", apiFor(clinicians...), s.apiOrderAdd},
		{"POST", "/api/v1/participants/{id}/authorizations", apiFor(clinicians...), s.apiAuthorizationAdd},
		{"GET", "/api/v1/participants/{id}/consents", apiFor(planReaders...), s.apiConsents},
		{"POST", "/api/v1/participants/{id}/consents", apiFor(planWriters...), s.apiConsentAdd},
		{"POST", "/api/v1/consents/{id}/revocation", apiFor(planWriters...), s.apiConsentRevoke},
		{"POST", "/api/v1/consents/{id}/verification", apiFor(consentCheckers...), s.apiConsentVerify},
		{"GET", "/api/v1/participants/{id}/care-team", apiFor(planReaders...), s.apiCareTeam},
		{"POST", "/api/v1/participants/{id}/care-team", apiFor(planWriters...), s.apiCareTeamAdd},
		{"GET", "/api/v1/participants/{id}/discharges", apiFor(planReaders...), s.apiDischarges},
		{"POST", "/api/v1/participants/{id}/discharges", apiFor(planWriters...), s.apiDischargeAdd},
		// The FHIR base is /api/fhir: on the API side (bearer tokens only,
		// never cookies), like /api/v1. Billing is refused (it never needs
		// the record as a whole) and so is an administrator (reads no record).
		{"GET", "/api/fhir/Patient/{id}/$everything", apiFor(planReaders...), s.apiFHIREverything},

		// Service notes: write, check before signing (issue 13), sign,
		// addenda; the language coach's findings.
		{"GET", "/participants/{id}/notes/new", signedIn(writers...), s.handleNoteNew},
		{"POST", "/participants/{id}/notes", signedIn(writers...), s.handleNoteCreate},
		{"POST", "/notes/coach", signedIn(writers...), s.handleNoteCoach},
		{"GET", "/notes/{id}", signedIn(readers...), s.handleNoteShow},
		{"GET", "/notes/{id}/edit", signedIn(writers...), s.handleNoteEdit},
		{"POST", "/notes/{id}", signedIn(writers...), s.handleNoteSave},
		{"POST", "/notes/{id}/words", signedIn(writers...), s.handleNoteWords},
		{"POST", "/notes/{id}/dismiss", signedIn(writers...), s.handleNoteDismiss},
		{"POST", "/notes/{id}/fix", signedIn(writers...), s.handleNoteFix},
		{"GET", "/notes/{id}/sign", signedIn(writers...), s.handleNoteSignForm},
		{"POST", "/notes/{id}/sign", signedIn(writers...), s.handleNoteSign},
		{"GET", "/notes/{id}/addenda/new", signedIn(writers...), s.handleAddendumForm},
		{"POST", "/notes/{id}/addenda", signedIn(writers...), s.handleAddendumCreate},
		{"GET", "/api/v1/notes", apiFor(readers...), s.apiNoteList},
		{"POST", "/api/v1/notes", apiFor(writers...), s.apiNoteCreate},
		{"GET", "/api/v1/notes/{id}", apiFor(readers...), s.apiNoteShow},
		{"PUT", "/api/v1/notes/{id}", apiFor(writers...), s.apiNoteUpdate},
		{"GET", "/api/v1/notes/{id}/sign-check", apiFor(writers...), s.apiNoteSignCheck},
		{"POST", "/api/v1/notes/{id}/fixes", apiFor(writers...), s.apiNoteFix},
		{"POST", "/api/v1/notes/{id}/sign", apiFor(writers...), s.apiNoteSign},
		{"POST", "/api/v1/reauth", apiFor(writers...), s.apiReauthGrant},
		{"POST", "/api/v1/notes/{id}/addenda", apiFor(writers...), s.apiNoteAddendum},
		{"GET", "/api/v1/notes/{id}/findings", apiFor(noteCheckers...), s.apiNoteFindings},
		{"GET", "/api/v1/notes/{id}/thread", apiFor(staff...), s.apiServiceThread},

		// Supervisor review: the queue, approve, return, comment, override.
		{"GET", "/review", signedIn(reviewers...), s.handleReviewQueue},
		{"POST", "/review/approvals", signedIn(reviewers...), s.handleReviewApprove},
		{"GET", "/notes/{id}/review", signedIn(reviewReaders...), s.handleReviewNote},
		{"POST", "/notes/{id}/approve", signedIn(reviewers...), s.handleNoteApprove},
		{"POST", "/notes/{id}/return", signedIn(reviewers...), s.handleNoteReturn},
		{"POST", "/notes/{id}/comments", signedIn(writers...), s.handleNoteComment},
		{"POST", "/notes/{id}/overrides", signedIn(reviewers...), s.handleNoteOverride},
		{"GET", "/api/v1/review-queue", apiFor(reviewers...), s.apiReviewQueue},
		{"GET", "/api/v1/notes/{id}/review", apiFor(reviewReaders...), s.apiReviewNote},
		{"POST", "/api/v1/notes/approvals", apiFor(reviewers...), s.apiApproveNotes},
		{"POST", "/api/v1/notes/{id}/return", apiFor(reviewers...), s.apiReturnNote},
		{"POST", "/api/v1/notes/{id}/comments", apiFor(writers...), s.apiCommentNote},
		{"POST", "/api/v1/notes/{id}/overrides", apiFor(reviewers...), s.apiOverrideFinding},

		// Group sessions (issue 13): a session with its whole roster is
		// created, saved under a version, changed a line at a time, and
		// signed once.
		{"GET", "/groups", signedIn(facilitators...), s.handleGroups},
		{"GET", "/groups/new", signedIn(facilitators...), s.handleGroupNew},
		{"POST", "/groups", signedIn(facilitators...), s.handleGroupCreate},
		{"GET", "/groups/{id}", signedIn(groupReaders...), s.handleGroup},
		{"POST", "/groups/{id}", signedIn(facilitators...), s.handleGroupSave},
		{"POST", "/groups/{id}/sign", signedIn(facilitators...), s.handleGroupSign},
		{"GET", "/api/v1/groups", apiFor(facilitators...), s.apiGroupList},
		{"POST", "/api/v1/groups", apiFor(facilitators...), s.apiGroupCreate},
		{"GET", "/api/v1/programs/{id}/group-candidates", apiFor(facilitators...), s.apiGroupCandidates},
		{"GET", "/api/v1/groups/{id}", apiFor(groupReaders...), s.apiGroupShow},
		{"PUT", "/api/v1/groups/{id}", apiFor(facilitators...), s.apiGroupUpdate},
		{"GET", "/api/v1/groups/{id}/plans", apiFor(facilitators...), s.apiGroupPlans},
		{"PUT", "/api/v1/groups/{id}/attendees/{pid}", apiFor(facilitators...), s.apiGroupAttendee},
		{"DELETE", "/api/v1/groups/{id}/attendees/{pid}", apiFor(facilitators...), s.apiGroupAttendeeRemove},
		{"POST", "/api/v1/groups/{id}/sign", apiFor(facilitators...), s.apiGroupSign},

		// Planned visits and the peer's day; recovery capital (BARC-10).
		{"GET", "/participants/{id}/visits/new", signedIn(visitPlanners...), s.handleVisitNew},
		{"POST", "/participants/{id}/visits", signedIn(visitPlanners...), s.handleVisitCreate},
		{"POST", "/visits/{id}/cancel", signedIn(visitPlanners...), s.handleVisitCancel},
		{"GET", "/participants/{id}/recovery-capital/new", signedIn(barcRecorders...), s.handleBARCNew},
		{"POST", "/participants/{id}/recovery-capital", signedIn(barcRecorders...), s.handleBARCCreate},
		{"GET", "/api/v1/today", apiFor(visitPlanners...), s.apiPeerToday},
		{"POST", "/api/v1/visits", apiFor(visitPlanners...), s.apiPlanVisit},
		{"POST", "/api/v1/participants/{id}/recovery-capital", apiFor(barcRecorders...), s.apiRecordBARC},

		// The participant's side of the record (journey 6): their own record
		// and its copies, disclosures, who looked, amendment requests; and
		// the staff pages of their portal account.
		{"GET", "/me/record", signedIn(participants...), s.handleMyRecord},
		{"POST", "/participants/{id}/record.pdf", signedIn(participants...), s.handleRecordPDF},
		{"POST", "/participants/{id}/record.fhir.json", signedIn(participants...), s.handleRecordFHIR},
		{"GET", "/portal/welcome", signedIn(participants...), s.handleWelcome},
		{"GET", "/participants/{id}/disclosures", signedIn(recordHolders...), s.handleDisclosures},
		{"POST", "/participants/{id}/disclosures", signedIn(releasers...), s.handleRelease},
		{"GET", "/participants/{id}/access-log", signedIn(accessReaders...), s.handleAccessLog},
		{"GET", "/amendments/new", signedIn(participants...), s.handleAmendmentNew},
		{"POST", "/amendments", signedIn(participants...), s.handleAmendmentCreate},
		{"GET", "/amendments/{id}", signedIn(recordHolders...), s.handleAmendmentShow},
		{"POST", "/amendments/{id}/decision", signedIn(deciders...), s.handleAmendmentDecision},
		{"POST", "/amendments/{id}/statement", signedIn(participants...), s.handleAmendmentStatement},
		{"GET", "/participants/{id}/portal-account", signedIn(portalManagers...), s.handlePortalAccount},
		{"POST", "/participants/{id}/portal-account/invitation", signedIn(portalManagers...), s.handlePortalInvite},
		{"POST", "/participants/{id}/portal-account/disable", signedIn(portalManagers...), s.handlePortalAccess(false)},
		{"POST", "/participants/{id}/portal-account/enable", signedIn(portalManagers...), s.handlePortalAccess(true)},
		{"GET", "/api/v1/participants/{id}/record", apiFor(recordHolders...), s.apiRecord},
		{"GET", "/api/v1/participants/{id}/disclosures", apiFor(recordHolders...), s.apiDisclosures},
		{"POST", "/api/v1/participants/{id}/disclosures", apiFor(append([]goldthread.Role{goldthread.RoleParticipant}, releasers...)...), s.apiDisclose},
		{"GET", "/api/v1/participants/{id}/access-log", apiFor(accessReaders...), s.apiAccessLog},
		{"GET", "/api/v1/participants/{id}/amendments", apiFor(recordHolders...), s.apiAmendments},
		{"POST", "/api/v1/amendments", apiFor(participants...), s.apiAmendmentCreate},
		{"GET", "/api/v1/amendments/{id}", apiFor(recordHolders...), s.apiAmendmentShow},
		{"POST", "/api/v1/amendments/{id}/decision", apiFor(deciders...), s.apiAmendmentDecision},
		{"POST", "/api/v1/amendments/{id}/statement", apiFor(participants...), s.apiAmendmentStatement},
		{"POST", "/api/v1/participants/{id}/portal-invitation", apiFor(portalManagers...), s.apiPortalInvite},
		{"GET", "/api/v1/participants/{id}/portal-account", apiFor(portalManagers...), s.apiPortalAccount},
		{"POST", "/api/v1/participants/{id}/portal-account/disable", apiFor(portalManagers...), s.apiPortalAccess(false)},
		{"POST", "/api/v1/participants/{id}/portal-account/enable", apiFor(portalManagers...), s.apiPortalAccess(true)},

		// Staff and the workforce (issue 7): accounts, role grants, the team,
		// credentials and training, supervision, caseloads.
		{"GET", "/staff", signedIn(staffListReaders...), s.handleStaffList},
		{"GET", "/staff/new", signedIn(administrators...), s.handleStaffNew},
		{"POST", "/staff", signedIn(administrators...), s.handleStaffCreate},
		{"GET", "/staff/{id}", signedIn(administrators...), s.handleStaffEdit},
		{"POST", "/staff/{id}", signedIn(administrators...), s.handleStaffUpdate},
		{"POST", "/staff/{id}/password", signedIn(administrators...), s.handleStaffPassword},
		{"POST", "/staff/{id}/revoke", signedIn(administrators...), s.handleStaffRevoke},
		{"POST", "/staff/{id}/reset-mfa", signedIn(administrators...), s.handleStaffResetMFA},
		{"POST", "/staff/{id}/unlink-sso", signedIn(administrators...), s.handleStaffUnlinkSSO},
		{"POST", "/staff/grants/{id}/approve", signedIn(administrators...), s.handleRoleGrantApprove},
		{"POST", "/staff/grants/{id}/decline", signedIn(administrators...), s.handleRoleGrantDecline},
		{"GET", "/team", signedIn(workforceManagers...), s.handleTeam},
		{"POST", "/team/settings", signedIn(administrators...), s.handleTeamSetting},
		{"GET", "/staff/{id}/credentials", signedIn(staff...), s.handleCredentials},
		{"POST", "/staff/{id}/credentials", signedIn(credentialWriters...), s.handleCredentialAdd},
		{"POST", "/staff/{id}/ce", signedIn(credentialWriters...), s.handleCEAdd},
		{"GET", "/credentials/{id}/edit", signedIn(credentialWriters...), s.handleCredentialEdit},
		{"POST", "/credentials/{id}", signedIn(credentialWriters...), s.handleCredentialUpdate},
		{"POST", "/credentials/{id}/verify", signedIn(workforceManagers...), s.handleCredentialVerify},
		{"GET", "/supervision", signedIn(supervisionReaders...), s.handleSupervisionLog},
		{"GET", "/supervision/new", signedIn(supervisors...), s.handleSupervisionNew},
		{"POST", "/supervision", signedIn(supervisors...), s.handleSupervisionCreate},
		{"GET", "/caseloads", signedIn(workforceManagers...), s.handleCaseloads},
		{"POST", "/caseloads", signedIn(workforceManagers...), s.handleCaseloadAssign},
		{"GET", "/api/v1/staff", apiFor(staffListReaders...), s.apiStaffList},
		{"POST", "/api/v1/staff", apiFor(administrators...), s.apiStaffCreate},
		{"GET", "/api/v1/staff/{id}", apiFor(administrators...), s.apiStaffShow},
		{"PUT", "/api/v1/staff/{id}", apiFor(administrators...), s.apiStaffUpdate},
		{"GET", "/api/v1/team", apiFor(workforceManagers...), s.apiTeam},
		{"GET", "/api/v1/credential-alerts", apiFor(staff...), s.apiCredentialAlerts},
		{"GET", "/api/v1/staff/{id}/credentials", apiFor(staff...), s.apiCredentials},
		{"POST", "/api/v1/staff/{id}/credentials", apiFor(credentialWriters...), s.apiCredentialAdd},
		{"GET", "/api/v1/staff/{id}/credential-check", apiFor(staff...), s.apiCredentialCheck},
		{"GET", "/api/v1/supervision", apiFor(supervisionReaders...), s.apiSupervisionLog},
		{"POST", "/api/v1/supervision", apiFor(workforceManagers...), s.apiSupervisionCreate},
		{"POST", "/api/v1/caseloads", apiFor(workforceManagers...), s.apiCaseloadAssign},

		// Programs, their payer rules (issues 5 and 6) and the language
		// coach's word lists.
		{"GET", "/programs", signedIn(programReaders...), s.handleProgramList},
		{"GET", "/programs/new", signedIn(administrators...), s.handleProgramNew},
		{"POST", "/programs", signedIn(administrators...), s.handleProgramAdd},
		{"GET", "/programs/{id}/edit", signedIn(administrators...), s.handleProgramEdit},
		{"POST", "/programs/{id}", signedIn(administrators...), s.handleProgramSave},
		{"POST", "/programs/{id}/part2", signedIn(administrators...), s.handleProgramPart2},
		{"GET", "/rules", signedIn(ruleReaders...), s.handleRulesIndex},
		{"GET", "/programs/{id}/rules", signedIn(ruleReaders...), s.handleProgramRules},
		{"POST", "/programs/{id}/rules", signedIn(administrators...), s.handleRuleOverride},
		{"GET", "/coach/lexicon", signedIn(lexiconEditors...), s.handleLexicon},
		{"POST", "/coach/lexicon/entries", signedIn(lexiconEditors...), s.handleLexiconAdd},
		{"POST", "/coach/lexicon/silences", signedIn(lexiconEditors...), s.handleLexiconSilence},
		{"POST", "/coach/lexicon/changes/{id}/end", signedIn(lexiconEditors...), s.handleLexiconEnd},
		{"GET", "/coaching", signedIn(lexiconEditors...), s.handleCoaching},
		{"GET", "/api/v1/programs", apiFor(staff...), s.apiPrograms},
		{"POST", "/api/v1/programs", apiFor(administrators...), s.apiAddProgram},
		{"PUT", "/api/v1/programs/{id}", apiFor(administrators...), s.apiUpdateProgram},
		{"GET", "/api/v1/programs/{id}/rules", apiFor(ruleReaders...), s.apiProgramRules},
		{"PUT", "/api/v1/programs/{id}/rules/override", apiFor(administrators...), s.apiRuleOverride},
		{"GET", "/api/v1/coaching", apiFor(lexiconEditors...), s.apiCoaching},

		// Billing (issue 8): the worklist, batches and 837P files, claims and
		// their outcomes, remittances, payer settings and rates, the
		// agency's billing identity. Billing staff act; auditors read.
		{"GET", "/billing", signedIn(billingReaders...), s.handleBilling},
		{"GET", "/billing/worklist.csv", signedIn(billingReaders...), s.handleBillingCSV},
		{"POST", "/billing/batches", signedIn(billingStaffRoles...), s.handleBatchCreate},
		{"POST", "/billing/batches/{id}/837", signedIn(billingStaffRoles...), s.handleBatchFile},
		{"POST", "/billing/batches/{id}/accepted", signedIn(billingStaffRoles...), s.handleBatchAccept},
		{"GET", "/claims", signedIn(billingReaders...), s.handleClaims},
		{"POST", "/claims/outcomes", signedIn(billingStaffRoles...), s.handleOutcomesImport},
		{"POST", "/claims/acknowledgments", signedIn(billingStaffRoles...), s.handleAcknowledgmentImport},
		{"GET", "/claims/{id}", signedIn(billingReaders...), s.handleClaim},
		{"POST", "/claims/{id}/outcome", signedIn(billingStaffRoles...), s.handleClaimOutcome},
		{"POST", "/claims/{id}/correction", signedIn(billingStaffRoles...), s.handleClaimCorrection},
		{"GET", "/remittances", signedIn(billingReaders...), s.handleRemittances},
		{"POST", "/remittances/preview", signedIn(billingStaffRoles...), s.handleRemittancePreview},
		{"POST", "/remittances", signedIn(billingStaffRoles...), s.handleRemittanceApply},
		{"GET", "/remittances/{id}", signedIn(billingReaders...), s.handleRemittance},
		{"GET", "/billing/programs/{id}/settings", signedIn(billingSettingsReaders...), s.handleBillingSettings},
		{"POST", "/billing/programs/{id}/settings", signedIn(billingSettingsWriters...), s.handleBillingSettingsSave},
		{"POST", "/billing/programs/{id}/rates", signedIn(billingSettingsWriters...), s.handleBillingRateSave},
		{"GET", "/settings/billing-identity", signedIn(billingIdentityReaders...), s.handleBillingIdentity},
		{"POST", "/settings/billing-identity", signedIn(administrators...), s.handleBillingIdentitySave},
		{"GET", "/api/v1/billing/services", apiFor(billingReaders...), s.apiBillingServices},
		{"GET", "/api/v1/claims", apiFor(billingReaders...), s.apiClaims},
		{"GET", "/api/v1/claims/{id}", apiFor(billingReaders...), s.apiClaim},
		{"POST", "/api/v1/claims/{id}/outcome", apiFor(billingStaffRoles...), s.apiClaimOutcome},
		{"POST", "/api/v1/batches/{id}/accept", apiFor(billingStaffRoles...), s.apiBatchAccept},
		{"POST", "/api/v1/acknowledgments", apiFor(billingStaffRoles...), s.apiAcknowledgmentImport},
		{"GET", "/api/v1/remittances", apiFor(billingReaders...), s.apiRemittances},
		{"POST", "/api/v1/remittances", apiFor(billingStaffRoles...), s.apiRemittanceImport},
		{"GET", "/api/v1/remittances/{id}", apiFor(billingReaders...), s.apiRemittance},
		{"GET", "/api/v1/programs/{id}/billing", apiFor(billingSettingsReaders...), s.apiProgramBilling},
		{"PUT", "/api/v1/programs/{id}/billing", apiFor(billingSettingsWriters...), s.apiProgramBillingPut},
		{"PUT", "/api/v1/programs/{id}/billing/rates", apiFor(billingSettingsWriters...), s.apiBillingRatePut},
		{"GET", "/api/v1/agency/billing-identity", apiFor(billingIdentityReaders...), s.apiBillingIdentity},
		{"PUT", "/api/v1/agency/billing-identity", apiFor(administrators...), s.apiBillingIdentityPut},

		// Dashboards (issue 17) and their CSVs, with the same filter and
		// reach as JSON: ?from=&to= (YYYY-MM-DD, eight weeks up to today
		// when empty), &program=, &staff=. Exports; the audit trail.
		{"GET", "/dashboards/supervisor", signedIn(supervisorDashboard...), s.handleSupervisorDashboard},
		{"GET", "/dashboards/supervisor/export", signedIn(supervisorDashboard...), s.handleSupervisorCSV},
		{"GET", "/dashboards/billing", signedIn(billingDashboard...), s.handleBillingDashboard},
		{"GET", "/dashboards/billing/export", signedIn(billingDashboard...), s.handleBillingDashboardCSV},
		{"GET", "/dashboards/director", signedIn(directorDashboard...), s.handleDirectorDashboard},
		{"GET", "/dashboards/director/export", signedIn(directorDashboard...), s.handleDirectorCSV},
		{"GET", "/api/v1/dashboards/supervisor", apiFor(supervisorDashboard...), s.apiSupervisorDashboard},
		{"GET", "/api/v1/dashboards/billing", apiFor(billingDashboard...), s.apiBillingDashboard},
		{"GET", "/api/v1/dashboards/director", apiFor(directorDashboard...), s.apiDirectorDashboard},
		{"GET", "/exports", signedIn(exporters...), s.handleExports},
		{"POST", "/exports/{kind}", signedIn(exporters...), s.handleExportCSV},
		{"POST", "/api/v1/exports/{kind}", apiFor(exporters...), s.apiExportCSV},
		{"GET", "/audit", signedIn(auditReaders...), s.handleAuditList},
		{"GET", "/audit.csv", signedIn(auditReaders...), s.handleAuditCSV},

		// The agency's settings: second factor by role, time zone, the
		// Part 2 consent check.
		{"GET", "/settings/security", signedIn(administrators...), s.handleSecuritySettings},
		{"POST", "/settings/security", signedIn(administrators...), s.handleSecuritySettingsSave},
		{"GET", "/settings/agency", signedIn(administrators...), s.handleAgencySettings},
		{"POST", "/settings/agency", signedIn(administrators...), s.handleAgencySettingsSave},
		{"POST", "/settings/part2-consent-check", signedIn(administrators...), s.handlePart2CheckSave},
	}
}
