package fhir

// OperationOutcome is FHIR's answer about an operation: why a request was
// refused, or what a create did.
type OperationOutcome struct {
	ResourceType string         `json:"resourceType"`
	Issue        []OutcomeIssue `json:"issue"`
}

// OutcomeIssue is one finding: severity (error, information…), an issue
// type code (invalid, duplicate, forbidden, not-found, informational…),
// the element or parameter it is about, and text for a person.
type OutcomeIssue struct {
	Severity   string           `json:"severity"`
	Code       string           `json:"code"`
	Details    *CodeableConcept `json:"details,omitempty"`
	Expression []string         `json:"expression,omitempty"`
}

// Outcome is an OperationOutcome of one issue; element may be empty.
func Outcome(severity, code, element, text string) OperationOutcome {
	is := OutcomeIssue{Severity: severity, Code: code, Details: &CodeableConcept{Text: text}}
	if element != "" {
		is.Expression = []string{element}
	}
	return OperationOutcome{ResourceType: "OperationOutcome", Issue: []OutcomeIssue{is}}
}
