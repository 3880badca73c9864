package match

import (
	"slices"

	"golang.org/x/text/unicode/norm"
)

// nameRel is how a contact's name relates to a customer's names, strongest
// first.
type nameRel int

const (
	nameSame        nameRel = iota // equal under Key
	namePunctuation                // equal letters and digits
	nameWordOrder                  // equal sorted words
	nameSimilar                    // similarity at or above the threshold
	nameDiffers
)

// near reports whether the relation is a near match: not exact, but close
// enough to suggest.
func (r nameRel) near() bool { return r == namePunctuation || r == nameWordOrder || r == nameSimilar }

// emailRel is how a contact's email relates to a customer's.
type emailRel int

const (
	emailSame emailRel = iota
	emailDiffers
	emailNoneOnCustomer
	emailNoneOnContact
	emailNoneEither
)

// prepared is a customer made ready for comparison, once per Decide.
type prepared struct {
	c        Customer
	names    []string // the names as written, empties dropped
	forms    []form   // one per distinct Key of names
	emails   []string // Emails(c.Email)
	raw      []string // the addresses as written
	avoiding []int64
}

// prepare computes a customer's keys.
func prepare(c Customer) *prepared {
	p := &prepared{c: c, emails: Emails(c.Email), raw: addresses(c.Email), avoiding: c.Avoid}
	for _, n := range c.Names {
		f := newForm(n)
		if f.key == "" {
			continue
		}
		p.names = append(p.names, n)
		if !slices.ContainsFunc(p.forms, func(g form) bool { return g.key == f.key }) {
			p.forms = append(p.forms, f)
		}
	}
	return p
}

// evidence is everything Decide knows about one candidate contact.
type evidence struct {
	e               *entry
	name            nameRel
	sim             float64 // for nameSimilar
	email           emailRel
	linkedHere      bool // linked to this customer
	linkedElsewhere bool // linked to another customer
	avoided         bool // in Customer.Avoid
}

// relate weighs a contact against the customer.
func (p *prepared) relate(e *entry) evidence {
	ev := evidence{e: e, name: nameDiffers, email: p.emailRel(e)}
	for _, f := range p.forms {
		switch {
		case f.key == e.form.key:
			ev.name = nameSame
		case f.compact != "" && f.compact == e.form.compact:
			ev.name = min(ev.name, namePunctuation)
		case f.sorted != "" && f.sorted == e.form.sorted:
			ev.name = min(ev.name, nameWordOrder)
		default:
			if s, ok := similarity(f, e.form); ok && ev.name >= nameSimilar {
				ev.name, ev.sim = nameSimilar, max(ev.sim, s)
			}
		}
	}
	if ev.name != nameSimilar {
		ev.sim = 0
	}
	l := e.c.LinkedTo
	ev.linkedHere = l != "" && l == p.c.ID
	ev.linkedElsewhere = l != "" && l != p.c.ID
	ev.avoided = slices.Contains(p.avoiding, e.c.ID)
	return ev
}

// nearName reports whether the contact's name is a near match for one of
// the customer's names: the name part of relate, without the rest, for the
// many contacts the near-match search turns down.
func (p *prepared) nearName(e *entry) bool {
	for _, f := range p.forms {
		if f.key == e.form.key {
			return false
		}
	}
	for _, f := range p.forms {
		if f.compact != "" && f.compact == e.form.compact || f.sorted != "" && f.sorted == e.form.sorted {
			return true
		}
		if _, ok := similarity(f, e.form); ok {
			return true
		}
	}
	return false
}

// emailRel compares the customer's addresses with the contact's: any
// address in common is the same email; an empty side is no evidence.
func (p *prepared) emailRel(e *entry) emailRel {
	switch {
	case len(p.emails) == 0 && len(e.emails) == 0:
		return emailNoneEither
	case len(p.emails) == 0:
		return emailNoneOnCustomer
	case len(e.emails) == 0:
		return emailNoneOnContact
	}
	for _, a := range p.emails {
		if slices.Contains(e.emails, a) {
			return emailSame
		}
	}
	return emailDiffers
}

// exact reports whether both name and email match.
func (ev evidence) exact() bool { return ev.name == nameSame && ev.email == emailSame }

