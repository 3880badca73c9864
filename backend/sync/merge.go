package sync

import (
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"

	"ledgerlink/backend/match"
	"ledgerlink/backend/practice"
)

// merged is the outcome of a three-way merge of one contact's synced
// fields.
type merged struct {
	Local     map[string]string // fields to set on the contact (QuickBooks' values)
	Remote    map[string]string // fields to send to QuickBooks (the contact's values)
	Conflicts []fieldConflict   // fields changed on both sides to different values
	Agreed    map[string]string // the new snapshot: what both sides hold after the merge
}

// fieldConflict is one field changed on both sides.
type fieldConflict struct {
	Field, Base, Ours, Theirs string
}

// merge compares the contact's values (ours) and the customer's (theirs)
// with what both last agreed (base), field by field:
//
//   - equal on both sides: nothing to do;
//   - changed on one side only: that side's value flows to the other;
//   - changed on both to different values: a conflict, left for the
//     accountant; the field keeps its base in the snapshot, so that the
//     next merge still sees both changes.
//
// With no base (a pair linked just now), an empty side takes the other's
// value and two different non-empty values are a conflict: nothing either
// side wrote is overwritten unseen. Fields in skip (an open conflict) are
// left alone.
func merge(base, ours, theirs map[string]string, skip map[string]bool) merged {
	m := merged{Local: map[string]string{}, Remote: map[string]string{}, Agreed: map[string]string{}}
	for _, f := range practice.SyncedFields {
		o, t := ours[f], theirs[f]
		b, known := base[f]
		if !known && f == practice.FieldEmail {
			if u := unionEmails(o, t); u != "" && (same(f, u, o) || same(f, u, t)) {
				// One side's addresses hold the other's: an addition, not
				// a clash.
				if !same(f, u, o) {
					m.Local[f] = u
				}
				if !same(f, u, t) {
					m.Remote[f] = u
				}
				m.Agreed[f] = u
				continue
			}
		}
		co, ct, cb := canon(f, o), canon(f, t), canon(f, b)
		switch {
		case skip[f]:
			m.Agreed[f] = b
		case co == ct:
			m.Agreed[f] = o
		case known && co == cb:
			m.Local[f], m.Agreed[f] = t, t
		case known && ct == cb:
			m.Remote[f], m.Agreed[f] = o, o
		case !known && o == "":
			m.Local[f], m.Agreed[f] = t, t
		case !known && t == "":
			m.Remote[f], m.Agreed[f] = o, o
		default:
			m.Conflicts = append(m.Conflicts, fieldConflict{Field: f, Base: b, Ours: o, Theirs: t})
			m.Agreed[f] = b
		}
	}
	return m
}

// snapshotUntilSent is the snapshot to keep while the fields bound for
// QuickBooks are on their way: the agreed values, except that a field to
// send keeps its previous base (or none) until QuickBooks confirms it, so
// that a write that fails is sent again rather than taken as done.
func (m merged) snapshotUntilSent(prev map[string]string) map[string]string {
	out := make(map[string]string, len(m.Agreed))
	for f, v := range m.Agreed {
		if _, sending := m.Remote[f]; !sending {
			out[f] = v
		} else if b, ok := prev[f]; ok {
			out[f] = b
		}
	}
	return out
}

// canon is the form in which two values of a field count as the same: a
// name in one Unicode normal form, email addresses without regard to case
// or spacing (mail systems ignore both).
func canon(field, v string) string {
	if field == practice.FieldEmail {
		return strings.Join(slices.Sorted(slices.Values(match.Emails(v))), ",")
	}
	return norm.NFC.String(v)
}

func same(field, a, b string) bool { return canon(field, a) == canon(field, b) }

// unionEmails is the addresses of a and then those of b not in a, as a
// contact holds them; "" when either is empty.
func unionEmails(a, b string) string {
	if strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
		return ""
	}
	out := splitEmails(a)
	have := map[string]bool{}
	for _, e := range out {
		have[canon(practice.FieldEmail, e)] = true
	}
	for _, e := range splitEmails(b) {
		if !have[canon(practice.FieldEmail, e)] {
			out = append(out, e)
		}
	}
	return strings.Join(out, ", ")
}

func splitEmails(s string) []string {
	c := practice.Contact{Email: s}
	return c.Emails()
}
