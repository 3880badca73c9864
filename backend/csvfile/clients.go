package csvfile

import (
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"ledgerlink/backend/practice"
)

// clients finds the contact a work file's client cell means: a contact's
// id, or else its exact name. It holds each contact's id and name — not
// the contacts — read in one walk of the store, so a firm of many
// thousand contacts costs a few hundred kilobytes.
type clients struct {
	name   map[int64]string
	byName map[string][]int64 // exact name → ids, ascending
	byFold map[string][]int64 // lower-case name → ids: "did you mean"
}

// loadClients reads every contact's id and name from a store's walk
// (sqlite's Tx.AllContacts).
func loadClients(contacts iter.Seq2[*practice.Contact, error]) (*clients, error) {
	cs := &clients{name: map[int64]string{}, byName: map[string][]int64{}, byFold: map[string][]int64{}}
	for c, err := range contacts {
		if err != nil {
			return nil, fmt.Errorf("read contacts: %w", err)
		}
		cs.name[c.ID] = c.Name
		cs.byName[c.Name] = append(cs.byName[c.Name], c.ID)
		fold := strings.ToLower(c.Name)
		cs.byFold[fold] = append(cs.byFold[fold], c.ID)
	}
	return cs, nil
}

// find returns the id of the contact cell means: the contact of that id
// when there is one, else the one contact of exactly that name (spaces
// around the cell ignored). A name that two contacts share is refused
// with their ids, so the accountant can write the one meant; a name that
// differs only in case is refused with the contact it may mean, since
// matching it silently could bill the wrong client.
func (cs *clients) find(cell string) (int64, error) {
	t := strings.TrimSpace(cell)
	if t == "" {
		return 0, errors.New("Enter the client: a contact's id, or its exact name.")
	}
	if id, err := strconv.ParseInt(t, 10, 64); err == nil {
		if _, ok := cs.name[id]; ok {
			return id, nil
		}
	}
	switch ids := cs.byName[t]; len(ids) {
	case 0:
	case 1:
		return ids[0], nil
	default:
		return 0, fmt.Errorf("%d contacts are named %q (ids %s); write the id of the one you mean.", len(ids), t, joinIDs(ids))
	}
	if isDigits(t) {
		return 0, fmt.Errorf("No contact has the id %s, and none is named so.", t)
	}
	if ids := cs.byFold[strings.ToLower(t)]; len(ids) > 0 {
		return 0, fmt.Errorf("No contact is named exactly %q; did you mean %q (id %d)?", t, cs.name[ids[0]], ids[0])
	}
	return 0, fmt.Errorf("No contact is named %q. Write a contact's exact name, or its id.", t)
}

// cell returns what an export writes for contact id: its name, which the
// accountant reads, when find reads that name back as this contact (no
// other contact has the name, and it is not another contact's id); else
// the id, which always reads back.
func (cs *clients) cell(id int64) string {
	name, ok := cs.name[id]
	if !ok {
		return strconv.FormatInt(id, 10)
	}
	if back, err := cs.find(name); err == nil && back == id && name == strings.TrimSpace(name) {
		return name
	}
	return strconv.FormatInt(id, 10)
}

// joinIDs says "3 and 7", "3, 7 and 9".
func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
