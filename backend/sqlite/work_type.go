package sqlite

import (
	"context"
	"fmt"

	"ledgerlink/backend/practice"
)

const workTypeColumns = `w.id, w.name, w.rate_kind, w.rate, w.active, w.created_at,
	(SELECT COUNT(*) FROM work_items i WHERE i.work_type_id = w.id) + (SELECT COUNT(*) FROM invoice_lines l WHERE l.work_type_id = w.id)`

func scanWorkType(row scanner) (*practice.WorkType, error) {
	var w practice.WorkType
	var created string
	if err := row.Scan(&w.ID, &w.Name, &w.RateKind, &w.Rate, &w.Active, &created, &w.InUse); err != nil {
		return nil, err
	}
	var err error
	w.CreatedAt, err = parseTime(created)
	return &w, err
}

// FindWorkTypes returns the work types by name; inactive ones only with
// inactive set.
func (tx *Tx) FindWorkTypes(ctx context.Context, inactive bool) ([]*practice.WorkType, error) {
	q := `SELECT ` + workTypeColumns + ` FROM work_types w`
	if !inactive {
		q += ` WHERE w.active = 1`
	}
	rows, err := tx.query(ctx, q+` ORDER BY w.name COLLATE NOCASE, w.id`)
	if err != nil {
		return nil, fmt.Errorf("read work types: %w", err)
	}
	defer rows.Close()
	out := []*practice.WorkType{}
	for rows.Next() {
		w, err := scanWorkType(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// FindWorkType returns one work type, or ENOTFOUND.
func (tx *Tx) FindWorkType(ctx context.Context, id int64) (*practice.WorkType, error) {
	w, err := scanWorkType(tx.queryRow(ctx, `SELECT `+workTypeColumns+` FROM work_types w WHERE w.id = ?`, id))
	if err != nil {
		return nil, notFound(err, "That work type no longer exists.")
	}
	return w, nil
}

// SaveWorkType validates and stores w: a new one when w.ID is 0, else an
// update. A name in use by another work type (ignoring case) is ECONFLICT.
func (tx *Tx) SaveWorkType(ctx context.Context, w *practice.WorkType) error {
	w.Normalize()
	if err := w.Validate(); err != nil {
		return err
	}
	var err error
	if w.ID == 0 {
		w.CreatedAt = tx.now
		err = tx.queryRow(ctx, `INSERT INTO work_types (name, rate_kind, rate, active, created_at, updated_at) VALUES (?,?,?,?,?,?) RETURNING id`,
			w.Name, w.RateKind, w.Rate, w.Active, formatTime(tx.now), formatTime(tx.now)).Scan(&w.ID)
	} else {
		var res interface{ RowsAffected() (int64, error) }
		res, err = tx.exec(ctx, `UPDATE work_types SET name = ?, rate_kind = ?, rate = ?, active = ?, updated_at = ? WHERE id = ?`,
			w.Name, w.RateKind, w.Rate, w.Active, formatTime(tx.now), w.ID)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return practice.Errorf(practice.ENOTFOUND, "That work type no longer exists.")
			}
		}
	}
	if isUniqueViolation(err) {
		msg := fmt.Sprintf("There is already a work type named %q.", w.Name)
		return &practice.Error{Code: practice.ECONFLICT, Message: msg, Fields: map[string]string{"name": msg}}
	}
	if err != nil {
		return fmt.Errorf("save work type: %w", err)
	}
	return nil
}
