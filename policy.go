package goldthread

// Role policy: what each role may do, written once. The web's route table
// (who may reach a route), its navigation (which links a person sees) and
// the store's checks (who may read or change what) all ask these
// functions, so a rule changes in one place. TestRolePolicy lists the
// expected answer of every capability for every role.
//
// Each capability says only whether a role may do the thing at all. The
// store narrows it further by reach (caseload, team, agency, the
// participant's own record) in its SQL, and some checks add a condition of
// their own (a supervisor never reviews their own note).
//
// Every capability is a disjunction of roles: a person holding several
// roles may do what any one of them may (TestRolePolicy checks it), which
// is also how the router reads the roles RolesThat derives.

// IsSignedIn reports whether someone, in any role, is signed in: their
// session, Today, their own account.
func IsSignedIn(a Actor) bool { return !a.Anonymous() && len(a.Roles) > 0 }

// IsStaff reports whether the actor works at the agency in some role, not
// only as a participant: programs, credentials, a service's golden thread.
func IsStaff(a Actor) bool {
	return hasAny(a, RolePeer, RoleSupervisor, RoleClinician, RoleBilling, RoleAdministrator, RoleAuditor)
}

// IsParticipant reports whether the actor is a person served, who acts on
// their own record only: its copies, their portal welcome, their amendment
// requests and statements.
func IsParticipant(a Actor) bool { return a.Has(RoleParticipant) }

// CanReadParticipants reports whether any of the actor's roles gives access
// to participant records at all. An administrator alone does not: managing
// staff and settings needs no clinical reading (minimum necessary).
func CanReadParticipants(a Actor) bool {
	for _, r := range a.Roles {
		if r != RoleAdministrator {
			return true
		}
	}
	return false
}

// CanRegisterParticipants: supervisors, clinicians and administrators run
// intake and import participants from another system (administrators
// register but read no record afterwards).
func CanRegisterParticipants(a Actor) bool {
	return hasAny(a, RoleSupervisor, RoleClinician, RoleAdministrator)
}

// CanEditParticipants: the staff who keep a participant's record up to
// date in their reach (peers for their caseload, supervisors for their
// team's, clinicians for the agency) change their details; billing and
// auditors read but do not change; administrators read no record.
func CanEditParticipants(a Actor) bool { return hasAny(a, RolePeer, RoleSupervisor, RoleClinician) }

// CanEnrol: supervisors and clinicians open and end enrolments in programs.
func CanEnrol(a Actor) bool { return hasAny(a, RoleSupervisor, RoleClinician) }

// CanBreakGlass: peer specialists, supervisors and clinicians may open a
// record outside their reach in an emergency (time-limited, audited).
func CanBreakGlass(a Actor) bool { return hasAny(a, RolePeer, RoleSupervisor, RoleClinician) }

// CanReadPlans: who reads plans, crisis plans, consents, care teams,
// discharges and the golden thread. Billing does not (it reads eligibility
// only) and an administrator reads no record.
func CanReadPlans(a Actor) bool {
	return hasAny(a, RolePeer, RoleSupervisor, RoleClinician, RoleAuditor, RoleParticipant)
}

// CanWritePlans: the people who work with the participant (peer,
// supervisor, clinician) write plans and what goes with them: crisis plans,
// plan reviews, consents, care teams, discharges. Billing, auditors and
// participants only read.
func CanWritePlans(a Actor) bool { return hasAny(a, RolePeer, RoleSupervisor, RoleClinician) }

// CanSignPlans: the signers of a plan, the peer specialist, the clinician
// and the participant (the store decides which signature each gives).
func CanSignPlans(a Actor) bool { return hasAny(a, RolePeer, RoleClinician, RoleParticipant) }

// CanEnterEligibility: only a licensed clinician enters assessments,
// diagnoses, service orders and authorizations.
func CanEnterEligibility(a Actor) bool { return a.Has(RoleClinician) }