// canLink reports whether nothing stands in the way of linking the
// candidate automatically.
func (ev evidence) canLink() bool { return !ev.linkedElsewhere && !ev.avoided }

// tier is the candidate's rank group: both exact, same email, same name,
// near match, nothing (a contact that is only linked to the customer).
func (ev evidence) tier() int {
	switch {
	case ev.exact():
		return 0
	case ev.email == emailSame:
		return 1
	case ev.name == nameSame:
		return 2
	case ev.name.near():
		return 3
	}
	return 4
}

// score places the candidate for ranking, 0..1; the tiers do not overlap
// (see the package doc).
func (ev evidence) score() float64 {
	switch ev.tier() {
	case 0:
		return 1
	case 1:
		s := 0.0
		switch ev.name {
		case namePunctuation, nameWordOrder:
			s = 1
		case nameSimilar:
			s = ev.sim
		}
		return 0.80 + 0.15*s
	case 2:
		if ev.email == emailDiffers {
			return 0.65 // a different address speaks against
		}
		return 0.70 // a missing one says nothing
	case 3:
		switch ev.name {
		case namePunctuation:
			return 0.55
		case nameWordOrder:
			return 0.50
		}
		return 0.50 * ev.sim
	}
	return 0
}

// reasons explains the candidate: the evidence, then how the rest differs,
// then what stands in the way of a link.
func (p *prepared) reasons(ev evidence) []Reason {
	var rs []Reason
	if ev.name == nameSame {
		rs = append(rs, reasonSameName)
	}
	if ev.email == emailSame {
		rs = append(rs, reasonSameEmail)
	}
	if ev.name == nameSame {
		rs = append(rs, p.nameNuance(ev.e)...)
	} else {
		rs = append(rs, ev.nameReason())
	}
	switch ev.email {
	case emailSame:
		if p.emailOnlyCase(ev.e) {
			rs = append(rs, reasonEmailCase)
		}
	case emailDiffers:
		rs = append(rs, reasonEmailDiffers)
	case emailNoneOnCustomer:
		rs = append(rs, reasonNoEmailCustomer)
	case emailNoneOnContact:
		rs = append(rs, reasonNoEmailContact)
	case emailNoneEither:
		rs = append(rs, reasonNoEmailEither)
	}
	if ev.linkedHere {
		rs = append(rs, reasonLinkedHere)
	}
	if ev.linkedElsewhere {
		rs = append(rs, alreadyLinked(ev.e.c.LinkedTo))
	}
	if ev.avoided {
		rs = append(rs, reasonMatchRemoved)
	}
	return rs
}

// nameReason says how a name that is not the same differs.
func (ev evidence) nameReason() Reason {
	switch ev.name {
	case namePunctuation:
		return reasonNamePunctuation
	case nameWordOrder:
		return reasonNameWordOrder
	case nameSimilar:
		return similarName(ev.sim)
	}
	return reasonNameDiffers
}

// nameNuance reports, for a name equal under Key, what Key folded away:
// letter case, spacing, or both. A difference only in Unicode normal form
// is invisible on screen and not reported. Nothing is reported when one of
// the customer's names is written exactly as the contact's.
func (p *prepared) nameNuance(e *entry) []Reason {
	contact := norm.NFC.String(e.c.Name)
	var first string
	for _, n := range p.names {
		if Key(n) != e.form.key {
			continue
		}
		n = norm.NFC.String(n)
		if n == contact {
			return nil
		}
		if first == "" {
			first = n
		}
	}
	var rs []Reason
	if collapse(first) != collapse(contact) {
		rs = append(rs, reasonNameCase)
	}
	if foldNFC(first) != foldNFC(contact) {
		rs = append(rs, reasonNameSpacing)
	}
	return rs
}

// emailOnlyCase reports whether the shared address is written in another
// letter case on each side, with no address written identically on both.
func (p *prepared) emailOnlyCase(e *entry) bool {
	differ := false
	for _, a := range p.raw {
		for _, b := range e.raw {
			if Key(a) != Key(b) {
				continue
			}
			if norm.NFC.String(a) == norm.NFC.String(b) {
				return false
			}
			differ = true
		}
	}
	return differ
}
