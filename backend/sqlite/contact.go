package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"ledgerlink/backend/practice"
)

// ContactService keeps contacts in SQLite. It implements
// practice.ContactService.
type ContactService struct {
	db *DB
}

var _ practice.ContactService = (*ContactService)(nil)

// NewContactService returns a contact store on db.
func NewContactService(db *DB) *ContactService { return &ContactService{db: db} }

const contactColumns = `c.id, c.kind, c.name, c.email,
	c.phone_primary, c.phone_mobile, c.phone_other, c.phone_fax,
	c.physical_lines, c.physical_city, c.physical_region, c.physical_postal_code, c.physical_country,
	c.mailing_lines, c.mailing_city, c.mailing_region, c.mailing_postal_code, c.mailing_country,
	c.type_id, t.name, c.created_at, c.updated_at`

// FindContactByID returns one contact, or ENOTFOUND.
func (s *ContactService) FindContactByID(ctx context.Context, id int64) (c *practice.Contact, err error) {
	err = s.db.View(ctx, func(tx *Tx) error {
		c, err = tx.FindContactByID(ctx, id)
		return err
	})
	return c, err
}

// FindContacts returns one page of the contacts f selects, and how many it
// selects in all, from one snapshot.
func (s *ContactService) FindContacts(ctx context.Context, f practice.ContactFilter) (list []*practice.Contact, total int, err error) {
	err = s.db.View(ctx, func(tx *Tx) error {
		list, total, err = tx.FindContacts(ctx, f)
		return err
	})
	return list, total, err
}

// CreateContact validates and stores c, filling in its ID, type name and times.
func (s *ContactService) CreateContact(ctx context.Context, c *practice.Contact) error {
	return s.db.Update(ctx, func(tx *Tx) error { return tx.CreateContact(ctx, c) })
}