// CanVerifyConsents: a supervisor or a clinician verifies a consent someone
// else recorded against the signed form.
func CanVerifyConsents(a Actor) bool { return hasAny(a, RoleSupervisor, RoleClinician) }

// CanWriteNotes: the people who give services (peer specialists and
// supervisors) write, check, sign and amend service notes.
func CanWriteNotes(a Actor) bool { return hasAny(a, RolePeer, RoleSupervisor) }

// CanFacilitateGroups: peer specialists and supervisors run group sessions.
func CanFacilitateGroups(a Actor) bool { return hasAny(a, RolePeer, RoleSupervisor) }

// CanPlanVisits: peer specialists and supervisors plan visits and have a
// caseload day.
func CanPlanVisits(a Actor) bool { return hasAny(a, RolePeer, RoleSupervisor) }

// CanReadNarratives: who reads notes with their narrative, on a note's
// review page and in a group session (the store decides the reach).
func CanReadNarratives(a Actor) bool {
	return hasAny(a, RolePeer, RoleSupervisor, RoleClinician, RoleAuditor)
}

// CanReviewNotes: supervisors approve, return and override findings (the
// store narrows it to the author's own supervisor or designated alternate),
// and see their team's queue and overdue notes.
func CanReviewNotes(a Actor) bool { return a.Has(RoleSupervisor) }

// CanSeeFindings: who sees a note's compliance findings (everyone who reads
// notes in some form, participants and administrators not).
func CanSeeFindings(a Actor) bool {
	return hasAny(a, RolePeer, RoleSupervisor, RoleClinician, RoleBilling, RoleAuditor)
}

// CanRecordRecoveryCapital: peer specialists, supervisors and clinicians
// record a BARC-10.
func CanRecordRecoveryCapital(a Actor) bool {
	return hasAny(a, RolePeer, RoleSupervisor, RoleClinician)
}

// CanReadDisclosures: who reads a participant's accounting of disclosures
// and amendment requests: the staff who work with them, auditors, the
// participant.
func CanReadDisclosures(a Actor) bool {
	return hasAny(a, RolePeer, RoleSupervisor, RoleClinician, RoleAuditor, RoleParticipant)
}

// CanRelease: the staff who work with a participant send a copy of the
// record out under a consent.
func CanRelease(a Actor) bool { return hasAny(a, RolePeer, RoleSupervisor, RoleClinician) }

// CanDisclose: who may ask for a copy of a record through the API: the
// participant themselves (their own) and the staff who release one.
// Billing, auditors and administrators never send a record out.
func CanDisclose(a Actor) bool { return a.Has(RoleParticipant) || CanRelease(a) }

// CanReadAccessLog: who looked at a record is shown to the participant
// (their own), clinicians and auditors.
func CanReadAccessLog(a Actor) bool { return hasAny(a, RoleClinician, RoleAuditor, RoleParticipant) }

// CanDecideAmendments: supervisors and clinicians answer a participant's
// amendment requests.
func CanDecideAmendments(a Actor) bool { return hasAny(a, RoleSupervisor, RoleClinician) }

// CanManagePortalAccounts: the peer specialists, supervisors and clinicians
// who serve a participant invite them to the portal and turn it off or on.
func CanManagePortalAccounts(a Actor) bool { return hasAny(a, RolePeer, RoleSupervisor, RoleClinician) }

// CanAdminister: administrators keep staff accounts, programs, payer rule
// overrides, the billing identity and the agency's settings.
func CanAdminister(a Actor) bool { return a.Has(RoleAdministrator) }

// CanListStaff: administrators and supervisors see who works at the
// agency.
func CanListStaff(a Actor) bool { return hasAny(a, RoleAdministrator, RoleSupervisor) }

// CanManageTeam: supervisors and administrators see the team overview,
// verify credentials, log supervision through the API and assign
// caseloads.
func CanManageTeam(a Actor) bool { return hasAny(a, RoleSupervisor, RoleAdministrator) }

