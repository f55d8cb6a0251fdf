package cache

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/paperlist/paperlist/fetch"
)

// Cached is what the store holds for one URL.
type Cached struct {
	// Resp is the stored answer with FromCache set; nil when Negative.
	Resp *fetch.Response
	// Negative marks a remembered definitive failure (404 or 410).
	Negative bool
	// Status is the stored HTTP status: 2xx, or 404/410 when Negative.
	Status int
	// FetchedAt is when the network last confirmed the row.
	FetchedAt time.Time
	// Validators for a conditional request ("" when the server sent none).
	ETag         string
	LastModified string
}

// Response returns what is cached for url, or nil, nil when nothing is.
func (s *Store) Response(ctx context.Context, url string) (*Cached, error) {
	var (
		finalURL, headers, etag, lastMod string
		status                           int
		body                             []byte
		fetchedAt                        int64
		negative                         bool
	)
	err := s.db.QueryRowContext(ctx, `
		SELECT final_url, status, headers, body, etag, last_modified, fetched_at, negative
		FROM responses WHERE url = ?`, url).
		Scan(&finalURL, &status, &headers, &body, &etag, &lastMod, &fetchedAt, &negative)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cache: read %s: %w", url, err)
	}
	c := &Cached{
		Negative:     negative,
		Status:       status,
		FetchedAt:    time.Unix(0, fetchedAt).UTC(),
		ETag:         etag,
		LastModified: lastMod,
	}
	if negative {
		return c, nil
	}
	h := http.Header{}
	if err := json.Unmarshal([]byte(headers), &h); err != nil {
		return nil, fmt.Errorf("cache: read %s: decode headers: %w", url, err)
	}
	// The validator columns are the truth: Touch updates them after a 304.
	if etag != "" {
		h.Set("ETag", etag)
	}
	if lastMod != "" {
		h.Set("Last-Modified", lastMod)
	}
	if body == nil {
		body = []byte{}
	}
	c.Resp = &fetch.Response{
		URL:       url,
		FinalURL:  finalURL,
		Status:    status,
		Header:    h,
		Body:      body,
		FetchedAt: c.FetchedAt,
		FromCache: true,
	}
	return c, nil
}

// PutResponse stores r as the answer for r.URL, replacing whatever was there
// (a negative row included). Only 2xx answers are accepted, and r.FetchedAt
// must be set. Of r.Header only fetch.KeptHeaders are written.
func (s *Store) PutResponse(ctx context.Context, r *fetch.Response) error {
	if r == nil || r.URL == "" {
		return errors.New("cache: store response: no URL")
	}
	if r.Status < 200 || r.Status > 299 {
		return fmt.Errorf("cache: store %s: HTTP %d is not a storable answer (2xx only)", r.URL, r.Status)
	}
	if r.FetchedAt.IsZero() {
		return fmt.Errorf("cache: store %s: FetchedAt not set", r.URL)
	}
	headers, err := json.Marshal(keptHeaders(r.Header))
	if err != nil {
		return fmt.Errorf("cache: store %s: encode headers: %w", r.URL, err)
	}
	body := r.Body
	if body == nil {
		body = []byte{}
	}
	return s.inTx(ctx, "store "+r.URL, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO responses (url, final_url, status, headers, body, body_len, etag, last_modified, fetched_at, negative, digest)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
			ON CONFLICT (url) DO UPDATE SET
				final_url = excluded.final_url, status = excluded.status,
				headers = excluded.headers, body = excluded.body, body_len = excluded.body_len,
				etag = excluded.etag, last_modified = excluded.last_modified,
				fetched_at = excluded.fetched_at, negative = 0, digest = excluded.digest`,
			r.URL, r.FinalURL, r.Status, string(headers), body, len(body),
			r.Header.Get("ETag"), r.Header.Get("Last-Modified"), r.FetchedAt.UnixNano(), fetch.Digest(body))
		return err
	})
}

// PutNegative remembers that url answered with a definitive failure status
// (404 or 410) at the given time. It never overwrites a good copy: when one
// exists, nothing changes.
func (s *Store) PutNegative(ctx context.Context, url string, status int, at time.Time) error {
	if status < 400 || status > 599 {
		return fmt.Errorf("cache: store negative %s: HTTP %d is not a failure", url, status)
	}
	return s.inTx(ctx, "store negative "+url, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO responses (url, status, fetched_at, negative) VALUES (?, ?, ?, 1)
			ON CONFLICT (url) DO UPDATE SET status = excluded.status, fetched_at = excluded.fetched_at
			WHERE responses.negative = 1`,
			url, status, at.UnixNano())
		return err
	})
}

// Touch records that the network confirmed the good copy of url at the given
// time (a 304), and takes the new validators when the server sent any
// (empty ones keep the stored values). It fails with ErrNoCopy when there is
// no good copy.
func (s *Store) Touch(ctx context.Context, url string, at time.Time, etag, lastModified string) error {
	return s.inTx(ctx, "touch "+url, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE responses SET fetched_at = ?,
				etag = CASE WHEN ? <> '' THEN ? ELSE etag END,
				last_modified = CASE WHEN ? <> '' THEN ? ELSE last_modified END
			WHERE url = ? AND negative = 0`,
			at.UnixNano(), etag, etag, lastModified, lastModified, url)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return ErrNoCopy
		}
		return nil
	})
}

// keptHeaders returns the fetch.KeptHeaders present in h, so that nothing
// else (cookies, tracking ids, anything a request carried) reaches the disk.
func keptHeaders(h http.Header) http.Header {
	out := http.Header{}
	for _, name := range fetch.KeptHeaders {
		if v := h.Values(name); len(v) > 0 {
			out[http.CanonicalHeaderKey(name)] = append([]string(nil), v...)
		}
	}
	return out
}

// inTx runs fn in one write transaction; op names the operation in errors.
func (s *Store) inTx(ctx context.Context, op string, fn func(*sql.Tx) error) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("cache: %s: begin: %w", op, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback() //nolint:errcheck // fn's error is the one to report
		return fmt.Errorf("cache: %s: %w", op, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("cache: %s: commit: %w", op, err)
	}
	return nil
}