// CreateContacts validates and stores many contacts in one transaction: all
// of them or, if any is invalid, none (the error names the first bad one by
// its position).
func (s *ContactService) CreateContacts(ctx context.Context, list []*practice.Contact) error {
	for i, c := range list {
		c.Normalize()
		if err := c.Validate(); err != nil {
			if pe, ok := err.(*practice.Error); ok {
				return &practice.Error{Code: pe.Code, Fields: pe.Fields,
					Message: fmt.Sprintf("Contact %d of %d (%q) could not be saved; none were.", i+1, len(list), c.Name)}
			}
			return err
		}
	}
	return s.db.Update(ctx, func(tx *Tx) error {
		for _, c := range list {
			if err := tx.insertContact(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
}

// UpdateContact replaces the stored fields of contact c.ID with c's.
func (s *ContactService) UpdateContact(ctx context.Context, c *practice.Contact) error {
	return s.db.Update(ctx, func(tx *Tx) error { return tx.UpdateContact(ctx, c) })
}

// DeleteContact removes contact id, or returns ENOTFOUND.
func (s *ContactService) DeleteContact(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *Tx) error { return tx.DeleteContact(ctx, id) })
}

// FindContactByID returns one contact, or ENOTFOUND.
func (tx *Tx) FindContactByID(ctx context.Context, id int64) (*practice.Contact, error) {
	row := tx.queryRow(ctx, `SELECT `+contactColumns+`
		FROM contacts c JOIN contact_types t ON t.id = c.type_id WHERE c.id = ?`, id)
	c, err := scanContact(row)
	if err != nil {
		return nil, notFound(err, "That contact no longer exists; it may have been deleted.")
	}
	return c, nil
}

// FindContacts returns one page of the contacts f selects, and how many it
// selects in all.
func (tx *Tx) FindContacts(ctx context.Context, f practice.ContactFilter) ([]*practice.Contact, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	search := contactWhere(f.Search)
	var total int
	if err := tx.queryRow(ctx, search.with()+`SELECT COUNT(*) FROM contacts c`+search.where, search.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count contacts: %w", err)
	}

	limit := f.Limit
	if limit <= 0 || limit > practice.MaxContactPage {
		limit = practice.MaxContactPage
	}
	offset := max(f.Offset, 0)
	// Pick the page's ids from the narrow sort columns first, then read the
	// full rows of those ids only: deep pages stay cheap.
	order := contactOrder(f.Sort, f.Desc)
	from := `contacts c`
	if f.Sort == practice.SortByType {
		from += ` JOIN contact_types t ON t.id = c.type_id`
	}
	page := `page AS (SELECT c.id, ROW_NUMBER() OVER () AS n FROM (SELECT c.id FROM ` + from +
		search.where + ` ORDER BY ` + order + ` LIMIT ? OFFSET ?) c)`
	q := search.with(page) + `SELECT ` + contactColumns + ` FROM page p JOIN contacts c ON c.id = p.id
		JOIN contact_types t ON t.id = c.type_id ORDER BY p.n`
	rows, err := tx.query(ctx, q, append(search.args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list contacts: %w", err)
	}
	defer rows.Close()
	list := make([]*practice.Contact, 0, min(limit, total))
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			return nil, 0, err
		}
		list = append(list, c)
	}
	return list, total, rows.Err()
}

// contactSearch is the search condition of the contact queries: the common
// table expressions it needs, the WHERE clause, and their arguments in the
// order their placeholders appear.
type contactSearch struct {
	ctes  []string
	where string
	args  []any
}

// with returns the WITH clause of the search's common table expressions
// and then more, or "" when there are none.
func (s contactSearch) with(more ...string) string {
	all := slices.Concat(s.ctes, more)
	if len(all) == 0 {
		return ""
	}
	return "WITH " + strings.Join(all, ", ") + " "
}

// inlineShortWords is how many short words are matched each by its own
// condition; more travel as one list (see contactWhere).
const inlineShortWords = 8

// contactWhere builds the search condition: every word of the search must
// appear in the name or the email. Its depth does not grow with the number
// of words — SQLite refuses an expression more than 1000 levels deep, and
// each AND adds one — so a search pasted from elsewhere is answered like a
// typed one. Words of three characters or more go to the trigram index as
// one full-text query, whose phrases FTS5 holds side by side under one AND;
// inside a quoted phrase every character is literal, LIKE's wildcards
// included. Shorter words, which the index cannot look up, are matched row
// by row: a few each by its own condition, more as one JSON list read once
// into a table (which costs a little more for a few).
func contactWhere(search string) contactSearch {
	var phrases, short []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(fold(search)) {
		switch {
		case seen[w]:
		case utf8.RuneCountInString(w) >= 3:
			phrases = append(phrases, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
		default:
			short = append(short, w)
		}
		seen[w] = true
	}
	var s contactSearch
	var conds []string
	var whereArgs []any
	if len(phrases) > 0 {
		conds = append(conds, `c.id IN (SELECT rowid FROM contacts_search WHERE contacts_search MATCH ?)`)
		whereArgs = append(whereArgs, strings.Join(phrases, " "))
	}
	if len(short) <= inlineShortWords {
		for _, w := range short {
			conds = append(conds, `instr(c.search_text, ?) > 0`)
			whereArgs = append(whereArgs, w)
		}
	} else {
		list, _ := json.Marshal(short) // a []string always marshals
		s.ctes = append(s.ctes, `short_words(word) AS MATERIALIZED (SELECT value FROM json_each(?))`)
		s.args = append(s.args, string(list))
		conds = append(conds, `NOT EXISTS (SELECT 1 FROM short_words w WHERE instr(c.search_text, w.word) = 0)`)
	}
	s.args = append(s.args, whereArgs...) // the WITH clause's come first
	if len(conds) > 0 {
		s.where = " WHERE " + strings.Join(conds, " AND ")
	}
	return s
}

// contactOrder returns a total order (ties broken by id) so that pages never
// overlap or skip a row.
func contactOrder(sort practice.ContactSort, desc bool) string {
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	switch sort {
	case practice.SortByEmail:
		// Contacts without an email go after those with one; descending is
		// the exact reverse, so one index serves both directions.
		return `c.sort_email = ''` + dir + `, c.sort_email` + dir + `, c.sort_name` + dir + `, c.id` + dir
	case practice.SortByType:
		return `t.name COLLATE NOCASE` + dir + `, c.sort_name` + dir + `, c.id` + dir
	case practice.SortByUpdated:
		return `c.updated_at` + dir + `, c.id` + dir
	default:
		return `c.sort_name` + dir + `, c.id` + dir
	}
}

// CreateContact validates and stores c, filling in its ID, type name and
// times.
func (tx *Tx) CreateContact(ctx context.Context, c *practice.Contact) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return tx.insertContact(ctx, c)
}

// insertContact stores an already validated contact.
func (tx *Tx) insertContact(ctx context.Context, c *practice.Contact) error {
	typeName, err := tx.contactTypeName(ctx, c.TypeID)
	if err != nil {
		return err
	}
	c.CreatedAt, c.UpdatedAt, c.TypeName = tx.now, tx.now, typeName
	args := append(contactValues(c), formatTime(c.CreatedAt), formatTime(c.UpdatedAt))
	res, err := tx.exec(ctx, `INSERT INTO contacts (kind, name, email,
		phone_primary, phone_mobile, phone_other, phone_fax,
		physical_lines, physical_city, physical_region, physical_postal_code, physical_country,
		mailing_lines, mailing_city, mailing_region, mailing_postal_code, mailing_country,
		type_id, search_text, sort_name, sort_email, created_at, updated_at)
		VALUES (?,?,?, ?,?,?,?, ?,?,?,?,?, ?,?,?,?,?, ?,?,?,?, ?,?)`, args...)
	if err != nil {
		return fmt.Errorf("insert contact: %w", err)
	}
	c.ID, err = res.LastInsertId()
	return err
}

// UpdateContact validates c and replaces the stored fields of contact c.ID
// with c's.
func (tx *Tx) UpdateContact(ctx context.Context, c *practice.Contact) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	var created string
	err := tx.queryRow(ctx, `SELECT created_at FROM contacts WHERE id = ?`, c.ID).Scan(&created)
	if err != nil {
		return notFound(err, "That contact no longer exists; it may have been deleted while you were editing.")
	}
	typeName, err := tx.contactTypeName(ctx, c.TypeID)
	if err != nil {
		return err
	}
	if c.CreatedAt, err = parseTime(created); err != nil {
		return err
	}
	c.UpdatedAt, c.TypeName = tx.now, typeName
	args := append(contactValues(c), formatTime(c.UpdatedAt), c.ID)
	if _, err := tx.exec(ctx, `UPDATE contacts SET kind=?, name=?, email=?,
		phone_primary=?, phone_mobile=?, phone_other=?, phone_fax=?,
		physical_lines=?, physical_city=?, physical_region=?, physical_postal_code=?, physical_country=?,
		mailing_lines=?, mailing_city=?, mailing_region=?, mailing_postal_code=?, mailing_country=?,
		type_id=?, search_text=?, sort_name=?, sort_email=?, updated_at=?
		WHERE id = ?`, args...); err != nil {
		return fmt.Errorf("update contact %d: %w", c.ID, err)
	}
	return nil
}

