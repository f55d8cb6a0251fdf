package cache

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// maxProblems bounds the lines Check reports.
const maxProblems = 100

// CheckResult is what Check found.
type CheckResult struct {
	Path     string
	Full     bool     // integrity_check rather than quick_check
	Problems []string // SQLite's own words, at most maxProblems; none when OK
}

// OK reports whether the check found nothing wrong.
func (r CheckResult) OK() bool { return len(r.Problems) == 0 }

// Check runs SQLite's PRAGMA quick_check (integrity_check when full, which
// also checks that every index matches its table) on the cache at path. It
// opens the file read-only and takes no lock, so it works while a run
// writes. A file so damaged that it cannot be opened or checked is a
// problem, not an error; the error is for a missing file or a cancelled ctx.
func Check(ctx context.Context, path string, full bool) (CheckResult, error) {
	res := CheckResult{Path: path, Full: full}
	if _, err := os.Stat(path); err != nil {
		return res, fmt.Errorf("check cache %s: %w", path, err)
	}
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return res, fmt.Errorf("check cache %s: %w", path, err)
	}
	defer db.Close()
	pragma := "PRAGMA quick_check(" + fmt.Sprint(maxProblems) + ")"
	if full {
		pragma = "PRAGMA integrity_check(" + fmt.Sprint(maxProblems) + ")"
	}
	rows, err := db.QueryContext(ctx, pragma)
	if err != nil {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		res.Problems = append(res.Problems, err.Error())
		return res, nil
	}
	defer rows.Close()
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			res.Problems = append(res.Problems, err.Error())
			break
		}
		if line != "ok" {
			res.Problems = append(res.Problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		res.Problems = append(res.Problems, err.Error())
	}
	return res, ctx.Err()
}

// RepairResult is what Repair did.
type RepairResult struct {
	Path   string
	Backup string         // where the damaged file was moved
	Kept   map[string]int // rows copied, per table
	Lost   map[string]int // rows that could not be read (or were incomplete), per table
}

// repairTables are the tables Repair copies, with a test a row must pass.
var repairTables = []struct {
	name string
	keep func(row map[string]any) bool
}{
	{"responses", completeResponse},
	{"records", func(map[string]any) bool { return true }},
	{"runs", func(map[string]any) bool { return true }},
}

// completeResponse reports whether a responses row is whole: its headers
// decode and its body has the length that was written.
func completeResponse(row map[string]any) bool {
	if neg, _ := row["negative"].(int64); neg == 1 {
		return true
	}
	h, _ := row["headers"].(string)
	body, _ := row["body"].([]byte)
	n, _ := row["body_len"].(int64)
	return json.Valid([]byte(h)) && int64(len(body)) == n
}

// Repair rebuilds the cache at path as a new file holding every row that
// can still be read in full, and puts it in place; the damaged file is kept
// as path+".bak". It takes the cache's lock (it fails with ErrLocked while a
// run uses the cache). Rows are read one by one by rowid, so a corrupt page
// loses only the rows stored on it.
func Repair(ctx context.Context, path string) (RepairResult, error) {
	res := RepairResult{Path: path, Backup: path + ".bak", Kept: map[string]int{}, Lost: map[string]int{}}
	if _, err := os.Stat(path); err != nil {
		return res, fmt.Errorf("repair cache %s: %w", path, err)
	}
	l, err := lockFile(path + ".lock")
	if err != nil {
		if errors.Is(err, errWouldBlock) {
			return res, &lockedError{path: path}
		}
		return res, fmt.Errorf("repair cache %s: lock: %w", path, err)
	}
	defer l.release()

	fresh := path + ".repair"
	for _, f := range []string{fresh, fresh + "-wal", fresh + "-shm"} {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return res, fmt.Errorf("repair cache %s: %w", path, err)
		}
	}
	if err := rebuild(ctx, path, fresh, &res); err != nil {
		os.Remove(fresh)
		return res, err
	}
	// The damaged file goes aside with its WAL (already read through), and
	// the new one, a single file, takes its place.
	if err := os.Rename(path, res.Backup); err != nil {
		return res, fmt.Errorf("repair cache %s: %w", path, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Rename(path+suffix, res.Backup+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return res, fmt.Errorf("repair cache %s: %w", path, err)
		}
	}
	if err := os.Rename(fresh, path); err != nil {
		return res, fmt.Errorf("repair cache %s: %w", path, err)
	}
	return res, nil
}

