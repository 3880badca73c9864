package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"ledgerlink/backend/practice"
)

// StartSyncRun records a run as running and fills in its ID and start.
func (tx *Tx) StartSyncRun(ctx context.Context, r *practice.SyncRun) error {
	r.StartedAt, r.Status = tx.now, practice.RunRunning
	res, err := tx.exec(ctx, `INSERT INTO sync_runs (realm_id, trigger, mode, dry_run, status, started_at) VALUES (?,?,?,?,?,?)`,
		r.RealmID, r.Trigger, r.Mode, r.DryRun, r.Status, formatTime(r.StartedAt))
	if err != nil {
		return fmt.Errorf("start sync run: %w", err)
	}
	r.ID, err = res.LastInsertId()
	return err
}

// SaveSyncRun stores a run's status, counts, report and requests; a run
// that is no longer running gets its finish time.
func (tx *Tx) SaveSyncRun(ctx context.Context, r *practice.SyncRun) error {
	if r.Status != practice.RunRunning && r.FinishedAt == nil {
		t := tx.now
		r.FinishedAt = &t
	}
	counts, _ := json.Marshal(r.Counts)
	if r.Report == nil {
		r.Report = []practice.ReportLine{}
	}
	report, _ := json.Marshal(r.Report)
	finished := ""
	if r.FinishedAt != nil {
		finished = formatTime(*r.FinishedAt)
	}
	_, err := tx.exec(ctx, `UPDATE sync_runs SET mode = ?, status = ?, finished_at = ?, requests = ?, counts = ?, report = ?, error = ?
		WHERE id = ?`, r.Mode, r.Status, finished, r.Requests, string(counts), string(report), r.Error, r.ID)
	if err != nil {
		return fmt.Errorf("save sync run %d: %w", r.ID, err)
	}
	return nil
}

// FindSyncRuns returns the newest runs first, at most limit of them.
func (tx *Tx) FindSyncRuns(ctx context.Context, limit int) ([]practice.SyncRun, error) {
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	rows, err := tx.query(ctx, `SELECT id, realm_id, trigger, mode, dry_run, status, started_at, finished_at, requests, counts, report, error
		FROM sync_runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read sync runs: %w", err)
	}
	defer rows.Close()
	out := []practice.SyncRun{}
	for rows.Next() {
		var r practice.SyncRun
		var started, finished, counts, report string
		if err := rows.Scan(&r.ID, &r.RealmID, &r.Trigger, &r.Mode, &r.DryRun, &r.Status, &started, &finished,
			&r.Requests, &counts, &report, &r.Error); err != nil {
			return nil, err
		}
		if r.StartedAt, err = parseTime(started); err != nil {
			return nil, err
		}
		if finished != "" {
			t, err := parseTime(finished)
			if err != nil {
				return nil, err
			}
			r.FinishedAt = &t
		}
		if err := json.Unmarshal([]byte(counts), &r.Counts); err != nil {
			return nil, fmt.Errorf("stored counts of run %d: %w", r.ID, err)
		}
		if err := json.Unmarshal([]byte(report), &r.Report); err != nil {
			return nil, fmt.Errorf("stored report of run %d: %w", r.ID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// EndInterruptedRuns marks runs left "running" by a process that died as
// failed, so that the list never shows a run that will not finish.
func (tx *Tx) EndInterruptedRuns(ctx context.Context) error {
	_, err := tx.exec(ctx, `UPDATE sync_runs SET status = 'failed', finished_at = ?, error = 'Ledgerlink stopped during this run.'
		WHERE status = 'running'`, formatTime(tx.now))
	return err
}
