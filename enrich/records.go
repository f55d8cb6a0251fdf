package enrich

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
	// Records are decoded with segmentio's encoding/json: the same
	// results (it runs the standard library's tests) in a third of the time,
	// which was the largest part of a warm run.
	fastjson "github.com/segmentio/encoding/json"
)

// ExtractorVersion names the extraction rules: bump it whenever a parser,
// a chain or the merge changes what a record holds, so that records cached
// by an older build are derived again. The build's VCS revision is added
// when the binary carries one.
const ExtractorVersion = "2026-12-04.6"

// RecordCache stores finished records. The cache's ReadThrough with its
// Store satisfies it.
type RecordCache interface {
	// Records returns the stored records of keys; a key without one is
	// absent from the map.
	Records(ctx context.Context, keys []string) (map[string][]byte, error)
	PutRecord(ctx context.Context, key string, data []byte) error
	// Answers returns the digest (fetch.Digest, fetch.NegativeDigest) of
	// each of urls that Get would serve without a request; the others are
	// absent from the map.
	Answers(ctx context.Context, urls []string) (map[string]string, error)
}

// dep is one answer a record was built from.
type dep struct {
	URL    string `json:"u"`
	Digest string `json:"d"`
}

// cachedHead is the first line of a cached record: the answers it was
// built from and the values kept beside the dataset. The record (the
// Paper's JSON) follows on the second line and is decoded only when every
// answer still holds.
type cachedHead struct {
	Deps     []dep               `json:"deps"`
	Volatile *paperlist.Volatile `json:"volatile,omitempty"`
	Reason   string              `json:"reason,omitempty"`
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

// warmBatch is how many resolutions are looked up in the record cache at
// once: a few queries per batch, and only one batch of records in memory.
const warmBatch = 256

// fromCache looks the resolutions named by keys up in the record cache and
// calls use for each whose answers are all cached, fresh and unchanged,
// with its record decoded, or nil when decode is false (the planner only
// asks whether a record would be used). It clears each batch of keys once
// looked up: a caller keeps the keys it still needs.
func (e *Enricher) fromCache(ctx context.Context, keys []string, decode bool, use func(i int, p *paperlist.Paper)) error {
	rc := e.cfg.Records
	for lo := 0; lo < len(keys); lo += warmBatch {
		hi := min(lo+warmBatch, len(keys))
		data, err := rc.Records(ctx, keys[lo:hi])
		if err != nil {
			return err
		}
		heads := make([]*cachedHead, hi-lo)
		bodies := make([][]byte, hi-lo)
		var urls []string
		for i := lo; i < hi; i++ {
			b, ok := data[keys[i]]
			if !ok {
				continue
			}
			head, body, ok := bytes.Cut(b, []byte("\n"))
			var h cachedHead
			if !ok || fastjson.Unmarshal(head, &h) != nil {
				continue
			}
			heads[i-lo], bodies[i-lo] = &h, body
			for _, d := range h.Deps {
				urls = append(urls, d.URL)
			}
		}
		answers, err := rc.Answers(ctx, urls)
		if err != nil {
			return err
		}
		var valid []int
	next:
		for j, h := range heads {
			if h == nil {
				continue
			}
			for _, d := range h.Deps {
				if answers[d.URL] != d.Digest {
					continue next
				}
			}
			valid = append(valid, j)
		}
		if !decode {
			for _, j := range valid {
				use(lo+j, nil)
			}
			clear(keys[lo:hi])
			continue
		}
		// Decoding is most of a warm run: spread it over the cores.
		papers := make([]paperlist.Paper, len(valid))
		ok := make([]bool, len(valid))
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := w; n < len(valid); n += workers {
					ok[n] = fastjson.Unmarshal(bodies[valid[n]], &papers[n]) == nil
				}
			}()
		}
		wg.Wait()
		for n, j := range valid {
			if !ok[n] {
				continue
			}
			p := papers[n]
			p.Volatile, p.Reason = heads[j].Volatile, heads[j].Reason
			if p.Sources == nil {
				p.Sources = map[string]string{}
			}
			use(lo+j, &p)
		}
		clear(keys[lo:hi])
	}
	return nil
}

// store keeps a finished record with the answers it was built from; a
// record that met a failure that may pass (a timeout, a 5xx, a stale copy)
// or an interruption is not kept, so that the next run tries again.
func (e *Enricher) store(ctx context.Context, key string, p paperlist.Paper, out outcome) {
	if out.uncacheable || out.ctxErr != nil || p.Interrupted {
		return
	}
	head, err := json.Marshal(cachedHead{Deps: out.deps, Volatile: p.Volatile, Reason: p.Reason})
	if err != nil {
		return
	}
	paper, err := json.Marshal(p)
	if err != nil {
		return
	}
	data := append(append(head, '\n'), paper...)
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
