package enrich

import (
	"context"
	"log/slog"
	"sync"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// Getter makes one GET, politely and through the cache. It is all the
// enricher needs of the network.
type Getter interface {
	Get(ctx context.Context, req fetch.Request) (*fetch.Response, error)
}

// Config configures an Enricher. Zero values mean the defaults. The contact
// address is not here: it travels in the User-Agent ("mailto:..."), which
// Crossref and OpenAlex read for their polite pools, so that it never
// appears in a URL, a cache key, an error or the output.
type Config struct {
	Getter      Getter
	Endpoints   Endpoints // zero => DefaultEndpoints()
	OpenAlexKey string    // optional OPENALEX_API_KEY
	S2Key       string    // optional S2_API_KEY, sent as x-api-key
	PDF         PDFReader // reads a nickname's PDF (nil: such entries are not identified)
	Workers     int       // entries in progress at once; default 16 (per-host limits live in fetch)
	Overrides   *Overrides
	// Records, when set, keeps finished records: an entry whose answers
	// are all cached, fresh and unchanged is not derived again.
	Records RecordCache
	Logger  *slog.Logger
	// OnDone is called after each entry is finished (from worker goroutines).
	OnDone func(i int, p *paperlist.Paper)
}

func (c Config) withDefaults() Config {
	if c.Endpoints == (Endpoints{}) {
		c.Endpoints = DefaultEndpoints()
	}
	if c.Workers <= 0 {
		c.Workers = 16
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Enricher turns list entries into dataset records.
type Enricher struct {
	cfg Config
	env Env
}

// New returns an Enricher.
func New(cfg Config) *Enricher {
	cfg = cfg.withDefaults()
	return &Enricher{cfg: cfg, env: Env{Endpoints: cfg.Endpoints, OpenAlexKey: cfg.OpenAlexKey, S2Key: cfg.S2Key, PDF: cfg.PDF}}
}

// Run enriches every entry and returns the records in list order. Problems
// with one entry are recorded on its record (status, errors) and never stop
// the others; Run returns an error only when ctx is cancelled, together with
// the records finished so far (unfinished ones keep their list data and the
// status "error" with the reason "interrupted").
func (e *Enricher) Run(ctx context.Context, entries []paperlist.Entry) ([]paperlist.Paper, error) {
	papers := make([]paperlist.Paper, len(entries))
	err := e.Each(ctx, entries, func(i int, p *paperlist.Paper) { papers[i] = *p })
	return papers, err
}

// Each enriches every entry as Run does, and hands each record to emit in
// list order as soon as it and every record before it are finished: one
// call at a time, entry i's record as the i-th call. Each keeps no record
// it has handed over, so a caller that writes the records as they come
// (instead of collecting them) holds a handful, not the whole list: on a
// warm run the records come out batch by batch as the record cache is read.
func (e *Enricher) Each(ctx context.Context, entries []paperlist.Entry, emit func(i int, p *paperlist.Paper)) error {
	ids := AssignIDs(entries)
	listed := func(i int) paperlist.Paper { // entry i's record before any source
		p := paperlist.FromEntry(entries[i])
		p.ID = ids[i]
		return p
	}
	out := &ordered{recs: make([]*paperlist.Paper, len(entries)), emit: emit}
	done := func(i int, p *paperlist.Paper) {
		if e.cfg.OnDone != nil {
			e.cfg.OnDone(i, p)
		}
		out.put(i, p)
	}
	// Entries that describe the same paper (same link, or same title and
	// venue-year when unlinked) share one resolution. The last entry to use
	// a resolution takes it over instead of copying it, so a list of
	// distinct papers holds each record once.
	type shared struct {
		once    sync.Once
		mu      sync.Mutex
		members []int            // the entries that share it, in list order
		left    int              // entries still to use p
		p       *paperlist.Paper // the resolution, until its last entry takes it
		placed  bool             // read from the record cache and given to every member
	}
	flight := make(map[string]*shared, len(entries))
	keyOf := make([]*shared, len(entries))
	var leaders []int // the first entry of each resolution
	// Each entry is classified once: its link's route, its override.
	starts := make([]*Known, len(entries))
	ovs := make([]*Override, len(entries))
	for i, en := range entries {
		starts[i], ovs[i] = e.start(en, ids[i])
		k := dedupKey(starts[i], ovs[i], ids[i])
		s := flight[k]
		if s == nil {
			s = &shared{}
			flight[k] = s
			leaders = append(leaders, i)
		}
		s.members = append(s.members, i)
		s.left++
		keyOf[i] = s
	}
	// A warm run: resolutions whose record is cached with fresh, unchanged
	// answers are read, not derived, and given to their entries at once.
	var recordKeys []string
	if e.cfg.Records != nil {
		recordKeys = make([]string, len(entries))
		keys := make([]string, len(leaders))
		for j, i := range leaders {
			recordKeys[i] = e.recordKey(entries[i], ids[i])
			keys[j] = recordKeys[i]
		}
		err := e.fromCache(ctx, keys, true, func(j int, p *paperlist.Paper) {
			s := keyOf[leaders[j]]
			s.once.Do(func() {
				for k, m := range s.members {
					rec := withListData(*p, listed(m), k < len(s.members)-1)
					starts[m] = nil
					done(m, &rec)
				}
				s.placed, s.left = true, 0
			})
		})
		if err != nil {
			e.cfg.Logger.Warn("record cache unreadable; deriving every record", "err", err)
		}
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < e.cfg.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s := keyOf[i]
				lp := listed(i)
				s.once.Do(func() {
					p, out := e.resolve(ctx, starts[i], ovs[i], lp)
					if e.cfg.Records != nil {
						// Under the key of the resolution's first entry,
						// whichever of its entries a worker took first.
						e.store(ctx, recordKeys[s.members[0]], p, out)
					}
					s.p = &p
				})
				starts[i] = nil // what the entry's resolution knew: done with
				s.mu.Lock()
				s.left--
				rec := withListData(*s.p, lp, s.left > 0)
				if s.left == 0 {
					s.p = nil
				}
				s.mu.Unlock()
				done(i, &rec)
			}
		}()
	}
	sent := make([]bool, len(entries))
feed:
	for _, i := range e.feedOrder(starts, func(i int) bool { return keyOf[i].placed }) {
		if keyOf[i].placed {
			continue
		}
		select {
		case jobs <- i:
			sent[i] = true
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	err := ctx.Err()
	if err != nil {
		for i := range entries {
			if !sent[i] && !keyOf[i].placed {
				p := listed(i)
				p.Status = paperlist.StatusError
				p.Errors = append(p.Errors, "interrupted before this entry was processed")
				p.Reason = "interrupted before this entry was processed"
				p.Interrupted = true
				out.put(i, &p)
			}
		}
	}
	return err
}

// ordered hands records to emit in list order, one call at a time, each
// as soon as every record before it is in; it keeps none it handed over.
type ordered struct {
	mu   sync.Mutex
	recs []*paperlist.Paper // finished, not yet handed over
	next int
	emit func(int, *paperlist.Paper)
}

func (o *ordered) put(i int, p *paperlist.Paper) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.recs[i] = p
	for o.next < len(o.recs) && o.recs[o.next] != nil {
		p := o.recs[o.next]
		o.recs[o.next] = nil
		o.emit(o.next, p)
		o.next++
	}
}

// withListData copies a resolved record onto another entry's list fields,
// for duplicates that shared one resolution.
func withListData(resolved, list paperlist.Paper, copySlices bool) paperlist.Paper {
	out := resolved
	if copySlices {
		// Each copy owns its slices and map: a later rewrite of one (an
		// interrupted entry's errors) must not show in the other.
		out.Authors = append([]paperlist.Author{}, resolved.Authors...)
		out.Errors = append([]string{}, resolved.Errors...)
		out.Sources = make(map[string]string, len(resolved.Sources))
		for k, v := range resolved.Sources {
			out.Sources[k] = v
		}
	}
	out.ID = list.ID
	out.TakeListed(list.Listed)
	return out
}

// feedOrder interleaves the entries by the host of their first request
// (round robin over hosts, list order within a host), so that a list
// written venue by venue — one publisher's site for pages on end — does not
// park every worker on one host while the others idle. Records still come
// out in list order.
func (e *Enricher) feedOrder(starts []*Known, done func(i int) bool) []int {
	var hostOrder []string
	byHost := map[string][]int{}
	for i, k := range starts {
		host := "" // a resolution already read from the record cache costs nothing
		if !done(i) {
			host = e.firstHost(k)
		}
		if _, ok := byHost[host]; !ok {
			hostOrder = append(hostOrder, host)
		}
		byHost[host] = append(byHost[host], i)
	}
	order := make([]int, 0, len(starts))
	for len(order) < len(starts) {
		for _, h := range hostOrder {
			if q := byHost[h]; len(q) > 0 {
				order = append(order, q[0])
				byHost[h] = q[1:]
			}
		}
	}
	return order
}
