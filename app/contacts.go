package app

import (
	"cmp"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// Contacts is the Contacts screen's service.
type Contacts struct {
	app      *App
	contacts practice.ContactService
	types    practice.ContactTypeService
	db       *sqlite.DB // for the CSV import and export, which run in one transaction
}

// ContactQuery is what the contact list asks for.
type ContactQuery struct {
	Search string               `json:"search"`
	Sort   practice.ContactSort `json:"sort"`
	Desc   bool                 `json:"desc"`
	Offset int                  `json:"offset"`
	Limit  int                  `json:"limit"`
}

// ContactRow is one line of the contact list: what the list shows, no more.
type ContactRow struct {
	ID        int64                `json:"id"`
	Kind      practice.ContactKind `json:"kind"`
	Name      string               `json:"name"`
	Email     string               `json:"email"`
	Phone     string               `json:"phone"`
	City      string               `json:"city"`
	TypeName  string               `json:"typeName"`
	UpdatedAt time.Time            `json:"updatedAt"`
}

// ContactPage is one window of the list plus the number of matches in all.
type ContactPage struct {
	Offset int          `json:"offset"`
	Total  int          `json:"total"`
	Rows   []ContactRow `json:"rows"`
}

// List returns one page of contacts.
func (s *Contacts) List(q ContactQuery) (ContactPage, error) {
	list, total, err := s.contacts.FindContacts(s.app.ctx, practice.ContactFilter(q))
	if err != nil {
		return ContactPage{}, err
	}
	page := ContactPage{Offset: q.Offset, Total: total, Rows: make([]ContactRow, len(list))}
	for i, c := range list {
		page.Rows[i] = ContactRow{ID: c.ID, Kind: c.Kind, Name: c.Name, Email: c.Email,
			Phone: cmp.Or(c.Phones.Primary, c.Phones.Mobile, c.Phones.Other),
			City:  cmp.Or(c.PhysicalAddress.City, c.MailingAddress.City), TypeName: c.TypeName, UpdatedAt: c.UpdatedAt}
	}
	return page, nil
}

// Get returns one contact in full.
func (s *Contacts) Get(id int64) (*practice.Contact, error) {
	return s.contacts.FindContactByID(s.app.ctx, id)
}

// Create stores a new contact and returns it as stored.
func (s *Contacts) Create(c practice.Contact) (*practice.Contact, error) {
	c.ID = 0
	if err := s.contacts.CreateContact(s.app.ctx, &c); err != nil {
		return nil, err
	}
	s.app.events.Emit(EventContactsChanged, ContactsChanged{Op: "created", ID: c.ID})
	s.app.Sync.edited()
	return &c, nil
}

// Update saves an edited contact and returns it as stored.
func (s *Contacts) Update(c practice.Contact) (*practice.Contact, error) {
	if err := s.contacts.UpdateContact(s.app.ctx, &c); err != nil {
		return nil, err
	}
	s.app.events.Emit(EventContactsChanged, ContactsChanged{Op: "updated", ID: c.ID})
	s.app.Sync.edited()
	return &c, nil
}

// Delete removes a contact.
func (s *Contacts) Delete(id int64) error {
	if err := s.contacts.DeleteContact(s.app.ctx, id); err != nil {
		return err
	}
	s.app.events.Emit(EventContactsChanged, ContactsChanged{Op: "deleted", ID: id})
	return nil
}

// Types returns the contact types, by name.
func (s *Contacts) Types() ([]*practice.ContactType, error) {
	return s.types.FindContactTypes(s.app.ctx)
}

// CreateType adds a contact type.
func (s *Contacts) CreateType(name string) (*practice.ContactType, error) {
	t := &practice.ContactType{Name: name}
	if err := s.types.CreateContactType(s.app.ctx, t); err != nil {
		return nil, err
	}
	return t, nil
}