// CanWriteCredentials: every staff role but auditors adds credentials and
// training (their own; supervisors and administrators others').
func CanWriteCredentials(a Actor) bool {
	return hasAny(a, RolePeer, RoleSupervisor, RoleClinician, RoleBilling, RoleAdministrator)
}

// CanReadSupervision: the supervision log is read by peers (their own),
// supervisors, administrators and auditors.
func CanReadSupervision(a Actor) bool {
	return hasAny(a, RolePeer, RoleSupervisor, RoleAdministrator, RoleAuditor)
}

// CanLogSupervision: supervisors log supervision sessions on the page.
func CanLogSupervision(a Actor) bool { return a.Has(RoleSupervisor) }

// CanCoachLanguage: administrators and supervisors change the language
// coach's word lists and see coaching counts.
func CanCoachLanguage(a Actor) bool { return hasAny(a, RoleAdministrator, RoleSupervisor) }

// CanReadPrograms: administrators, billing, supervisors and clinicians open
// the programs page.
func CanReadPrograms(a Actor) bool {
	return hasAny(a, RoleAdministrator, RoleBilling, RoleSupervisor, RoleClinician)
}

// CanReadRules: administrators, supervisors, billing and auditors read the
// payer rules of the agency's programs.
func CanReadRules(a Actor) bool {
	return hasAny(a, RoleAdministrator, RoleSupervisor, RoleBilling, RoleAuditor)
}

// CanBill: billing staff make batches and 837P files, record outcomes,
// corrections, acknowledgments and remittances. Nothing they see shows a
// narrative.
func CanBill(a Actor) bool { return a.Has(RoleBilling) }

// CanReadClaims: billing staff and auditors read the worklist, claims,
// remittances and the billing dashboard's rows.
func CanReadClaims(a Actor) bool { return hasAny(a, RoleBilling, RoleAuditor) }

// CanReadBilling: billing staff, administrators and auditors read billing
// data: payer settings and rates, the agency's billing identity, the
// billing dashboard's figures (its rows only with CanReadClaims) and, in the
// store, claims and remittances.
func CanReadBilling(a Actor) bool { return hasAny(a, RoleBilling, RoleAdministrator, RoleAuditor) }

// CanWriteBillingSettings: billing staff and administrators keep payer
// settings and rates.
func CanWriteBillingSettings(a Actor) bool { return hasAny(a, RoleBilling, RoleAdministrator) }

// CanReadTeamDashboard: supervisors and administrators see the team's
// dashboard.
func CanReadTeamDashboard(a Actor) bool { return hasAny(a, RoleSupervisor, RoleAdministrator) }

// CanReadProgramDashboard: administrators, supervisors, clinicians and
// auditors see the program dashboard.
func CanReadProgramDashboard(a Actor) bool {
	return hasAny(a, RoleAdministrator, RoleSupervisor, RoleClinician, RoleAuditor)
}

// CanExport: who may export something as CSV; which kinds depends on the
// role (the store's ExportKinds).
func CanExport(a Actor) bool {
	return hasAny(a, RolePeer, RoleSupervisor, RoleClinician, RoleBilling, RoleAuditor)
}

// CanReadAudit: only auditors and administrators read the audit trail.
func CanReadAudit(a Actor) bool { return hasAny(a, RoleAuditor, RoleAdministrator) }

// RolesThat lists, in the order of Roles, the roles whose holder alone may
// do what can allows: the route table's access lists, derived from the
// policy rather than written again.
func RolesThat(can func(Actor) bool) []Role {
	var out []Role
	for _, r := range Roles {
		if can(Actor{UserID: 1, Roles: []Role{r}}) {
			out = append(out, r)
		}
	}
	return out
}

// hasAny reports whether a holds one of roles.
func hasAny(a Actor, roles ...Role) bool {
	for _, r := range roles {
		if a.Has(r) {
			return true
		}
	}
	return false
}
