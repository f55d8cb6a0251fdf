package enrich

import (
	"context"
	"math"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// PlannedRequest is one request a chain may make for an entry.
type PlannedRequest struct {
	Source string // the step's label
	Host   string // host[:port], as fetch counts hosts
	// URL is the request's URL when it follows from the entry alone, ""
	// when it depends on what an earlier step finds (a search hit's DOI).
	URL string
	// Certain: the run makes it whatever the other answers are (the
	// chain's first request, a step that always runs on the link's own
	// identifier); otherwise it is made only if earlier steps leave a
	// need for it.
	Certain bool
}

// EntryPlan is what resolving one entry may cost, read from its chain
// without a request.
type EntryPlan struct {
	Route    Route
	Key      string // the dedup key: entries with one key share one resolution
	Requests []PlannedRequest
}

// planDOI and planArxiv stand for identifiers a run may learn, so that a
// planned step's host is known even when its URL is not.
const (
	planDOI   = "10.0000/planned"
	planArxiv = "0000.00000"
)

// Plan says how an entry would be resolved and which requests its chain
// may make. It makes no request: --dry-run sums it into per-host bounds,
// and the run orders its work by the first request's host.
func (e *Enricher) Plan(en paperlist.Entry, id string) EntryPlan {
	start, ov := e.start(en, id)
	t := start.Target
	ep := EntryPlan{Route: t.Route, Key: dedupKey(start, ov, id)}
	if t.Route == RouteSkipped || t.Route == RouteBadLink {
		return ep
	}
	// What a run may have learnt by a later step: a titled record with a
	// DOI and an arXiv id.
	later := &Known{Entry: start.Entry, Target: t, Records: []Record{
		{Source: "dblp", Title: "planned title", DOI: planDOI, ArxivID: planArxiv},
		{Source: "pdf", Title: "planned title", Provisional: true}, // a nickname's title, once its PDF is read
	}}
	mayVerify := false // an earlier step may identify the paper
	for _, st := range Chains[t.Route] {
		src := st.Source
		if src.Request == nil {
			continue
		}
		pr := PlannedRequest{Source: src.Label}
		if req, ok := src.Request(&e.env, start); ok {
			pr.URL, pr.Host = req.URL, fetch.HostOf(req.URL)
			pr.Certain = st.When == Always || (st.When == IfUnverified && !mayVerify)
		} else if req, ok := src.Request(&e.env, later); ok {
			pr.Host = fetch.HostOf(req.URL)
		} else {
			continue
		}
		ep.Requests = append(ep.Requests, pr)
		if src.Kind != Extra {
			mayVerify = true
		}
	}
	return ep
}

// start is what is known of an entry before its chain runs (its link
// replaced by its override's URL), and its override.
func (e *Enricher) start(en paperlist.Entry, id string) (*Known, *Override) {
	t, ov := e.target(en, id)
	if ov != nil && ov.URL != "" {
		en.Link = ov.URL
	}
	return &Known{Entry: en, Target: t}, ov
}

// firstHost is the host of the first request an entry's chain makes, ""
// when it makes none.
func (e *Enricher) firstHost(k *Known) string {
	for _, st := range Chains[k.Target.Route] {
		if st.Source.Request == nil {
			continue
		}
		if req, ok := st.Source.Request(&e.env, k); ok {
			return fetch.HostOf(req.URL)
		}
	}
	return ""
}

// RunPlan bounds what a run will ask of each host. With a record cache
// (Config.Records), a resolution whose record and answers are cached and
// fresh costs nothing.
type RunPlan struct {
	Entries int                  `json:"entries"`
	Routes  map[Route]int        `json:"routes"`
	Refused int                  `json:"refused"` // planned requests the client would refuse (a loopback or metadata address)
	Cached  int                  `json:"cached"`  // planned requests the cache answers without a request
	Records int                  `json:"records"` // resolutions the record cache answers whole
	Hosts   map[string]*HostPlan `json:"hosts"`
	Seconds struct {
		Min float64 `json:"min"`
		Max float64 `json:"max"`
	} `json:"seconds"`
}

// HostPlan bounds one host's requests: Min are made whatever the answers
// (robots.txt included), Max if every fallback is needed.
type HostPlan struct {
	Min  int     `json:"min"`
	Max  int     `json:"max"`
	Rate float64 `json:"rate"`
}

// PlanRun sums the entries' plans per host. served tells whether the cache
// answers a URL without a request (nil: an empty cache); rate gives a
// host's requests per second. Entries that share a resolution count once,
// and so does a URL asked for by several entries.
func (e *Enricher) PlanRun(ctx context.Context, entries []paperlist.Entry, served func(ctx context.Context, url string) (bool, error), rate func(host string) float64, refused func(url string) bool) (RunPlan, error) {
	rp := RunPlan{Entries: len(entries), Routes: map[Route]int{}, Hosts: map[string]*HostPlan{}}
	ids := AssignIDs(entries)
	seenKey := map[string]bool{}
	seenURL := map[string]int{} // URL -> 1 planned, 2 certain
	host := func(h string) *HostPlan {
		hp := rp.Hosts[h]
		if hp == nil {
			hp = &HostPlan{Rate: rate(h)}
			rp.Hosts[h] = hp
		}
		return hp
	}
	// The resolutions the record cache answers whole, looked up in batches
	// as the run does (without decoding them).
	recorded := map[int]bool{}
	if e.cfg.Records != nil {
		keys := make([]string, len(entries))
		for i, en := range entries {
			keys[i] = e.recordKey(en, ids[i])
		}
		if err := e.fromCache(ctx, keys, false, func(i int, _ *paperlist.Paper) { recorded[i] = true }); err != nil {
			return RunPlan{}, err
		}
	}
	for i, en := range entries {
		if err := ctx.Err(); err != nil {
			return RunPlan{}, err
		}
		ep := e.Plan(en, ids[i])
		rp.Routes[ep.Route]++
		if seenKey[ep.Key] {
			continue
		}
		seenKey[ep.Key] = true
		if recorded[i] {
			rp.Records++
			continue
		}
		for _, r := range ep.Requests {
			if r.URL != "" && refused != nil && refused(r.URL) {
				rp.Refused++
				continue
			}
			if r.URL == "" {
				host(r.Host).Max++
				continue
			}
			was := seenURL[r.URL]
			if was == 2 || (was == 1 && !r.Certain) {
				continue
			}
			if served != nil && was == 0 {
				ok, err := served(ctx, r.URL)
				if err != nil {
					return RunPlan{}, err
				}
				if ok {
					rp.Cached++
					seenURL[r.URL] = 2
					continue
				}
			}
			hp := host(r.Host)
			if was == 0 {
				hp.Max++
			}
			if r.Certain {
				hp.Min++
				seenURL[r.URL] = 2
			} else {
				seenURL[r.URL] = 1
			}
		}
	}
	for h, hp := range rp.Hosts {
		if hp.Max == 0 {
			delete(rp.Hosts, h)
			continue
		}
		// robots.txt, once per host the run talks to
		hp.Max++
		if hp.Min > 0 {
			hp.Min++
		}
		r := hp.Rate
		if r <= 0 {
			r = 1
		}
		rp.Seconds.Min = math.Max(rp.Seconds.Min, float64(max(hp.Min-1, 0))/r)
		rp.Seconds.Max = math.Max(rp.Seconds.Max, float64(hp.Max)/r)
	}
	return rp, nil
}
