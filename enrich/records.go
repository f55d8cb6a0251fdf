package enrich

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"runtime/debug"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// ExtractorVersion names the extraction rules: bump it whenever a parser,
// a chain or the merge changes what a record holds, so that records cached
// by an older build are derived again. The build's VCS revision is added
// when the binary carries one.
const ExtractorVersion = "2026-12-04.1"

// RecordCache stores finished records. The cache's ReadThrough with its
// Store satisfies it.
type RecordCache interface {
	Record(ctx context.Context, key string) ([]byte, bool, error)
	PutRecord(ctx context.Context, key string, data []byte) error
	// Answer is the digest of the cached answer to url (fetch.Digest) and
	// whether Get would serve it without a request.
	Answer(ctx context.Context, url string) (digest string, fresh bool, err error)
}

// dep is one answer a record was built from.
type dep struct {
	URL    string `json:"u"`
	Digest string `json:"d"`
}

// cachedRecord is what the record cache holds for one resolution.
type cachedRecord struct {
	Deps     []dep               `json:"deps"`
	Paper    paperlist.Paper     `json:"paper"`
	Volatile *paperlist.Volatile `json:"volatile,omitempty"`
}

var buildRevision = func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			return s.Value
		}
	}
	return ""
}()

// recordKey names a resolution in the record cache: the extractor, the
// entry as the resolution reads it, and its override.
func (e *Enricher) recordKey(en paperlist.Entry, id string) string {
	ov, _ := e.cfg.Overrides.For(id, en.ListTitle)
	en.Line, en.EndLine, en.Notes, en.Read, en.Group, en.Section = 0, 0, nil, false, "", ""
	b, _ := json.Marshal(struct {
		E  paperlist.Entry
		ID string
		O  Override
	}{en, id, ov})
	sum := sha256.Sum256(b)
	return "record:" + ExtractorVersion + ":" + buildRevision + ":" + hex.EncodeToString(sum[:16])
}

// fromCache returns the cached record of a resolution when every answer it
// was built from is still cached, fresh and unchanged.
func (e *Enricher) fromCache(ctx context.Context, key string) (paperlist.Paper, bool) {
	rc := e.cfg.Records
	data, ok, err := rc.Record(ctx, key)
	if err != nil || !ok {
		return paperlist.Paper{}, false
	}
	var cr cachedRecord
	if json.Unmarshal(data, &cr) != nil {
		return paperlist.Paper{}, false
	}
	for _, d := range cr.Deps {
		digest, fresh, err := rc.Answer(ctx, d.URL)
		if err != nil || !fresh || digest != d.Digest {
			return paperlist.Paper{}, false
		}
	}
	p := cr.Paper
	p.Volatile = cr.Volatile
	if p.Sources == nil {
		p.Sources = map[string]string{}
	}
	return p, true
}

// store keeps a finished record with the answers it was built from; a
// record that met a failure that may pass (a timeout, a 5xx, a stale copy)
// or an interruption is not kept, so that the next run tries again.
func (e *Enricher) store(ctx context.Context, key string, p paperlist.Paper, out outcome) {
	if out.uncacheable || out.ctxErr != nil || p.Interrupted {
		return
	}
	data, err := json.Marshal(cachedRecord{Deps: out.deps, Paper: p, Volatile: p.Volatile})
	if err != nil {
		return
	}
	if err := e.cfg.Records.PutRecord(ctx, key, data); err != nil {
		e.cfg.Logger.Warn("record not cached", "id", p.ID, "err", err)
	}
}

// noteAnswer records what a request got, for the record cache.
func (out *outcome) noteAnswer(url string, resp *fetch.Response, err error) {
	var se *fetch.StatusError
	switch {
	case err == nil && !resp.Stale:
		out.deps = append(out.deps, dep{URL: url, Digest: fetch.Digest(resp.Body)})
	case err != nil && errors.As(err, &se) && se.Definitive():
		out.deps = append(out.deps, dep{URL: url, Digest: fetch.NegativeDigest(se.Status)})
	default:
		out.uncacheable = true
	}
}
