package web

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/goldthread/goldthread"
)

// The API description: OpenAPI 3.1 at /api/openapi.json, generated from
// the route table (method, path, who may call it) and one hand-written
// description per API route (apiDocs, in openapi_routes.go).
// TestOpenAPIMatchesRoutes fails when an API route has no description or a
// description names no route.

// apiDoc is the hand-written part of one operation: what it does, its
// success status, and the error statuses it answers besides 401/403 (from
// its access) and 500.
type apiDoc struct {
	Summary string
	OK      int
	Errors  []int
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

// isAPIRoute: the API is every route under /api/.
func isAPIRoute(pattern string) bool { return strings.HasPrefix(pattern, "/api/") }

// OpenAPI builds the description of the routes' API operations.
func (s *Server) OpenAPI() map[string]any {
	paths := map[string]map[string]any{}
	for _, rt := range s.routes {
		if !isAPIRoute(rt.Pattern) {
			continue
		}
		doc, ok := apiDocs[rt.Method+" "+rt.Pattern]
		if !ok {
			continue // TestOpenAPIMatchesRoutes fails on it
		}
		fhirOp := strings.HasPrefix(rt.Pattern, "/api/fhir/")
		op := map[string]any{
			"summary":     doc.Summary,
			"operationId": operationID(rt.Method, rt.Pattern),
			"tags":        []string{tagOf(rt.Pattern)},
		}
		if rt.Access.Public {
			op["security"] = []any{}
		} else {
			roles := make([]string, len(rt.Access.Roles))
			for i, r := range rt.Access.Roles {
				roles[i] = string(r)
			}
			op["x-roles"] = roles
			op["description"] = "Roles: " + strings.Join(roles, ", ") + ". Every other role is refused with 403."
		}
		var params []any
		for _, m := range pathParam.FindAllStringSubmatch(rt.Pattern, -1) {
			schema := map[string]any{"type": "integer", "minimum": 1} // record ids
			if m[1] == "kind" {
				schema = map[string]any{"type": "string", "enum": []string{"participants", "notes", "services", "claims"}}
			}
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": schema})
		}
		if params != nil {
			op["parameters"] = params
		}
		if rt.Method == "POST" || rt.Method == "PUT" {
			media := "application/json"
			if fhirOp {
				media = "application/fhir+json"
			}
			op["requestBody"] = map[string]any{"content": map[string]any{media: map[string]any{"schema": map[string]any{"type": "object"}}}}
		}
		responses := map[string]any{strconv.Itoa(doc.OK): map[string]any{"description": http.StatusText(doc.OK)}}
		statuses := append([]int{http.StatusInternalServerError}, doc.Errors...)
		if !rt.Access.Public {
			statuses = append(statuses, http.StatusUnauthorized, http.StatusForbidden)
		}
		for _, st := range statuses {
			ref := "#/components/responses/Error"
			if fhirOp {
				ref = "#/components/responses/OperationOutcome"
			}
			responses[strconv.Itoa(st)] = map[string]any{"$ref": ref}
		}
		op["responses"] = responses
		p := openAPIPath(rt.Pattern)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		paths[p][strings.ToLower(rt.Method)] = op
	}
	// The kinds by status come from kindStatus, the mapping the server
	// answers with, so the description cannot drift from the answers.
	kinds := make([]string, 0, len(kindStatus))
	for k, st := range kindStatus {
		kinds = append(kinds, strconv.Itoa(st)+" "+k)
	}
	sort.Strings(kinds)
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "Goldthread API", "version": "1",
			"description": "Peer support documentation, supervision and billing. Bearer tokens from POST /api/v1/tokens, never cookies. " +
				"Errors are {\"error\":{\"kind\",\"field\",\"message\"}}; under /api/fhir they are FHIR OperationOutcomes. Error kinds by status: " +
				strings.Join(kinds, "; ") + "."},
		"paths": paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
			"schemas": map[string]any{"Error": map[string]any{"type": "object", "required": []string{"error"},
				"properties": map[string]any{"error": map[string]any{"type": "object", "required": []string{"kind", "message"},
					"properties": map[string]any{
						"kind":    map[string]any{"type": "string", "enum": errorKindNames()},
						"field":   map[string]any{"type": "string"},
						"message": map[string]any{"type": "string"}}}}}},
			"responses": map[string]any{
				"Error": map[string]any{"description": "An error with its kind; the message is for people.",
					"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}},
				"OperationOutcome": map[string]any{"description": "A FHIR R4 OperationOutcome naming the element or parameter.",
					"content": map[string]any{"application/fhir+json": map[string]any{"schema": map[string]any{"type": "object"}}}},
			},
		},
		"security": []any{map[string]any{"bearer": []any{}}},
	}
}

func errorKindNames() []string {
	out := slices.Clone(goldthread.ErrorKinds)
	sort.Strings(out)
	return out
}

// openAPIPath writes a ServeMux pattern as an OpenAPI path (the same
// {name} parameters; nothing else differs in the API's patterns).
func openAPIPath(pattern string) string { return pattern }

func operationID(method, pattern string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	for _, part := range strings.FieldsFunc(pattern, func(r rune) bool { return r == '/' || r == '-' || r == '$' || r == '.' }) {
		if part == "api" || part == "v1" {
			continue
		}
		part = strings.Trim(part, "{}")
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func tagOf(pattern string) string {
	if strings.HasPrefix(pattern, "/api/fhir/") {
		return "fhir"
	}
	parts := strings.Split(strings.TrimPrefix(strings.TrimPrefix(pattern, "/api/"), "v1/"), "/")
	return parts[0]
}

// apiOpenAPI answers GET /api/openapi.json.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request, _ goldthread.Actor) {
	b, err := json.MarshalIndent(s.OpenAPI(), "", "  ")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write(append(b, '\n'))
}

// APIDescriptions lists the operations the hand-written descriptions name
// ("METHOD pattern"), for the test that compares them with the routes.
func (s *Server) APIDescriptions() []string {
	out := make([]string, 0, len(apiDocs))
	for k := range apiDocs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
