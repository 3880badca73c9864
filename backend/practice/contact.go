package practice

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// ContactKind says whether a contact is a person or an organisation.
type ContactKind string

// The kinds of contact.
const (
	Person       ContactKind = "person"
	Organisation ContactKind = "organisation"
)

// Contact is someone the firm works for or with.
type Contact struct {
	ID              int64       `json:"id"`
	Kind            ContactKind `json:"kind"`
	Name            string      `json:"name"`
	Email           string      `json:"email"` // one address, or several separated by commas
	Phones          Phones      `json:"phones"`
	PhysicalAddress Address     `json:"physicalAddress"`
	MailingAddress  Address     `json:"mailingAddress"`

	TypeID   int64  `json:"typeId"`
	TypeName string `json:"typeName"` // read-only, filled by the store

	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// Phones are a contact's telephone numbers, kept as typed by the user.
type Phones struct {
	Primary string `json:"primary"`
	Mobile  string `json:"mobile"`
	Other   string `json:"other"`
	Fax     string `json:"fax"`
}

// Address is a postal address. Lines holds the street part, one entry a line.
type Address struct {
	Lines      []string `json:"lines"`
	City       string   `json:"city"`
	Region     string   `json:"region"`
	PostalCode string   `json:"postalCode"`
	Country    string   `json:"country"`
}

// IsZero reports whether the address has nothing in it.
func (a Address) IsZero() bool {
	return len(a.Lines) == 0 && a.City == "" && a.Region == "" && a.PostalCode == "" && a.Country == ""
}

// ContactSort names the orders a contact list can be sorted in.
type ContactSort string

// The contact sort orders.
const (
	SortByName    ContactSort = "name"
	SortByEmail   ContactSort = "email"
	SortByType    ContactSort = "type"
	SortByUpdated ContactSort = "updated"
)

// MaxContactPage is the most contacts one FindContacts call returns.
const MaxContactPage = 1000

// ContactFilter selects and orders contacts. Search matches every word
// against the name and the email, case-insensitively.
type ContactFilter struct {
	Search string      `json:"search"`
	Sort   ContactSort `json:"sort"`
	Desc   bool        `json:"desc"`
	Offset int         `json:"offset"`
	Limit  int         `json:"limit"`
}

// MaxContactSearch is the longest search, in characters, spaces between
// words counted once: the longest name and email together. Every word is
// matched however many there are, but a search pasted by mistake — a whole
// document — would keep the store busy for seconds to find nothing.
const MaxContactSearch = MaxContactName + MaxEmail

// Validate refuses a search longer than MaxContactSearch.
func (f ContactFilter) Validate() error {
	if n := utf8.RuneCountInString(strings.Join(strings.Fields(f.Search), " ")); n > MaxContactSearch {
		msg := fmt.Sprintf("A search can be at most %d characters long; this one has %d. Search for fewer words.", MaxContactSearch, n)
		return &Error{Code: EINVALID, Message: msg, Fields: map[string]string{"search": msg}}
	}
	return nil
}

// ContactService keeps contacts.
type ContactService interface {
	// FindContactByID returns one contact, or ENOTFOUND.
	FindContactByID(ctx context.Context, id int64) (*Contact, error)
	// FindContacts returns a page of the contacts the filter selects and the
	// number selected in all.
	FindContacts(ctx context.Context, f ContactFilter) ([]*Contact, int, error)
	// CreateContact validates c, stores it and fills in its ID and times.
	CreateContact(ctx context.Context, c *Contact) error
	// UpdateContact replaces the stored contact with c's fields.
	UpdateContact(ctx context.Context, c *Contact) error
	// DeleteContact removes a contact, or returns ENOTFOUND.
	DeleteContact(ctx context.Context, id int64) error
}
