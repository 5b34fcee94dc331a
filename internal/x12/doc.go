// Package x12 writes and reads ASC X12 837P professional claim files
// (version 005010X222A1), the format payers accept for Medicaid and other
// billing of peer support services, and the 835 remittance files
// (005010X221A1) payers answer with (see Read835 and Write835).
//
// The package is pure: it takes plain values and an io.Writer or io.Reader,
// and imports no database and no HTTP. A Writer streams one interchange
// (ISA/GS/ST … SE/GE/IEA) claim by claim, so memory stays flat however many
// claims a batch holds. Parse reads any X12 file back into segments and
// elements; the tests use it for round trips and the billing service can use
// it to inspect files later.
//
// The loops written are the subset a behavioral health agency needs:
//
//	ISA/GS/ST/BHT          envelope and beginning of transaction
//	1000A, 1000B           submitter (NM1*41, PER*IC) and receiver (NM1*40)
//	2000A/2010AA           billing provider (HL*20, PRV*BI, NM1*85, N3, N4, REF*EI)
//	2000B/2010BA/2010BB    subscriber (HL*22, SBR, NM1*IL, N3, N4, DMG) and payer (NM1*PR)
//	2000C/2010CA           patient, only when not the subscriber (HL*23, PAT, NM1*QC, N3, N4, DMG)
//	2300                   claim (CLM, REF*G1, REF*F8, HI)
//	2310B                  rendering provider when not the billing provider (NM1*82, PRV*PE)
//	2400                   service lines (LX, SV1, DTP*472, REF*6R)
//
// Separators are fixed: element '*', component ':', repetition '^' and
// segment terminator '~'. Free text (names, addresses, contact names) is
// cleaned so it can never break the file: separators and control characters
// become spaces, accented Latin letters lose their accents, anything else
// outside printable ASCII is replaced, and the result is upper-cased and cut
// to the element's maximum length. Identifiers (claim ids, member ids, NPIs,
// codes) are never altered: a value that would need changing is rejected
// with a *ValidationError instead, because a silently edited identifier
// would not match the payer's records or the remittance that comes back.
package x12
