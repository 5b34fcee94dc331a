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
	public   = Access{Public: true}
	allRoles = goldthread.Roles
	staff    = []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician,
		goldthread.RoleBilling, goldthread.RoleAdministrator, goldthread.RoleAuditor}
	// readers are the roles that read participant records in some scope.
	readers = []goldthread.Role{goldthread.RolePeer, goldthread.RoleSupervisor, goldthread.RoleClinician,
		goldthread.RoleBilling, goldthread.RoleAuditor, goldthread.RoleParticipant}
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

// routeGroups lists the functions that contribute routes: the core ones
// here, and each feature's from its own file (registered in an init), so
// features add routes without editing this file.
var routeGroups = []func(*Server) []route{(*Server).coreRoutes}

func (s *Server) routeTable() []route {
	var all []route
	for _, g := range routeGroups {
		all = append(all, g(s)...)
	}
	return all
}

func (s *Server) coreRoutes() []route {
	return []route{
		{"GET", "/healthz", public, s.handleHealth},
		{"GET", "/readyz", public, s.handleReady},
		{"GET", "/static/{file}", public, s.handleStatic},
		{"GET", "/favicon.ico", public, s.handleFavicon},
		{"GET", "/{$}", public, s.handleRoot},
		{"GET", "/signin", public, s.handleSignInForm},
		{"POST", "/signin", public, s.handleSignIn},
		{"POST", "/signout", setup(allRoles...), s.handleSignOut},
		{"POST", "/session/keepalive", setup(allRoles...), s.handleKeepAlive},
		{"GET", "/today", signedIn(allRoles...), s.handleToday},
		{"GET", "/participants", signedIn(readers...), s.handleParticipantList},
		{"GET", "/participants/{id}", signedIn(readers...), s.handleParticipantShow},
		{"GET", "/staff", signedIn(goldthread.RoleAdministrator, goldthread.RoleSupervisor), s.handleStaffList},
		{"GET", "/programs", signedIn(goldthread.RoleAdministrator, goldthread.RoleBilling, goldthread.RoleSupervisor, goldthread.RoleClinician), s.handleProgramList},
		{"GET", "/audit", signedIn(goldthread.RoleAuditor, goldthread.RoleAdministrator), s.handleAuditList},

		{"POST", "/api/v1/tokens", Access{Public: true, API: true}, s.apiCreateToken},
		{"DELETE", "/api/v1/tokens/current", apiFor(allRoles...), s.apiDeleteToken},
		{"GET", "/api/v1/me", apiFor(allRoles...), s.apiMe},
		{"PUT", "/api/v1/me/language", apiFor(allRoles...), s.apiMyLanguage},
		{"GET", "/api/v1/programs", apiFor(staff...), s.apiPrograms},
		{"GET", "/api/v1/participants", apiFor(readers...), s.apiParticipantList},
		{"GET", "/api/v1/participants/{id}", apiFor(readers...), s.apiParticipantShow},
	}
}
