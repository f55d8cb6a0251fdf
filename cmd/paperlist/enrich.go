package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/cache"
	"github.com/paperlist/paperlist/enrich"
	"github.com/paperlist/paperlist/fetch"
	"github.com/paperlist/paperlist/internal/pdfid"
	"github.com/paperlist/paperlist/output"
)

// enrichOptions are the flags of "paperlist enrich".
type enrichOptions struct {
	out          string
	cachePath    string
	mailto       string
	rates        rateFlag
	maxAge       time.Duration
	offline      bool
	refresh      bool
	overrides    string
	formats      string
	workers      int
	timeout      time.Duration
	allowPrivate bool
	logFormat    string
	verbose      bool
	quiet        bool
	dryRun       bool
	json         bool
	guard        float64
	bibNotes     bool
	maxDuration  time.Duration
}

func enrichFlags(stderr io.Writer, getenv env) (*flag.FlagSet, *enrichOptions) {
	o := &enrichOptions{rates: rateFlag{}, maxAge: 30 * 24 * time.Hour, timeout: 30 * time.Second}
	fs := flag.NewFlagSet("enrich", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.out, "out", "out", "directory for the dataset files")
	fs.StringVar(&o.cachePath, "cache", getenv("PAPERLIST_CACHE"), "SQLite cache file (default: $PAPERLIST_CACHE, else the user cache dir)")
	fs.StringVar(&o.mailto, "mailto", getenv("PAPERLIST_MAILTO"), "contact address for the User-Agent and the APIs' polite pools (default: $PAPERLIST_MAILTO)")
	fs.Var(o.rates, "rate", "HOST=R: allow R requests per second to HOST (repeatable)")
	fs.Var(durationFlag{&o.maxAge}, "max-age", "revalidate cached answers older than this (e.g. 30d, 12h)")
	fs.BoolVar(&o.offline, "offline", false, "never use the network: answer from the cache only")
	fs.BoolVar(&o.refresh, "refresh", false, "revalidate every cached answer (conditional requests)")
	fs.StringVar(&o.overrides, "overrides", "", "JSON file of per-entry corrections (see README.md)")
	fs.StringVar(&o.formats, "format", "json,csv", "comma-separated output formats: "+output.FormatNames())
	fs.BoolVar(&o.bibNotes, "bib-notes", false, "put the list's notes into each BibTeX entry's note field")
	fs.IntVar(&o.workers, "workers", 0, "entries in progress at once; 0: at least 16, more when --rate allows it (per-host limits still apply)")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "timeout of one HTTP attempt")
	fs.BoolVar(&o.allowPrivate, "allow-private-hosts", false, "allow links to loopback, private and link-local addresses")
	fs.StringVar(&o.logFormat, "log-format", "text", "log format on stderr: text or json")
	fs.BoolVar(&o.verbose, "v", false, "verbose: log every request and entry")
	fs.BoolVar(&o.quiet, "q", false, "quiet: log only warnings and errors")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the plan (entries per route, per host the fewest and most requests the run may make, estimated duration) without a request")
	fs.BoolVar(&o.json, "json", false, "with --dry-run: print the plan as JSON")
	fs.Var(durationFlag{&o.maxDuration}, "max-duration", "refuse to start when the plan needs more than this, warn when it may (e.g. 2h; default off)")
	fs.Float64Var(&o.guard, "coverage-guard", 0.10, "keep the previous dataset when the new one has more than this fraction fewer authors or abstracts (0 disables)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: paperlist enrich [flags] LIST.md")
		fs.PrintDefaults()
	}
	return fs, o
}

