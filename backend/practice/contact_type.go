package practice

import (
	"context"
	"strings"
	"time"
)

// DefaultContactTypeName is the contact type every firm starts with.
const DefaultContactTypeName = "Client"

// MaxContactTypeName is the longest contact type name, in characters.
const MaxContactTypeName = 100

// ContactType groups contacts ("Client", "Supplier", "Client - QuickBooks").
// Sync settings refer to types: which type imported customers get, which
// types are pushed to QuickBooks.
type ContactType struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	IsDefault bool      `json:"isDefault"` // given to new contacts unless the user picks another
	Contacts  int       `json:"contacts"`  // how many contacts have this type; read-only
	CreatedAt time.Time `json:"createdAt"`
}

// Normalize trims the name.
func (t *ContactType) Normalize() {
	t.Name = strings.TrimSpace(t.Name)
}

// Validate checks the contact type's own rules; uniqueness is the store's.
func (t *ContactType) Validate() error {
	v := validator{}
	v.text("name", t.Name, MaxContactTypeName, true)
	return v.err("The contact type could not be saved.")
}

// ContactTypeService keeps contact types.
type ContactTypeService interface {
	// FindContactTypes returns every contact type, by name.
	FindContactTypes(ctx context.Context) ([]*ContactType, error)
	// CreateContactType stores a new type; a name already in use (ignoring
	// case) is ECONFLICT.
	CreateContactType(ctx context.Context, t *ContactType) error
}
