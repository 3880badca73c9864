package sqlite

import (
	"context"
	"fmt"

	"ledgerlink/backend/practice"
)

// ContactTypeService keeps contact types in SQLite. It implements
// practice.ContactTypeService.
type ContactTypeService struct {
	db *DB
}

var _ practice.ContactTypeService = (*ContactTypeService)(nil)

// NewContactTypeService returns a contact type store on db.
func NewContactTypeService(db *DB) *ContactTypeService { return &ContactTypeService{db: db} }

// FindContactTypes returns every contact type by name, with its contact count.
func (s *ContactTypeService) FindContactTypes(ctx context.Context) (list []*practice.ContactType, err error) {
	err = s.db.View(ctx, func(tx *Tx) error {
		list, err = tx.FindContactTypes(ctx)
		return err
	})
	return list, err
}

// CreateContactType stores a new, non-default contact type.
func (s *ContactTypeService) CreateContactType(ctx context.Context, t *practice.ContactType) error {
	return s.db.Update(ctx, func(tx *Tx) error { return tx.CreateContactType(ctx, t) })
}

// FindContactTypes returns every contact type by name, with its contact count.
func (tx *Tx) FindContactTypes(ctx context.Context) ([]*practice.ContactType, error) {
	rows, err := tx.query(ctx, `SELECT t.id, t.name, t.is_default, t.created_at,
		(SELECT COUNT(*) FROM contacts c WHERE c.type_id = t.id)
		FROM contact_types t ORDER BY t.name COLLATE NOCASE`)
	if err != nil {
		return nil, fmt.Errorf("list contact types: %w", err)
	}
	defer rows.Close()
	var list []*practice.ContactType
	for rows.Next() {
		var t practice.ContactType
		var created string
		if err := rows.Scan(&t.ID, &t.Name, &t.IsDefault, &created, &t.Contacts); err != nil {
			return nil, err
		}
		if t.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		list = append(list, &t)
	}
	return list, rows.Err()
}

// CreateContactType validates t and stores it as a new, non-default type; a
// name already in use (ignoring case) is ECONFLICT.
func (tx *Tx) CreateContactType(ctx context.Context, t *practice.ContactType) error {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return err
	}
	t.CreatedAt, t.IsDefault = tx.now, false
	res, err := tx.exec(ctx, `INSERT INTO contact_types (name, is_default, created_at) VALUES (?, 0, ?)`,
		t.Name, formatTime(t.CreatedAt))
	if isUniqueViolation(err) {
		return &practice.Error{Code: practice.ECONFLICT, Message: fmt.Sprintf("A contact type named %q already exists.", t.Name),
			Fields: map[string]string{"name": "This name is already in use."}}
	}
	if err != nil {
		return fmt.Errorf("insert contact type: %w", err)
	}
	t.ID, err = res.LastInsertId()
	return err
}