// DeleteContact removes contact id, or returns ENOTFOUND.
func (tx *Tx) DeleteContact(ctx context.Context, id int64) error {
	res, err := tx.exec(ctx, `DELETE FROM contacts WHERE id = ?`, id)
	if isForeignKeyViolation(err) {
		return practice.Errorf(practice.ECONFLICT, "This contact has work or invoices, so it cannot be deleted.")
	}
	if err != nil {
		return fmt.Errorf("delete contact %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return practice.Errorf(practice.ENOTFOUND, "That contact no longer exists; it may already have been deleted.")
	}
	return nil
}

func (tx *Tx) contactTypeName(ctx context.Context, id int64) (string, error) {
	var name string
	err := tx.queryRow(ctx, `SELECT name FROM contact_types WHERE id = ?`, id).Scan(&name)
	if err != nil {
		if err == sql.ErrNoRows {
			return "", &practice.Error{Code: practice.EINVALID, Message: "The chosen contact type no longer exists.",
				Fields: map[string]string{"typeId": "This contact type no longer exists; choose another."}}
		}
		return "", fmt.Errorf("read contact type %d: %w", id, err)
	}
	return name, nil
}

// contactValues lists c's columns in the order of the INSERT and UPDATE above.
func contactValues(c *practice.Contact) []any {
	p, m := c.PhysicalAddress, c.MailingAddress
	return []any{string(c.Kind), c.Name, c.Email,
		c.Phones.Primary, c.Phones.Mobile, c.Phones.Other, c.Phones.Fax,
		strings.Join(p.Lines, "\n"), p.City, p.Region, p.PostalCode, p.Country,
		strings.Join(m.Lines, "\n"), m.City, m.Region, m.PostalCode, m.Country,
		c.TypeID, fold(c.Name + "\n" + c.Email), fold(c.Name), fold(c.Email)}
}

type scanner interface{ Scan(dest ...any) error }

func scanContact(row scanner) (*practice.Contact, error) {
	var c practice.Contact
	var kind, pLines, mLines, created, updated string
	p, m := &c.PhysicalAddress, &c.MailingAddress
	err := row.Scan(&c.ID, &kind, &c.Name, &c.Email,
		&c.Phones.Primary, &c.Phones.Mobile, &c.Phones.Other, &c.Phones.Fax,
		&pLines, &p.City, &p.Region, &p.PostalCode, &p.Country,
		&mLines, &m.City, &m.Region, &m.PostalCode, &m.Country,
		&c.TypeID, &c.TypeName, &created, &updated)
	if err != nil {
		return nil, err
	}
	c.Kind = practice.ContactKind(kind)
	p.Lines, m.Lines = splitLines(pLines), splitLines(mLines)
	if c.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if c.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return &c, nil
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
