package goldthread

import "strings"

// Validate tidies and checks what an administrator may set on a program: a
// name, a rule pack Goldthread has, and a time zone the zone database
// knows (or none, for the agency's). packOf finds a rule pack by id (the
// store's catalog); the payer and state default to the pack's. Returns
// EINVALID naming the field.
func (p *Program) Validate(packOf func(id string) (RulePackChoice, bool)) error {
	p.Name, p.Payer, p.TimeZone = strings.TrimSpace(p.Name), strings.TrimSpace(p.Payer), strings.TrimSpace(p.TimeZone)
	switch {
	case p.Name == "":
		return FieldError("name", "Enter the program's name as staff know it, such as Peer Support — Asheville.")
	case len(p.Name) > 200:
		return FieldError("name", "Keep the name under 200 characters.")
	}
	pack, ok := packOf(p.RulePack)
	if !ok {
		return FieldError("rule_pack", "Choose one of the payer rule packs listed.")
	}
	if p.Payer == "" {
		p.Payer = pack.Payer
	}
	if p.State == "" {
		p.State = pack.State
	}
	if p.TimeZone != "" {
		loc, err := LoadTimeZone(p.TimeZone)
		if err != nil {
			return err
		}
		p.TimeZone = loc.String()
	}
	return nil
}