func newLogger(w io.Writer, format string, verbose, quiet bool) *slog.Logger {
	level := slog.LevelInfo
	if verbose {
		level = slog.LevelDebug
	} else if quiet {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func userAgent(mailto string) string {
	if mailto == "" {
		return fmt.Sprintf("paperlist/%s (+%s)", paperlist.Version, paperlist.ProjectURL)
	}
	return fmt.Sprintf("paperlist/%s (+%s; mailto:%s)", paperlist.Version, paperlist.ProjectURL, mailto)
}

func cmdEnrich(ctx context.Context, args []string, sys system) int {
	stderr, getenv := sys.stderr, sys.getenv
	fs, o := enrichFlags(stderr, getenv)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	if o.logFormat != "text" && o.logFormat != "json" {
		fmt.Fprintf(stderr, "paperlist: --log-format must be text or json, got %q\n", o.logFormat)
		return exitUsage
	}
	formats, err := output.LookupFormats(o.formats)
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: %v\n", err)
		return exitUsage
	}
	proxy, err := fetch.ProxyFromEnv(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: %v\n", err)
		return exitUsage
	}
	log := newLogger(stderr, o.logFormat, o.verbose, o.quiet)
	if err := checkOptions(o, func(msg string) { log.Warn(msg) }); err != nil {
		fmt.Fprintf(stderr, "paperlist: %v\n", err)
		return exitUsage
	}
	start := time.Now()
	listPath := fs.Arg(0)

	last := start
	phase := func(name string) { // -v: how long each phase took
		now := time.Now()
		log.Debug("phase done", "phase", name, "took", now.Sub(last).Round(time.Millisecond))
		last = now
	}
	entries, src, err := readList(listPath, sys.stdin, stderr)
	phase("read list")
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: %v; nothing in %s was changed\n", err, o.out)
		return exitUsage
	}
	var overrides *enrich.Overrides
	if o.overrides != "" {
		if overrides, err = enrich.LoadOverrides(o.overrides); err != nil {
			fmt.Fprintf(stderr, "paperlist: %v\n", err)
			return exitUsage
		}
		if keys := overrides.Duplicates(); len(keys) > 0 {
			log.Warn("overrides: keys given more than once (the last one counts)", "file", o.overrides, "keys", strings.Join(keys, ", "))
		}
		if keys := overrides.Unknown(entries); len(keys) > 0 {
			log.Warn("overrides: keys that match no entry's id or list title (ignored)", "file", o.overrides, "keys", strings.Join(keys, ", "))
		}
	}
	if o.cachePath == "" {
		if o.cachePath, err = cache.DefaultPath(); err != nil {
			fmt.Fprintf(stderr, "paperlist: no cache path: %v (use --cache)\n", err)
			return exitUsage
		}
	}
	token := getenv("GITHUB_TOKEN")
	rates := fetch.HostRates(o.mailto, token)
	for h, r := range o.rates {
		rates[h] = r
	}
	if o.dryRun {
		return dryRunPlan(ctx, sys, o, listPath, entries, overrides, rates)
	}
	if o.mailto == "" && !o.offline {
		log.Warn("no contact address: pass --mailto or set PAPERLIST_MAILTO so that sites can reach you (and Crossref/OpenAlex give you their polite pools)")
	}
	store, err := cache.Open(ctx, o.cachePath, cache.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: %v\n", err)
		return exitUsage
	}
	defer store.Close()

	inFlight, workers := concurrency(rates, o.workers)
	client := fetch.New(fetch.Config{
		UserAgent:         userAgent(o.mailto),
		HostRates:         rates,
		HostMaxInFlight:   inFlight,
		Timeout:           o.timeout,
		GitHubToken:       token,
		AllowPrivateHosts: o.allowPrivate,
		Transport:         sys.transport,
		Proxy:             proxy,
		RobotsStore:       store,
		Logger:            log,
	})
	// --max-age 0 means no copy is fresh: everything is revalidated.
	rt := &cache.ReadThrough{Store: store, Next: client, MaxAge: o.maxAge, Offline: o.offline, Refresh: o.refresh || o.maxAge == 0, Logger: log}

	var done atomic.Int64
	total := len(entries)
	bar := newProgress(stderr, total)
	// PDFs are read only for entries whose link text is a nickname; PDFium
	// is compiled on the first one, and kept compiled beside the cache.
	pdfs := pdfid.New(pdfid.Config{CompileCacheDir: filepath.Join(filepath.Dir(o.cachePath), "pdfium")})
	defer pdfs.Close()
	en := enrich.New(enrich.Config{
		Getter:      rt,
		Records:     rt,
		PDF:         pdfs,
		OpenAlexKey: getenv("OPENALEX_API_KEY"),
		S2Key:       getenv("S2_API_KEY"),
		Workers:     workers,
		Overrides:   overrides,
		Logger:      log,
		OnDone: func(i int, p *paperlist.Paper) {
			n := done.Add(1)
			bar.add(p)
			switch p.Status {
			case paperlist.StatusError, paperlist.StatusBlocked:
				log.Warn("entry failed", "id", p.ID, "line", p.Line, "reason", p.Reason)
				log.Debug("entry errors", "id", p.ID, "errors", strings.Join(p.Errors, " | "))
			case paperlist.StatusNotFound:
				log.Info("entry not found", "id", p.ID, "line", p.Line, "reason", p.Reason)
				log.Debug("entry errors", "id", p.ID, "errors", strings.Join(p.Errors, " | "))
			default:
				log.Debug("entry done", "id", p.ID, "status", p.Status, "n", n, "of", total)
			}
		},
	})
	if o.maxDuration > 0 {
		p, err := en.PlanRun(ctx, entries, rt.WouldServe, rateOf(rates), o.refused)
		if err == nil {
			err = checkDuration(p, o.maxDuration, func(msg string) { log.Warn(msg) })
		}
		if err != nil {
			fmt.Fprintf(stderr, "paperlist: %v\n", err)
			return exitUsage
		}
	}
	// The output directory is checked and locked before the first request.
	outDir, err := output.OpenDir(o.out)
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: --out: %v\n", err)
		return exitUsage
	}
	defer outDir.Close()
	phase("open cache and output")
	runID, err := store.StartRun(ctx, start)
	if err != nil {
		log.Warn("cannot record the run in the cache", "err", err)
	}
	// The dataset being replaced: its snapshot (read off papers.json without
	// decoding it, while the entries are enriched) for the coverage guard and
	// the report's changes.
	prevc := readPrevious(o.out)
	listName := filepath.Base(listPath)
	if listPath == "-" {
		listName = "stdin"
	}
	// The records are written as they come, each file through its format's
	// sink, into a staging set that replaces the previous one at the end.
	ds := output.Dataset{Entries: entries, Src: src, ListName: listName, BibNotes: o.bibNotes}
	set, err := output.NewSetWriter(outDir, formats, ds)
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: %v; the previous files in %s are kept as they were\n", err, o.out)
		return exitUsage
	}
	keep := newKeeper(o.out, log)
	runErr := en.Each(ctx, entries, func(_ int, p *paperlist.Paper) {
		if p.Interrupted {
			keep.restore(p)
		}
		set.Add(p)
	})
	interrupted := runErr != nil && errors.Is(runErr, context.Canceled)
	if keep.kept > 0 {
		log.Warn("interrupted: entries not finished keep their previous record, marked as not refreshed", "kept", keep.kept)
	}
	requests := 0
	for _, s := range client.Stats() {
		requests += s.Requests
	}
	gets, cacheHits := rt.Counts()
	if runID != 0 {
		// The run's own context may be cancelled; record it regardless.
		if err := store.FinishRun(context.WithoutCancel(ctx), runID, time.Now(), gets, cacheHits); err != nil {
			log.Warn("cannot record the run in the cache", "err", err)
		}
	}
	if err := set.Close(); err != nil {
		set.Abort()
		fmt.Fprintf(stderr, "paperlist: %v; the previous files in %s are kept as they were\n", err, o.out)
		return exitUsage
	}
	phase("enrich and write")
	pr := <-prevc
	previous := pr.snap
	guarded := output.Guard(previous, pr.err, set.Snapshot(), o.guard)
	suffix := ""
	if guarded != "" {
		suffix = ".new"
	}
	hosts := client.Stats()
	for h, n := range rt.Hits() {
		s := hosts[h]
		s.CacheHits += n
		hosts[h] = s
	}
	report := output.NewReport(output.ReportInput{
		Args: args, Started: start, Finished: time.Now(), Tally: set.Tally(), Snapshot: set.Snapshot(), PreviousSnapshot: previous, Hosts: hosts,
	})
	err = set.Commit(suffix, report)
	phase("switch the set")
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: %v; the previous files in %s are kept as they were\n", err, o.out)
		return exitUsage
	}
	count := func(s paperlist.Status) int { return report.Counts[string(s)] }
	failed := count(paperlist.StatusError) + count(paperlist.StatusBlocked)
	enriched := count(paperlist.StatusOK) + count(paperlist.StatusPartial)
	fmt.Fprintf(stderr, "paperlist: %d entries, %d enriched (%d ok, %d partial), %d not found, %d failed, %d skipped; %d requests, %d answered from cache; %s\n",
		set.Records(), enriched, count(paperlist.StatusOK), count(paperlist.StatusPartial), count(paperlist.StatusNotFound),
		failed, count(paperlist.StatusSkipped), requests, cacheHits, time.Since(start).Round(time.Millisecond))
	if guarded != "" {
		fmt.Fprintf(stderr, "paperlist: coverage guard: %s; kept the previous files in %s and wrote the new ones beside them as papers.new.*; failing hosts: %s\n",
			guarded, o.out, output.FailingHosts(hosts))
	}
	paused := client.PausedHosts()
	if len(paused) > 0 {
		fmt.Fprintf(stderr, "paperlist: degraded: paused for the rest of the run (asked to wait longer than %s): %s; their requests were not made (see report.json)\n",
			fetch.DefaultMaxRetryWait, strings.Join(paused, ", "))
	}
	switch {
	case interrupted:
		fmt.Fprintln(stderr, "paperlist: interrupted; the output holds what was finished")
		return exitInterrupted
	case failed > 0 || guarded != "" || len(paused) > 0:
		return exitFailed
	}
	return exitOK
}

