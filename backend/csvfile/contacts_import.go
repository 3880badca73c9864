package csvfile

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"ledgerlink/backend/practice"
)

// ContactStore is what an import needs of the store. Hand ImportContacts
// the store's write transaction (sqlite's *Tx inside DB.Update), so that
// the rows it reads and writes are one consistent, all-or-nothing change.
type ContactStore interface {
	FindContactTypes(ctx context.Context) ([]*practice.ContactType, error)
	FindContactByID(ctx context.Context, id int64) (*practice.Contact, error)
	CreateContact(ctx context.Context, c *practice.Contact) error
	UpdateContact(ctx context.Context, c *practice.Contact) error
}

// ImportResult counts what an import did, for every kind of file: rows
// that became new records (for contacts, rows without an id); rows that
// changed the record they name; and rows that left it untouched (its
// updated time too) because they held what it already had.
type ImportResult struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// ImportContacts reads a contacts file and applies it through store. The
// file may have any of ContactColumns in any order. A row with an id
// updates that contact in the columns the file has (the others keep what
// is stored); a row without one creates a contact, with the default type
// when it names none. An empty kind or contact_type cell keeps the
// contact's own (or, for a new one, person and the default type).
//
// Every row is checked — by the same rules as the contact form, and the
// type against the store's types by name, ignoring case — before anything
// is written. If any row is wrong, nothing is written and the error is an
// *Error listing every problem; the caller's transaction must then be
// rolled back (returning the error from DB.Update does that). Updates go
// through store.UpdateContact, so a changed contact counts as changed for
// the sync; a row that changes nothing is not written at all, and
// importing an unchanged export changes nothing.
func ImportContacts(ctx context.Context, store ContactStore, r io.Reader) (ImportResult, error) {
	rd, err := NewReader(r, ContactColumns)
	if err != nil {
		return ImportResult{}, err
	}
	types, err := loadTypes(ctx, store)
	if err != nil {
		return ImportResult{}, err
	}
	var plan []contactWrite
	idRow := map[int64]int{} // id → the row that names it
	for rec := range rd.Records() {
		w, ok, err := planRow(ctx, store, rd, types, idRow, rec)
		if err != nil {
			return ImportResult{}, err
		}
		if ok {
			plan = append(plan, w)
		}
	}
	if err := rd.Err(); err != nil {
		return ImportResult{}, err
	}
	return apply(ctx, store, plan)
}

// contactWrite is one row's change: the contact as it will be stored and,
// for a row with an id, as it is stored now.
type contactWrite struct {
	row    int
	c      *practice.Contact
	stored *practice.Contact
}

// planRow turns one record into the contact it describes, checked; a
// problem is added to rd and reported as !ok. The error is a store fault.
func planRow(ctx context.Context, store ContactStore, rd *Reader, types contactTypes, idRow map[int64]int, rec Record) (contactWrite, bool, error) {
	w := contactWrite{row: rec.Row, c: &practice.Contact{TypeID: types.defaultID}}
	check := newRowCheck(rd, rec.Row)
	problem := check.problem

	if cell, _ := rec.Get(colID); strings.TrimSpace(cell) != "" {
		id, err := strconv.ParseInt(strings.TrimSpace(cell), 10, 64)
		switch {
		case err != nil || id <= 0:
			problem(colID, fmt.Sprintf("%q is not a contact's id (a whole number from an export). Leave it empty to add a new contact.", cell))
			return w, false, nil
		case idRow[id] != 0:
			problem(colID, fmt.Sprintf("The contact with id %d is already on row %d; a file may change a contact only once.", id, idRow[id]))
			return w, false, nil
		}
		idRow[id] = rec.Row
		stored, err := store.FindContactByID(ctx, id)
		if practice.ErrorCode(err) == practice.ENOTFOUND {
			problem(colID, fmt.Sprintf("No contact has id %d; it may have been deleted. Leave the id empty to add it as a new contact.", id))
			return w, false, nil
		} else if err != nil {
			return w, false, fmt.Errorf("import row %d: %w", rec.Row, err)
		}
		w.stored, w.c = stored, clone(stored)
	}

	for _, col := range contactColumns {
		cell, ok := rec.Get(col.name)
		if !ok || col.set == nil || (col.name == colKind && strings.TrimSpace(cell) == "") {
			continue
		}
		col.set(w.c, cell)
	}
	if cell, _ := rec.Get(colType); strings.TrimSpace(cell) != "" {
		if t, ok := types.find(cell); ok {
			w.c.TypeID, w.c.TypeName = t.ID, t.Name
		} else {
			problem(colType, fmt.Sprintf("There is no contact type named %q. The types are %s.", strings.TrimSpace(cell), types.list()))
		}
	}

	w.c.Normalize()
	if err := w.c.Validate(); err != nil {
		check.invalid(err, contactFields)
	}
	return w, check.ok(), nil
}