// rebuild copies the readable rows of the cache at from into a new cache
// at to, left without a WAL.
func rebuild(ctx context.Context, from, to string, res *RepairResult) error {
	old, err := sql.Open("sqlite3", dsn(from, true))
	if err != nil {
		return fmt.Errorf("repair cache %s: %w", from, err)
	}
	defer old.Close()
	if v, err := userVersion(ctx, old); err != nil || v != SchemaVersion() {
		return fmt.Errorf("repair cache %s: schema version %d (%v), want %d: cannot rebuild; remove the file to start a new cache", from, v, err, SchemaVersion())
	}
	db, err := sql.Open("sqlite3", dsn(to, false))
	if err != nil {
		return fmt.Errorf("repair cache %s: %w", from, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := migrate(ctx, db, to); err != nil {
		return err
	}
	for _, t := range repairTables {
		if err := copyRows(ctx, old, db, t.name, t.keep, res); err != nil {
			return fmt.Errorf("repair cache %s: %s: %w", from, t.name, err)
		}
	}
	if _, err := db.ExecContext(ctx, `PRAGMA journal_mode=DELETE`); err != nil {
		return fmt.Errorf("repair cache %s: %w", from, err)
	}
	return nil
}

// copyRows copies the rows of table that can be read, and pass keep, from
// old to db, one rowid at a time. Only ctx's end and writes to db fail it.
func copyRows(ctx context.Context, old, db *sql.DB, table string, keep func(map[string]any) bool, res *RepairResult) error {
	var maxID sql.NullInt64
	if err := old.QueryRowContext(ctx, `SELECT max(rowid) FROM `+table).Scan(&maxID); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// The table's right edge is damaged: fall back on counting up to the
		// rows the table says it has, which may miss the highest ids.
		maxID = sql.NullInt64{}
		if err := old.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&maxID); err != nil {
			maxID.Int64 = 0
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	var insert *sql.Stmt
	for id := int64(1); id <= maxID.Int64; id++ {
		row, found, err := readRow(ctx, old, table, id)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			res.Lost[table]++
			continue
		case !found:
			continue
		case !keep(row.values):
			res.Lost[table]++
			continue
		}
		if insert == nil {
			q := fmt.Sprintf(`INSERT INTO %s (%s) VALUES (%s)`, table, strings.Join(row.cols, ", "),
				strings.TrimSuffix(strings.Repeat("?, ", len(row.cols)), ", "))
			if insert, err = tx.PrepareContext(ctx, q); err != nil {
				return err
			}
			defer insert.Close()
		}
		args := make([]any, len(row.cols))
		for i, c := range row.cols {
			args[i] = row.values[c]
		}
		if _, err := insert.ExecContext(ctx, args...); err != nil {
			return err
		}
		res.Kept[table]++
	}
	return tx.Commit()
}

// tableRow is one row read by readRow: its column names in order and values.
type tableRow struct {
	cols   []string
	values map[string]any
}

// readRow reads the row of table with the given rowid.
func readRow(ctx context.Context, db *sql.DB, table string, id int64) (tableRow, bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT * FROM `+table+` WHERE rowid = ?`, id)
	if err != nil {
		return tableRow{}, false, err
	}
	defer rows.Close()
	if !rows.Next() {
		return tableRow{}, false, rows.Err()
	}
	cols, err := rows.Columns()
	if err != nil {
		return tableRow{}, false, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return tableRow{}, false, err
	}
	r := tableRow{cols: cols, values: make(map[string]any, len(cols))}
	for i, c := range cols {
		r.values[c] = vals[i]
	}
	return r, true, rows.Err()
}