// rateOf is a host's rate as the client will apply it (fetch.Config.RateFor
// over the rates the run gives the client), for the planner.
func rateOf(rates map[string]rate.Limit) func(host string) float64 {
	fc := fetch.Config{HostRates: rates}
	return func(h string) float64 { return float64(fc.RateFor(h)) }
}

// refused reports whether the client would refuse a planned request (a
// link to a loopback or metadata address): the plan does not count it.
func (o *enrichOptions) refused(u string) bool { return fetch.Refused(u, o.allowPrivate) != "" }

// dryRunPlan prints what a run would cost, read from the same chains the
// run follows. It reads the cache without taking its lock (a running job
// is not disturbed) and makes no request.
func dryRunPlan(ctx context.Context, sys system, o *enrichOptions, listPath string, entries []paperlist.Entry, overrides *enrich.Overrides, rates map[string]rate.Limit) int {
	var served func(context.Context, string) (bool, error)
	var records enrich.RecordCache
	if _, err := os.Stat(o.cachePath); err == nil {
		s, err := cache.Open(ctx, o.cachePath, cache.Options{ReadOnly: true})
		if err != nil {
			fmt.Fprintf(sys.stderr, "paperlist: %v\n", err)
			return exitUsage
		}
		defer s.Close()
		rt := &cache.ReadThrough{Store: s, MaxAge: o.maxAge, Offline: o.offline, Refresh: o.refresh}
		served, records = rt.WouldServe, rt
	}
	en := enrich.New(enrich.Config{OpenAlexKey: sys.getenv("OPENALEX_API_KEY"), Overrides: overrides, Records: records})
	p, err := en.PlanRun(ctx, entries, served, rateOf(rates), o.refused)
	if err != nil {
		fmt.Fprintf(sys.stderr, "paperlist: %v\n", err)
		return exitFailed
	}
	if o.json {
		if err := printPlanJSON(sys.stdout, p); err != nil {
			fmt.Fprintf(sys.stderr, "paperlist: %v\n", err)
			return exitFailed
		}
		return exitOK
	}
	printPlan(sys.stdout, listPath, p)
	return exitOK
}
