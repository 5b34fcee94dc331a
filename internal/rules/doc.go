// Package rules holds Goldthread's payer rule packs and the compliance
// engine that checks a peer support service note against them.
//
// A rule pack is data: one embedded YAML file per payer program (NC
// Medicaid 8G, Medi-Cal peer support, NY OMH MHOTRS) plus a shared federal
// overlay. Every value in a pack is a [Fact]: the value itself, the source
// it was read from, and a [Status] saying how far it was verified. Values
// the research could not confirm are loaded like any other but keep the
// status "unconfirmed", so screens and findings can say so, and an agency
// can replace them at run time with [Pack.WithOverrides].
//
// The package is pure: no database, no network, no clock. Callers pass
// time (Input.Now) and everything the rules need as plain values, and get
// plain values back. The billing helpers ([Units], [Modifiers],
// [PlaceOfService], [ServiceFor], [Deadline]) are what the claim builder
// calls; [Check] is what note signing, supervisor review and the billing
// queue call.
package rules