// contactFields are the columns that hold the contact form's fields, in
// the file's column order (for a stable list of problems).
var contactFields = func() []fieldColumn {
	var fcs []fieldColumn
	for _, col := range contactColumns {
		if col.field != "" {
			fcs = append(fcs, fieldColumn{field: col.field, column: col.name})
		}
	}
	return fcs
}()

// apply writes the plan. Any error leaves the rest unwritten; the caller's
// transaction then undoes what was.
func apply(ctx context.Context, store ContactStore, plan []contactWrite) (ImportResult, error) {
	var res ImportResult
	for _, w := range plan {
		switch {
		case w.stored == nil:
			if err := store.CreateContact(ctx, w.c); err != nil {
				return ImportResult{}, fmt.Errorf("import row %d: %w", w.row, err)
			}
			res.Created++
		case sameContact(w.c, w.stored):
			res.Unchanged++
		default:
			if err := store.UpdateContact(ctx, w.c); err != nil {
				return ImportResult{}, fmt.Errorf("import row %d: %w", w.row, err)
			}
			res.Updated++
		}
	}
	return res, nil
}

// clone copies a contact deeply enough that changing the copy's address
// lines leaves the original as stored.
func clone(c *practice.Contact) *practice.Contact {
	cp := *c
	cp.PhysicalAddress.Lines = slices.Clone(c.PhysicalAddress.Lines)
	cp.MailingAddress.Lines = slices.Clone(c.MailingAddress.Lines)
	return &cp
}

// sameContact reports whether the normalized contact c would store what
// stored holds: every field a file can change, compared as the store
// would keep them.
func sameContact(c, stored *practice.Contact) bool {
	s := clone(stored)
	s.Normalize()
	return c.Kind == s.Kind && c.Name == s.Name && c.Email == s.Email && c.Phones == s.Phones &&
		sameAddress(c.PhysicalAddress, s.PhysicalAddress) && sameAddress(c.MailingAddress, s.MailingAddress) &&
		c.TypeID == s.TypeID
}

func sameAddress(a, b practice.Address) bool {
	return slices.Equal(a.Lines, b.Lines) && a.City == b.City && a.Region == b.Region &&
		a.PostalCode == b.PostalCode && a.Country == b.Country
}

// contactTypes are the store's types, found by name (see named), and
// the id of the default one.
type contactTypes struct {
	named[*practice.ContactType]
	defaultID int64
}

func loadTypes(ctx context.Context, store ContactStore) (contactTypes, error) {
	all, err := store.FindContactTypes(ctx)
	if err != nil {
		return contactTypes{}, fmt.Errorf("read contact types: %w", err)
	}
	ts := contactTypes{named: newNamed(all, func(t *practice.ContactType) string { return t.Name })}
	for _, t := range all {
		if t.IsDefault {
			ts.defaultID = t.ID
		}
	}
	return ts, nil
}
