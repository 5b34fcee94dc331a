package web

import (
	"net/http"

	"github.com/goldthread/goldthread"
)

// Access says who may use a route. There is no default: every route names
// its access, and TestRoleRouteMatrix lists every route.
type Access struct {
	Public bool // anyone, signed in or not
	// Roles: any signed-in user holding one of these, derived from a
	// capability of the role policy (goldthread.RolesThat), never written
	// here by hand.
	Roles []goldthread.Role
	API   bool // authenticated by bearer token, not cookie
	// SetupOK: reachable while the agency requires a second factor the
	// person has not set up yet (the set-up pages, sign-out).
	SetupOK bool
}

var (
	public    = Access{Public: true}
	publicAPI = Access{Public: true, API: true}
)

// signedIn is a page for whoever the capability can allows (policy.go);
// apiFor the same through the API; setup a page also open while a
// required second factor is not set up yet.
func signedIn(can func(goldthread.Actor) bool) Access {
	return Access{Roles: goldthread.RolesThat(can)}
}
func apiFor(can func(goldthread.Actor) bool) Access {
	return Access{Roles: goldthread.RolesThat(can), API: true}
}
func setup(can func(goldthread.Actor) bool) Access {
	return Access{Roles: goldthread.RolesThat(can), SetupOK: true}
}

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
// access reads it in one place. Who may reach a route is a capability of
// the role policy (policy.go), the same function the navigation and the
// store ask. New registers them in this order; two
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
		{"POST", "/signout", setup(goldthread.IsSignedIn), s.handleSignOut},
		{"POST", "/session/keepalive", setup(goldthread.IsSignedIn), s.handleKeepAlive},
		{"GET", "/today", signedIn(goldthread.IsSignedIn), s.handleToday},
		{"GET", "/account", signedIn(goldthread.IsSignedIn), s.handleAccount},
		{"POST", "/account/password", signedIn(goldthread.IsSignedIn), s.handleAccountPassword},
		{"POST", "/account/language", signedIn(goldthread.IsSignedIn), s.handleAccountLanguage},
		{"GET", "/account/mfa", setup(goldthread.IsSignedIn), s.handleMFA},
		{"POST", "/account/mfa/start", setup(goldthread.IsSignedIn), s.handleMFAStart},
		{"POST", "/account/mfa/confirm", setup(goldthread.IsSignedIn), s.handleMFAConfirm},
		{"POST", "/account/mfa/disable", signedIn(goldthread.IsSignedIn), s.handleMFADisable},
		{"POST", "/account/passkeys/options", setup(goldthread.IsSignedIn), s.handlePasskeyRegisterOptions},
		{"POST", "/account/passkeys", setup(goldthread.IsSignedIn), s.handlePasskeyRegister},
		{"POST", "/account/passkeys/{id}/remove", signedIn(goldthread.IsSignedIn), s.handlePasskeyRemove},
		{"POST", "/account/passkeys/reauth/options", signedIn(goldthread.IsSignedIn), s.handlePasskeyReauthOptions},
		{"POST", "/account/passkeys/reauth", signedIn(goldthread.IsSignedIn), s.handlePasskeyReauth},
		{"DELETE", "/api/v1/tokens/current", apiFor(goldthread.IsSignedIn), s.apiDeleteToken},
		{"GET", "/api/v1/me", apiFor(goldthread.IsSignedIn), s.apiMe},
		{"PUT", "/api/v1/me/language", apiFor(goldthread.IsSignedIn), s.apiMyLanguage},

		// Participants: the list and the record page, intake, import from
		// another system, details and enrolments.
		{"GET", "/participants", signedIn(goldthread.CanReadParticipants), s.handleParticipantList},
		{"GET", "/participants/{id}", signedIn(goldthread.CanReadParticipants), s.handleParticipantShow},
		{"GET", "/participants/new", signedIn(goldthread.CanRegisterParticipants), s.handleIntakeForm},
		{"POST", "/participants", signedIn(goldthread.CanRegisterParticipants), s.handleIntake},
		{"GET", "/participants/import", signedIn(goldthread.CanRegisterParticipants), s.handleImportForm},
		{"POST", "/participants/import", signedIn(goldthread.CanRegisterParticipants), s.handleImportCSV},
		{"POST", "/participants/import/fhir", signedIn(goldthread.CanRegisterParticipants), s.handleImportPatient},
		{"GET", "/participants/{id}/edit", signedIn(goldthread.CanEditParticipants), s.handleParticipantEditForm},
		{"POST", "/participants/{id}/edit", signedIn(goldthread.CanEditParticipants), s.handleParticipantEdit},
		{"POST", "/participants/{id}/enrolments", signedIn(goldthread.CanEnrol), s.handleEnrol},
		{"POST", "/participants/{id}/enrolments/{program}/end", signedIn(goldthread.CanEnrol), s.handleEndEnrolment},
		{"GET", "/emergency-access", signedIn(goldthread.CanBreakGlass), s.handleEmergencyForm},
		{"POST", "/emergency-access", signedIn(goldthread.CanBreakGlass), s.handleEmergency},
		{"GET", "/api/v1/participants", apiFor(goldthread.CanReadParticipants), s.apiParticipantList},
		{"GET", "/api/v1/participants/{id}", apiFor(goldthread.CanReadParticipants), s.apiParticipantShow},
		{"POST", "/api/v1/participants", apiFor(goldthread.CanRegisterParticipants), s.apiRegisterParticipant},
		{"PUT", "/api/v1/participants/{id}", apiFor(goldthread.CanEditParticipants), s.apiUpdateParticipant},
		{"POST", "/api/v1/participants/{id}/enrolments", apiFor(goldthread.CanEnrol), s.apiEnrol},
		{"POST", "/api/v1/participants/{id}/enrolments/{program}/end", apiFor(goldthread.CanEnrol), s.apiEndEnrolment},
		{"GET", "/api/v1/peers", apiFor(goldthread.CanRegisterParticipants), s.apiAssignablePeers},
		{"POST", "/api/v1/participants/import", apiFor(goldthread.CanRegisterParticipants), s.apiImportCSV},
		{"POST", "/api/fhir/Patient", apiFor(goldthread.CanRegisterParticipants), s.apiCreatePatient},

		// Plans, crisis plans, eligibility (clinicians enter it), consents,
		// care teams and discharges. Billing reads eligibility, not plans.
		{"GET", "/participants/{id}/plans/new", signedIn(goldthread.CanWritePlans), s.handlePlanNew},
		{"POST", "/participants/{id}/plans", signedIn(goldthread.CanWritePlans), s.handlePlanCreate},
		{"GET", "/plans/{id}", signedIn(goldthread.CanReadPlans), s.handlePlanShow},
		{"GET", "/plans/{id}/edit", signedIn(goldthread.CanWritePlans), s.handlePlanEdit},
		{"POST", "/plans/{id}/edit", signedIn(goldthread.CanWritePlans), s.handlePlanUpdate},
		{"POST", "/plans/{id}/sign", signedIn(goldthread.CanSignPlans), s.handlePlanSign},
		{"POST", "/plans/{id}/versions", signedIn(goldthread.CanWritePlans), s.handlePlanNewVersion},
		{"POST", "/plans/{id}/reviews", signedIn(goldthread.CanWritePlans), s.handlePlanReview},
		{"GET", "/participants/{id}/crisis", signedIn(goldthread.CanReadPlans), s.handleCrisisCurrent},
		{"GET", "/plans/{id}/crisis/edit", signedIn(goldthread.CanWritePlans), s.handleCrisisEdit},
		{"POST", "/plans/{id}/crisis", signedIn(goldthread.CanWritePlans), s.handleCrisisSave},
		{"GET", "/plans/{id}/wrap", signedIn(goldthread.CanReadPlans), s.handleWRAP},
		{"GET", "/participants/{id}/eligibility", signedIn(goldthread.CanReadParticipants), s.handleEligibility},
		{"POST", "/participants/{id}/assessments", signedIn(goldthread.CanEnterEligibility), s.handleAssessmentAdd},
		{"POST", "/participants/{id}/diagnoses", signedIn(goldthread.CanEnterEligibility), s.handleDiagnosisAdd},
		{"POST", "/participants/{id}/orders", signedIn(goldthread.CanEnterEligibility), s.handleOrderAdd},
		{"POST", "/participants/{id}/authorizations", signedIn(goldthread.CanEnterEligibility), s.handleAuthorizationAdd},
		{"GET", "/participants/{id}/consents", signedIn(goldthread.CanReadPlans), s.handleConsents},
		{"POST", "/participants/{id}/consents", signedIn(goldthread.CanWritePlans), s.handleConsentAdd},
		{"POST", "/consents/{id}/revoke", signedIn(goldthread.CanWritePlans), s.handleConsentRevoke},
		{"POST", "/consents/{id}/document", signedIn(goldthread.CanWritePlans), s.handleConsentDocument},
		{"GET", "/consents/{id}/document", signedIn(goldthread.CanWritePlans), s.handleConsentDocumentFile},
		{"POST", "/consents/{id}/verify", signedIn(goldthread.CanVerifyConsents), s.handleConsentVerify},
		{"GET", "/participants/{id}/careteam", signedIn(goldthread.CanReadPlans), s.handleCareTeam},
		{"POST", "/participants/{id}/careteam", signedIn(goldthread.CanWritePlans), s.handleCareTeamAdd},
		{"GET", "/participants/{id}/discharge", signedIn(goldthread.CanReadPlans), s.handleDischarge},
		{"POST", "/participants/{id}/discharge", signedIn(goldthread.CanWritePlans), s.handleDischargeSave},
		{"GET", "/api/v1/participants/{id}/plans", apiFor(goldthread.CanReadPlans), s.apiPlanList},
		{"POST", "/api/v1/participants/{id}/plans", apiFor(goldthread.CanWritePlans), s.apiPlanCreate},
		{"GET", "/api/v1/plans/{id}", apiFor(goldthread.CanReadPlans), s.apiPlanShow},
		{"PUT", "/api/v1/plans/{id}", apiFor(goldthread.CanWritePlans), s.apiPlanUpdate},
		{"POST", "/api/v1/plans/{id}/signatures", apiFor(goldthread.CanSignPlans), s.apiPlanSign},
		{"POST", "/api/v1/plans/{id}/versions", apiFor(goldthread.CanWritePlans), s.apiPlanNewVersion},
		{"PUT", "/api/v1/plans/{id}/crisis", apiFor(goldthread.CanWritePlans), s.apiCrisisSet},
		{"GET", "/api/v1/plans/{id}/wrap", apiFor(goldthread.CanReadPlans), s.apiWRAP},
		{"POST", "/api/v1/plans/{id}/reviews", apiFor(goldthread.CanWritePlans), s.apiPlanReview},
		{"GET", "/api/v1/plan-reviews/due", apiFor(goldthread.CanWritePlans), s.apiReviewsDue},
		{"GET", "/api/v1/participants/{id}/thread", apiFor(goldthread.CanReadPlans), s.apiThread},
		{"GET", "/api/v1/participants/{id}/eligibility", apiFor(goldthread.CanReadParticipants), s.apiEligibility},
		{"POST", "/api/v1/participants/{id}/assessments", apiFor(goldthread.CanEnterEligibility), s.apiAssessmentAdd},
		{"POST", "/api/v1/participants/{id}/diagnoses", apiFor(goldthread.CanEnterEligibility), s.apiDiagnosisAdd},
		{"POST", "/api/v1/participants/{id}/service-orders", apiFor(goldthread.CanEnterEligibility), s.apiOrderAdd},
		{"POST", "/api/v1/participants/{id}/authorizations", apiFor(goldthread.CanEnterEligibility), s.apiAuthorizationAdd},
		{"GET", "/api/v1/participants/{id}/consents", apiFor(goldthread.CanReadPlans), s.apiConsents},
		{"POST", "/api/v1/participants/{id}/consents", apiFor(goldthread.CanWritePlans), s.apiConsentAdd},
		{"POST", "/api/v1/consents/{id}/revocation", apiFor(goldthread.CanWritePlans), s.apiConsentRevoke},
		{"POST", "/api/v1/consents/{id}/verification", apiFor(goldthread.CanVerifyConsents), s.apiConsentVerify},
		{"GET", "/api/v1/participants/{id}/care-team", apiFor(goldthread.CanReadPlans), s.apiCareTeam},
		{"POST", "/api/v1/participants/{id}/care-team", apiFor(goldthread.CanWritePlans), s.apiCareTeamAdd},
		{"GET", "/api/v1/participants/{id}/discharges", apiFor(goldthread.CanReadPlans), s.apiDischarges},
		{"POST", "/api/v1/participants/{id}/discharges", apiFor(goldthread.CanWritePlans), s.apiDischargeAdd},
		// The FHIR base is /api/fhir: on the API side (bearer tokens only,
		// never cookies), like /api/v1. Billing is refused (it never needs
		// the record as a whole) and so is an administrator (reads no record).
		{"GET", "/api/fhir/Patient/{id}/$everything", apiFor(goldthread.CanReadPlans), s.apiFHIREverything},

		// Service notes: write, check before signing (issue 13), sign,
		// addenda; the language coach's findings.
		{"GET", "/participants/{id}/notes/new", signedIn(goldthread.CanWriteNotes), s.handleNoteNew},
		{"POST", "/participants/{id}/notes", signedIn(goldthread.CanWriteNotes), s.handleNoteCreate},
		{"POST", "/notes/coach", signedIn(goldthread.CanWriteNotes), s.handleNoteCoach},
		{"GET", "/notes/{id}", signedIn(goldthread.CanReadParticipants), s.handleNoteShow},
		{"GET", "/notes/{id}/edit", signedIn(goldthread.CanWriteNotes), s.handleNoteEdit},
		{"POST", "/notes/{id}", signedIn(goldthread.CanWriteNotes), s.handleNoteSave},
		{"POST", "/notes/{id}/words", signedIn(goldthread.CanWriteNotes), s.handleNoteWords},
		{"POST", "/notes/{id}/dismiss", signedIn(goldthread.CanWriteNotes), s.handleNoteDismiss},
		{"POST", "/notes/{id}/fix", signedIn(goldthread.CanWriteNotes), s.handleNoteFix},
		{"GET", "/notes/{id}/sign", signedIn(goldthread.CanWriteNotes), s.handleNoteSignForm},
		{"POST", "/notes/{id}/sign", signedIn(goldthread.CanWriteNotes), s.handleNoteSign},
		{"GET", "/notes/{id}/addenda/new", signedIn(goldthread.CanWriteNotes), s.handleAddendumForm},
		{"POST", "/notes/{id}/addenda", signedIn(goldthread.CanWriteNotes), s.handleAddendumCreate},
		{"GET", "/api/v1/notes", apiFor(goldthread.CanReadParticipants), s.apiNoteList},
		{"POST", "/api/v1/notes", apiFor(goldthread.CanWriteNotes), s.apiNoteCreate},
		{"GET", "/api/v1/notes/{id}", apiFor(goldthread.CanReadParticipants), s.apiNoteShow},
		{"PUT", "/api/v1/notes/{id}", apiFor(goldthread.CanWriteNotes), s.apiNoteUpdate},
		{"GET", "/api/v1/notes/{id}/sign-check", apiFor(goldthread.CanWriteNotes), s.apiNoteSignCheck},
		{"POST", "/api/v1/notes/{id}/fixes", apiFor(goldthread.CanWriteNotes), s.apiNoteFix},
		{"POST", "/api/v1/notes/{id}/sign", apiFor(goldthread.CanWriteNotes), s.apiNoteSign},
		{"POST", "/api/v1/reauth", apiFor(goldthread.CanWriteNotes), s.apiReauthGrant},
		{"POST", "/api/v1/notes/{id}/addenda", apiFor(goldthread.CanWriteNotes), s.apiNoteAddendum},
		{"GET", "/api/v1/notes/{id}/findings", apiFor(goldthread.CanSeeFindings), s.apiNoteFindings},
		{"GET", "/api/v1/notes/{id}/thread", apiFor(goldthread.IsStaff), s.apiServiceThread},

		// Supervisor review: the queue, approve, return, comment, override.
		{"GET", "/review", signedIn(goldthread.CanReviewNotes), s.handleReviewQueue},
		{"POST", "/review/approvals", signedIn(goldthread.CanReviewNotes), s.handleReviewApprove},
		{"GET", "/notes/{id}/review", signedIn(goldthread.CanReadNarratives), s.handleReviewNote},
		{"POST", "/notes/{id}/approve", signedIn(goldthread.CanReviewNotes), s.handleNoteApprove},
		{"POST", "/notes/{id}/return", signedIn(goldthread.CanReviewNotes), s.handleNoteReturn},
		{"POST", "/notes/{id}/comments", signedIn(goldthread.CanWriteNotes), s.handleNoteComment},
		{"POST", "/notes/{id}/overrides", signedIn(goldthread.CanReviewNotes), s.handleNoteOverride},
		{"GET", "/api/v1/review-queue", apiFor(goldthread.CanReviewNotes), s.apiReviewQueue},
		{"GET", "/api/v1/notes/{id}/review", apiFor(goldthread.CanReadNarratives), s.apiReviewNote},
		{"POST", "/api/v1/notes/approvals", apiFor(goldthread.CanReviewNotes), s.apiApproveNotes},
		{"POST", "/api/v1/notes/{id}/return", apiFor(goldthread.CanReviewNotes), s.apiReturnNote},
		{"POST", "/api/v1/notes/{id}/comments", apiFor(goldthread.CanWriteNotes), s.apiCommentNote},
		{"POST", "/api/v1/notes/{id}/overrides", apiFor(goldthread.CanReviewNotes), s.apiOverrideFinding},

		// Group sessions (issue 13): a session with its whole roster is
		// created, saved under a version, changed a line at a time, and
		// signed once.
		{"GET", "/groups", signedIn(goldthread.CanFacilitateGroups), s.handleGroups},
		{"GET", "/groups/new", signedIn(goldthread.CanFacilitateGroups), s.handleGroupNew},
		{"POST", "/groups", signedIn(goldthread.CanFacilitateGroups), s.handleGroupCreate},
		{"GET", "/groups/{id}", signedIn(goldthread.CanReadNarratives), s.handleGroup},
		{"POST", "/groups/{id}", signedIn(goldthread.CanFacilitateGroups), s.handleGroupSave},
		{"POST", "/groups/{id}/sign", signedIn(goldthread.CanFacilitateGroups), s.handleGroupSign},
		{"GET", "/api/v1/groups", apiFor(goldthread.CanFacilitateGroups), s.apiGroupList},
		{"POST", "/api/v1/groups", apiFor(goldthread.CanFacilitateGroups), s.apiGroupCreate},
		{"GET", "/api/v1/programs/{id}/group-candidates", apiFor(goldthread.CanFacilitateGroups), s.apiGroupCandidates},
		{"GET", "/api/v1/groups/{id}", apiFor(goldthread.CanReadNarratives), s.apiGroupShow},
		{"PUT", "/api/v1/groups/{id}", apiFor(goldthread.CanFacilitateGroups), s.apiGroupUpdate},
		{"GET", "/api/v1/groups/{id}/plans", apiFor(goldthread.CanFacilitateGroups), s.apiGroupPlans},
		{"PUT", "/api/v1/groups/{id}/attendees/{pid}", apiFor(goldthread.CanFacilitateGroups), s.apiGroupAttendee},
		{"DELETE", "/api/v1/groups/{id}/attendees/{pid}", apiFor(goldthread.CanFacilitateGroups), s.apiGroupAttendeeRemove},
		{"POST", "/api/v1/groups/{id}/sign", apiFor(goldthread.CanFacilitateGroups), s.apiGroupSign},

		// Planned visits and the peer's day; recovery capital (BARC-10).
		{"GET", "/participants/{id}/visits/new", signedIn(goldthread.CanPlanVisits), s.handleVisitNew},
		{"POST", "/participants/{id}/visits", signedIn(goldthread.CanPlanVisits), s.handleVisitCreate},
		{"POST", "/visits/{id}/cancel", signedIn(goldthread.CanPlanVisits), s.handleVisitCancel},
		{"GET", "/participants/{id}/recovery-capital/new", signedIn(goldthread.CanRecordRecoveryCapital), s.handleBARCNew},
		{"POST", "/participants/{id}/recovery-capital", signedIn(goldthread.CanRecordRecoveryCapital), s.handleBARCCreate},
		{"GET", "/api/v1/today", apiFor(goldthread.CanPlanVisits), s.apiPeerToday},
		{"POST", "/api/v1/visits", apiFor(goldthread.CanPlanVisits), s.apiPlanVisit},
		{"POST", "/api/v1/participants/{id}/recovery-capital", apiFor(goldthread.CanRecordRecoveryCapital), s.apiRecordBARC},

		// The participant's side of the record (journey 6): their own record
		// and its copies, disclosures, who looked, amendment requests; and
		// the staff pages of their portal account.
		{"GET", "/me/record", signedIn(goldthread.IsParticipant), s.handleMyRecord},
		{"POST", "/participants/{id}/record.pdf", signedIn(goldthread.IsParticipant), s.handleRecordPDF},
		{"POST", "/participants/{id}/record.fhir.json", signedIn(goldthread.IsParticipant), s.handleRecordFHIR},
		{"GET", "/portal/welcome", signedIn(goldthread.IsParticipant), s.handleWelcome},
		{"GET", "/participants/{id}/disclosures", signedIn(goldthread.CanReadDisclosures), s.handleDisclosures},
		{"POST", "/participants/{id}/disclosures", signedIn(goldthread.CanRelease), s.handleRelease},
		{"GET", "/participants/{id}/access-log", signedIn(goldthread.CanReadAccessLog), s.handleAccessLog},
		{"GET", "/amendments/new", signedIn(goldthread.IsParticipant), s.handleAmendmentNew},
		{"POST", "/amendments", signedIn(goldthread.IsParticipant), s.handleAmendmentCreate},
		{"GET", "/amendments/{id}", signedIn(goldthread.CanReadDisclosures), s.handleAmendmentShow},
		{"POST", "/amendments/{id}/decision", signedIn(goldthread.CanDecideAmendments), s.handleAmendmentDecision},
		{"POST", "/amendments/{id}/statement", signedIn(goldthread.IsParticipant), s.handleAmendmentStatement},
		{"GET", "/participants/{id}/portal-account", signedIn(goldthread.CanManagePortalAccounts), s.handlePortalAccount},
		{"POST", "/participants/{id}/portal-account/invitation", signedIn(goldthread.CanManagePortalAccounts), s.handlePortalInvite},
		{"POST", "/participants/{id}/portal-account/disable", signedIn(goldthread.CanManagePortalAccounts), s.handlePortalAccess(false)},
		{"POST", "/participants/{id}/portal-account/enable", signedIn(goldthread.CanManagePortalAccounts), s.handlePortalAccess(true)},
		{"GET", "/api/v1/participants/{id}/record", apiFor(goldthread.CanReadDisclosures), s.apiRecord},
		{"GET", "/api/v1/participants/{id}/disclosures", apiFor(goldthread.CanReadDisclosures), s.apiDisclosures},
		{"POST", "/api/v1/participants/{id}/disclosures", apiFor(goldthread.CanDisclose), s.apiDisclose},
		{"GET", "/api/v1/participants/{id}/access-log", apiFor(goldthread.CanReadAccessLog), s.apiAccessLog},
		{"GET", "/api/v1/participants/{id}/amendments", apiFor(goldthread.CanReadDisclosures), s.apiAmendments},
		{"POST", "/api/v1/amendments", apiFor(goldthread.IsParticipant), s.apiAmendmentCreate},
		{"GET", "/api/v1/amendments/{id}", apiFor(goldthread.CanReadDisclosures), s.apiAmendmentShow},
		{"POST", "/api/v1/amendments/{id}/decision", apiFor(goldthread.CanDecideAmendments), s.apiAmendmentDecision},
		{"POST", "/api/v1/amendments/{id}/statement", apiFor(goldthread.IsParticipant), s.apiAmendmentStatement},
		{"POST", "/api/v1/participants/{id}/portal-invitation", apiFor(goldthread.CanManagePortalAccounts), s.apiPortalInvite},
		{"GET", "/api/v1/participants/{id}/portal-account", apiFor(goldthread.CanManagePortalAccounts), s.apiPortalAccount},
		{"POST", "/api/v1/participants/{id}/portal-account/disable", apiFor(goldthread.CanManagePortalAccounts), s.apiPortalAccess(false)},
		{"POST", "/api/v1/participants/{id}/portal-account/enable", apiFor(goldthread.CanManagePortalAccounts), s.apiPortalAccess(true)},

		// Staff and the workforce (issue 7): accounts, role grants, the team,
		// credentials and training, supervision, caseloads.
		{"GET", "/staff", signedIn(goldthread.CanListStaff), s.handleStaffList},
		{"GET", "/staff/new", signedIn(goldthread.CanAdminister), s.handleStaffNew},
		{"POST", "/staff", signedIn(goldthread.CanAdminister), s.handleStaffCreate},
		{"GET", "/staff/{id}", signedIn(goldthread.CanAdminister), s.handleStaffEdit},
		{"POST", "/staff/{id}", signedIn(goldthread.CanAdminister), s.handleStaffUpdate},
		{"POST", "/staff/{id}/password", signedIn(goldthread.CanAdminister), s.handleStaffPassword},
		{"POST", "/staff/{id}/revoke", signedIn(goldthread.CanAdminister), s.handleStaffRevoke},
		{"POST", "/staff/{id}/reset-mfa", signedIn(goldthread.CanAdminister), s.handleStaffResetMFA},
		{"POST", "/staff/{id}/unlink-sso", signedIn(goldthread.CanAdminister), s.handleStaffUnlinkSSO},
		{"POST", "/staff/grants/{id}/approve", signedIn(goldthread.CanAdminister), s.handleRoleGrantApprove},
		{"POST", "/staff/grants/{id}/decline", signedIn(goldthread.CanAdminister), s.handleRoleGrantDecline},
		{"GET", "/team", signedIn(goldthread.CanManageTeam), s.handleTeam},
		{"POST", "/team/settings", signedIn(goldthread.CanAdminister), s.handleTeamSetting},
		{"GET", "/staff/{id}/credentials", signedIn(goldthread.IsStaff), s.handleCredentials},
		{"POST", "/staff/{id}/credentials", signedIn(goldthread.CanWriteCredentials), s.handleCredentialAdd},
		{"POST", "/staff/{id}/ce", signedIn(goldthread.CanWriteCredentials), s.handleCEAdd},
		{"GET", "/credentials/{id}/edit", signedIn(goldthread.CanWriteCredentials), s.handleCredentialEdit},
		{"POST", "/credentials/{id}", signedIn(goldthread.CanWriteCredentials), s.handleCredentialUpdate},
		{"POST", "/credentials/{id}/verify", signedIn(goldthread.CanManageTeam), s.handleCredentialVerify},
		{"GET", "/supervision", signedIn(goldthread.CanReadSupervision), s.handleSupervisionLog},
		{"GET", "/supervision/new", signedIn(goldthread.CanLogSupervision), s.handleSupervisionNew},
		{"POST", "/supervision", signedIn(goldthread.CanLogSupervision), s.handleSupervisionCreate},
		{"GET", "/caseloads", signedIn(goldthread.CanManageTeam), s.handleCaseloads},
		{"POST", "/caseloads", signedIn(goldthread.CanManageTeam), s.handleCaseloadAssign},
		{"GET", "/api/v1/staff", apiFor(goldthread.CanListStaff), s.apiStaffList},
		{"POST", "/api/v1/staff", apiFor(goldthread.CanAdminister), s.apiStaffCreate},
		{"GET", "/api/v1/staff/{id}", apiFor(goldthread.CanAdminister), s.apiStaffShow},
		{"PUT", "/api/v1/staff/{id}", apiFor(goldthread.CanAdminister), s.apiStaffUpdate},
		{"GET", "/api/v1/team", apiFor(goldthread.CanManageTeam), s.apiTeam},
		{"GET", "/api/v1/credential-alerts", apiFor(goldthread.IsStaff), s.apiCredentialAlerts},
		{"GET", "/api/v1/staff/{id}/credentials", apiFor(goldthread.IsStaff), s.apiCredentials},
		{"POST", "/api/v1/staff/{id}/credentials", apiFor(goldthread.CanWriteCredentials), s.apiCredentialAdd},
		{"GET", "/api/v1/staff/{id}/credential-check", apiFor(goldthread.IsStaff), s.apiCredentialCheck},
		{"GET", "/api/v1/supervision", apiFor(goldthread.CanReadSupervision), s.apiSupervisionLog},
		{"POST", "/api/v1/supervision", apiFor(goldthread.CanManageTeam), s.apiSupervisionCreate},
		{"POST", "/api/v1/caseloads", apiFor(goldthread.CanManageTeam), s.apiCaseloadAssign},

		// Programs, their payer rules (issues 5 and 6) and the language
		// coach's word lists.
		{"GET", "/programs", signedIn(goldthread.CanReadPrograms), s.handleProgramList},
		{"GET", "/programs/new", signedIn(goldthread.CanAdminister), s.handleProgramNew},
		{"POST", "/programs", signedIn(goldthread.CanAdminister), s.handleProgramAdd},
		{"GET", "/programs/{id}/edit", signedIn(goldthread.CanAdminister), s.handleProgramEdit},
		{"POST", "/programs/{id}", signedIn(goldthread.CanAdminister), s.handleProgramSave},
		{"POST", "/programs/{id}/part2", signedIn(goldthread.CanAdminister), s.handleProgramPart2},
		{"GET", "/rules", signedIn(goldthread.CanReadRules), s.handleRulesIndex},
		{"GET", "/programs/{id}/rules", signedIn(goldthread.CanReadRules), s.handleProgramRules},
		{"POST", "/programs/{id}/rules", signedIn(goldthread.CanAdminister), s.handleRuleOverride},
		{"GET", "/coach/lexicon", signedIn(goldthread.CanCoachLanguage), s.handleLexicon},
		{"POST", "/coach/lexicon/entries", signedIn(goldthread.CanCoachLanguage), s.handleLexiconAdd},
		{"POST", "/coach/lexicon/silences", signedIn(goldthread.CanCoachLanguage), s.handleLexiconSilence},
		{"POST", "/coach/lexicon/changes/{id}/end", signedIn(goldthread.CanCoachLanguage), s.handleLexiconEnd},
		{"GET", "/coaching", signedIn(goldthread.CanCoachLanguage), s.handleCoaching},
		{"GET", "/api/v1/programs", apiFor(goldthread.IsStaff), s.apiPrograms},
		{"POST", "/api/v1/programs", apiFor(goldthread.CanAdminister), s.apiAddProgram},
		{"PUT", "/api/v1/programs/{id}", apiFor(goldthread.CanAdminister), s.apiUpdateProgram},
		{"GET", "/api/v1/programs/{id}/rules", apiFor(goldthread.CanReadRules), s.apiProgramRules},
		{"PUT", "/api/v1/programs/{id}/rules/override", apiFor(goldthread.CanAdminister), s.apiRuleOverride},
		{"GET", "/api/v1/coaching", apiFor(goldthread.CanCoachLanguage), s.apiCoaching},

		// Billing (issue 8): the worklist, batches and 837P files, claims and
		// their outcomes, remittances, payer settings and rates, the
		// agency's billing identity. Billing staff act; auditors read.
		{"GET", "/billing", signedIn(goldthread.CanReadClaims), s.handleBilling},
		{"GET", "/billing/worklist.csv", signedIn(goldthread.CanReadClaims), s.handleBillingCSV},
		{"POST", "/billing/batches", signedIn(goldthread.CanBill), s.handleBatchCreate},
		{"POST", "/billing/batches/{id}/837", signedIn(goldthread.CanBill), s.handleBatchFile},
		{"POST", "/billing/batches/{id}/accepted", signedIn(goldthread.CanBill), s.handleBatchAccept},
		{"GET", "/claims", signedIn(goldthread.CanReadClaims), s.handleClaims},
		{"POST", "/claims/outcomes", signedIn(goldthread.CanBill), s.handleOutcomesImport},
		{"POST", "/claims/acknowledgments", signedIn(goldthread.CanBill), s.handleAcknowledgmentImport},
		{"GET", "/claims/{id}", signedIn(goldthread.CanReadClaims), s.handleClaim},
		{"POST", "/claims/{id}/outcome", signedIn(goldthread.CanBill), s.handleClaimOutcome},
		{"POST", "/claims/{id}/correction", signedIn(goldthread.CanBill), s.handleClaimCorrection},
		{"GET", "/remittances", signedIn(goldthread.CanReadClaims), s.handleRemittances},
		{"POST", "/remittances/preview", signedIn(goldthread.CanBill), s.handleRemittancePreview},
		{"POST", "/remittances", signedIn(goldthread.CanBill), s.handleRemittanceApply},
		{"GET", "/remittances/{id}", signedIn(goldthread.CanReadClaims), s.handleRemittance},
		{"GET", "/billing/programs/{id}/settings", signedIn(goldthread.CanReadBilling), s.handleBillingSettings},
		{"POST", "/billing/programs/{id}/settings", signedIn(goldthread.CanWriteBillingSettings), s.handleBillingSettingsSave},
		{"POST", "/billing/programs/{id}/rates", signedIn(goldthread.CanWriteBillingSettings), s.handleBillingRateSave},
		{"GET", "/settings/billing-identity", signedIn(goldthread.CanReadBilling), s.handleBillingIdentity},
		{"POST", "/settings/billing-identity", signedIn(goldthread.CanAdminister), s.handleBillingIdentitySave},
		{"GET", "/api/v1/billing/services", apiFor(goldthread.CanReadClaims), s.apiBillingServices},
		{"GET", "/api/v1/claims", apiFor(goldthread.CanReadClaims), s.apiClaims},
		{"GET", "/api/v1/claims/{id}", apiFor(goldthread.CanReadClaims), s.apiClaim},
		{"POST", "/api/v1/claims/{id}/outcome", apiFor(goldthread.CanBill), s.apiClaimOutcome},
		{"POST", "/api/v1/batches/{id}/accept", apiFor(goldthread.CanBill), s.apiBatchAccept},
		{"POST", "/api/v1/acknowledgments", apiFor(goldthread.CanBill), s.apiAcknowledgmentImport},
		{"GET", "/api/v1/remittances", apiFor(goldthread.CanReadClaims), s.apiRemittances},
		{"POST", "/api/v1/remittances", apiFor(goldthread.CanBill), s.apiRemittanceImport},
		{"GET", "/api/v1/remittances/{id}", apiFor(goldthread.CanReadClaims), s.apiRemittance},
		{"GET", "/api/v1/programs/{id}/billing", apiFor(goldthread.CanReadBilling), s.apiProgramBilling},
		{"PUT", "/api/v1/programs/{id}/billing", apiFor(goldthread.CanWriteBillingSettings), s.apiProgramBillingPut},
		{"PUT", "/api/v1/programs/{id}/billing/rates", apiFor(goldthread.CanWriteBillingSettings), s.apiBillingRatePut},
		{"GET", "/api/v1/agency/billing-identity", apiFor(goldthread.CanReadBilling), s.apiBillingIdentity},
		{"PUT", "/api/v1/agency/billing-identity", apiFor(goldthread.CanAdminister), s.apiBillingIdentityPut},

		// Dashboards (issue 17) and their CSVs, with the same filter and
		// reach as JSON: ?from=&to= (YYYY-MM-DD, eight weeks up to today
		// when empty), &program=, &staff=. Exports; the audit trail.
		{"GET", "/dashboards/supervisor", signedIn(goldthread.CanReadTeamDashboard), s.handleSupervisorDashboard},
		{"GET", "/dashboards/supervisor/export", signedIn(goldthread.CanReadTeamDashboard), s.handleSupervisorCSV},
		{"GET", "/dashboards/billing", signedIn(goldthread.CanReadBilling), s.handleBillingDashboard},
		{"GET", "/dashboards/billing/export", signedIn(goldthread.CanReadBilling), s.handleBillingDashboardCSV},
		{"GET", "/dashboards/director", signedIn(goldthread.CanReadProgramDashboard), s.handleDirectorDashboard},
		{"GET", "/dashboards/director/export", signedIn(goldthread.CanReadProgramDashboard), s.handleDirectorCSV},
		{"GET", "/api/v1/dashboards/supervisor", apiFor(goldthread.CanReadTeamDashboard), s.apiSupervisorDashboard},
		{"GET", "/api/v1/dashboards/billing", apiFor(goldthread.CanReadBilling), s.apiBillingDashboard},
		{"GET", "/api/v1/dashboards/director", apiFor(goldthread.CanReadProgramDashboard), s.apiDirectorDashboard},
		{"GET", "/exports", signedIn(goldthread.CanExport), s.handleExports},
		{"POST", "/exports/{kind}", signedIn(goldthread.CanExport), s.handleExportCSV},
		{"POST", "/api/v1/exports/{kind}", apiFor(goldthread.CanExport), s.apiExportCSV},
		{"GET", "/audit", signedIn(goldthread.CanReadAudit), s.handleAuditList},
		{"GET", "/audit.csv", signedIn(goldthread.CanReadAudit), s.handleAuditCSV},

		// The agency's settings: second factor by role, time zone, the
		// Part 2 consent check.
		{"GET", "/settings/security", signedIn(goldthread.CanAdminister), s.handleSecuritySettings},
		{"POST", "/settings/security", signedIn(goldthread.CanAdminister), s.handleSecuritySettingsSave},
		{"GET", "/settings/agency", signedIn(goldthread.CanAdminister), s.handleAgencySettings},
		{"POST", "/settings/agency", signedIn(goldthread.CanAdminister), s.handleAgencySettingsSave},
		{"POST", "/settings/part2-consent-check", signedIn(goldthread.CanAdminister), s.handlePart2CheckSave},
	}
}
