package replay

import (
	"cmp"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Archive answers requests from the recorded answers of one directory. It is
// an http.Handler, safe for concurrent use; the recorded data never changes
// after Load, only the request log and counters do.
type Archive struct {
	dir     string
	entries []*Entry
	index   map[string][]*Entry // hostPath -> entries, most parameters first, then manifest order

	mu        sync.Mutex
	requests  []string
	unmatched []string
	missing   map[string]bool // set of unmatched
	counts    Counts
	hits      map[*Entry]int
}

// Counts summarises the requests an Archive has seen since Load or Reset.
type Counts struct {
	Total       int            // every request
	Served      int            // answered from a manifest entry (NotModified included)
	NotModified int            // answered 304 because If-None-Match matched the recorded ETag
	Unmatched   int            // answered 404 for want of an entry (robots.txt excluded)
	Robots      int            // unrecorded /robots.txt requests, answered 404
	ByHost      map[string]int // every request, by lower-case host name
}

// Load reads dir/manifest.tsv and every file it names. See parseManifest for
// the line format and README.md in testdata/recorded for the matching rules.
// An error names the manifest line at fault.
func Load(dir string) (*Archive, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("load archive %s: %w", dir, err)
	}
	entries, err := parseManifest(dir, data)
	if err != nil {
		return nil, fmt.Errorf("load archive %s: %w", dir, err)
	}
	a := &Archive{dir: dir, entries: entries, index: make(map[string][]*Entry)}
	for _, e := range entries {
		a.index[e.key.hostPath] = append(a.index[e.key.hostPath], e)
	}
	for _, list := range a.index {
		slices.SortStableFunc(list, func(x, y *Entry) int {
			return cmp.Or(cmp.Compare(len(y.key.params), len(x.key.params)), cmp.Compare(x.Line, y.Line))
		})
	}
	a.Reset()
	return a, nil
}

// Dir is the directory the archive was loaded from.
func (a *Archive) Dir() string { return a.dir }

// Entries returns the manifest entries in manifest order. The entries are
// shared: callers must not modify them.
func (a *Archive) Entries() []*Entry { return slices.Clone(a.entries) }

// Lookup returns the entry that answers a GET of rawURL, if any.
func (a *Archive) Lookup(rawURL string) (*Entry, bool) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, false
	}
	e := a.lookup(u)
	return e, e != nil
}

// lookup finds the entry for an absolute request URL: same host name and
// unescaped path, and every manifest query parameter present with an equal
// normalized value. When several entries qualify, the one naming the most
// parameters wins, then the earliest line.
func (a *Archive) lookup(u *url.URL) *Entry {
	q := u.Query()
	for _, e := range a.index[hostPath(u.Hostname(), u.Path)] {
		if e.key.matches(q) {
			return e
		}
	}
	return nil
}

// Requests returns the URLs of every request seen, in arrival order.
func (a *Archive) Requests() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.requests)
}

// Unmatched returns the distinct URLs answered 404 for want of an entry, in
// order of first arrival (unrecorded robots.txt requests excluded).
func (a *Archive) Unmatched() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.unmatched)
}

// Counts returns a snapshot of the counters.
func (a *Archive) Counts() Counts {
	a.mu.Lock()
	defer a.mu.Unlock()
	c := a.counts
	c.ByHost = make(map[string]int, len(a.counts.ByHost))
	for h, n := range a.counts.ByHost {
		c.ByHost[h] = n
	}
	return c
}

// Hits returns how many requests the entry that answers rawURL has served
// (0 when no entry answers rawURL).
func (a *Archive) Hits(rawURL string) int {
	e, ok := a.Lookup(rawURL)
	if !ok {
		return 0
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.hits[e]
}

// Reset clears the request log and the counters.
func (a *Archive) Reset() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.requests = nil
	a.unmatched = nil
	a.missing = make(map[string]bool)
	a.counts = Counts{ByHost: make(map[string]int)}
	a.hits = make(map[*Entry]int)
}

// outcome of one request, for the counters.
type outcome int

const (
	outServed outcome = iota
	outNotModified
	outUnmatched
	outRobots
	outBadMethod
)

func (a *Archive) record(u *url.URL, e *Entry, o outcome) {
	a.mu.Lock()
	defer a.mu.Unlock()
	full := u.String()
	a.requests = append(a.requests, full)
	a.counts.Total++
	a.counts.ByHost[strings.ToLower(u.Hostname())]++
	switch o {
	case outServed, outNotModified:
		a.counts.Served++
		a.hits[e]++
		if o == outNotModified {
			a.counts.NotModified++
		}
	case outUnmatched:
		a.counts.Unmatched++
		if !a.missing[full] {
			a.missing[full] = true
			a.unmatched = append(a.unmatched, full)
		}
	case outRobots:
		a.counts.Robots++
	}
}
