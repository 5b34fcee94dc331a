package goldthread

import (
	"slices"
	"strings"
	"time"
)

// BillingIdentity is how an agency names itself on every claim: the 837P
// billing provider (loop 2010AA: legal name, NPI, employer identification
// number, taxonomy and the address services are billed from, with its
// ZIP+4) and, when payments go elsewhere, the pay-to address (loop 2010AB).
// An administrator keeps it; billing staff and auditors read it. It is
// checked with the 837P writer's rules when saved, so a saved identity
// never makes a claim file the writer refuses.
type BillingIdentity struct {
	LegalName string  `json:"legal_name"` // NM1*85 03; may differ from the agency's display name
	NPI       string  `json:"npi"`        // the organisation's NPI (NM1*85 09), ten digits with a valid check digit
	TaxID     string  `json:"tax_id"`     // EIN (REF*EI), nine digits; shown as 12-3456789 (FormatEIN)
	Taxonomy  string  `json:"taxonomy"`   // PRV*BI, such as 251S00000X; empty omits the segment
	Address   Address `json:"address"`    // N3/N4 of 2010AA: a street address, never a PO box, ZIP+4
	// PayTo is where the payer sends payments when that is not Address
	// (2010AB); nil when it is the same.
	PayTo *Address `json:"pay_to"`
	// Placeholder marks an identity nobody has confirmed for real claims
	// (the demo's, or one from before administrators kept it): test files
	// may use it, a production batch is refused.
	Placeholder bool      `json:"placeholder"`
	UpdatedAt   time.Time `json:"updated_at,omitzero"`
}

// FormatEIN writes an employer identification number as the IRS prints
// it, 12-3456789; anything not nine digits comes back as it was.
func FormatEIN(ein string) string {
	d := Digits(ein)
	if len(d) != 9 {
		return ein
	}
	return d[:2] + "-" + d[2:]
}

// FormatZIP writes a nine-digit ZIP code as ZIP+4 (28801-2416); five
// digits and anything else come back as they were.
func FormatZIP(zip string) string {
	d := Digits(zip)
	if len(d) != 9 {
		return zip
	}
	return d[:5] + "-" + d[5:]
}

// Digits returns the decimal digits of s in order ("56-2718304" →
// "562718304").
func Digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// RenderingRoles are the roles whose holders deliver and document services
// (they write service notes), so claims name them as rendering providers.
var RenderingRoles = []Role{RolePeer, RoleSupervisor}

// RendersServices reports whether s holds a role that delivers services.
func (s Staff) RendersServices() bool {
	return slices.ContainsFunc(s.Roles, func(r Role) bool { return slices.Contains(RenderingRoles, r) })
}
