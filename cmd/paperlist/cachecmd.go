package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/paperlist/paperlist/cache"
)

func cmdCache(ctx context.Context, args []string, stdout, stderr io.Writer, getenv env) int {
	if len(args) == 0 || !slices.Contains([]string{"stats", "prune", "check", "repair"}, args[0]) {
		fmt.Fprintln(stderr, "usage: paperlist cache stats|check [--full]|repair|prune --older-than D [--cache PATH]")
		return exitUsage
	}
	sub := args[0]
	fs := flag.NewFlagSet("cache "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("cache", getenv("PAPERLIST_CACHE"), "SQLite cache file (default: $PAPERLIST_CACHE, else the user cache dir)")
	var older time.Duration
	if sub == "prune" {
		fs.Var(durationFlag{&older}, "older-than", "remove answers last confirmed longer ago than this (e.g. 90d)")
	}
	asJSON := fs.Bool("json", false, "print stats as JSON")
	full := fs.Bool("full", false, "with check: PRAGMA integrity_check (slower, checks the indexes too) instead of quick_check")
	if err := fs.Parse(args[1:]); err != nil {
		return exitUsage
	}
	olderSet := false
	fs.Visit(func(f *flag.Flag) { olderSet = olderSet || f.Name == "older-than" })
	if *path == "" {
		p, err := cache.DefaultPath()
		if err != nil {
			fmt.Fprintf(stderr, "paperlist: no cache path: %v (use --cache)\n", err)
			return exitUsage
		}
		*path = p
	}
	switch sub {
	case "check":
		return cacheCheck(ctx, *path, *full, stdout, stderr)
	case "repair":
		return cacheRepair(ctx, *path, stdout, stderr)
	}
	if sub == "prune" {
		// --older-than 0d prunes everything: every answer is older than now.
		if !olderSet {
			fmt.Fprintln(stderr, "paperlist: cache prune needs --older-than (e.g. 90d)")
			return exitUsage
		}
		store, err := cache.Open(ctx, *path, cache.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "paperlist: %v\n", err)
			return exitUsage
		}
		defer store.Close()
		nr, nrec, err := store.Prune(ctx, time.Now().Add(-older))
		if err != nil {
			fmt.Fprintf(stderr, "paperlist: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(stdout, "removed %d responses and %d records older than %s\n", nr, nrec, durationFlag{&older})
		return exitOK
	}
	store, err := cache.Open(ctx, *path, cache.Options{ReadOnly: true})
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: %v\n", err)
		return exitUsage
	}
	defer store.Close()
	st, err := store.Stats(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: %v\n", err)
		return exitFailed
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(st); err != nil {
			return exitFailed
		}
		return exitOK
	}
	fmt.Fprintf(stdout, "cache:     %s\n", *path)
	printStats(stdout, st)
	return exitOK
}

func printStats(w io.Writer, st cache.Stats) {
	fmt.Fprintf(w, "schema:    version %d\n", st.SchemaVersion)
	fmt.Fprintf(w, "responses: %d (+%d remembered 404/410)\n", st.Responses, st.NegativeResponses)
	if st.Records > 0 {
		fmt.Fprintf(w, "records:   %d\n", st.Records)
	}
	fmt.Fprintf(w, "size:      %.1f MiB of bodies, %.1f MiB on disk\n", float64(st.Bytes)/(1<<20), float64(st.FileBytes)/(1<<20))
	if !st.Oldest.IsZero() {
		fmt.Fprintf(w, "oldest:    %s\n", st.Oldest.Format(time.RFC3339))
		fmt.Fprintf(w, "newest:    %s\n", st.Newest.Format(time.RFC3339))
	}
	if r := st.LastRun; r != nil {
		fmt.Fprintf(w, "last run:  %s, %d answers, %d from cache (hit rate %.0f%%)\n",
			r.Finished.Format(time.RFC3339), r.Requests, r.Hits, 100*r.HitRate)
	} else {
		fmt.Fprintln(w, "last run:  none finished")
	}
}

// cacheCheck runs SQLite's integrity check on the cache: exit 0 when it is
// sound, 1 when it is damaged (the problems are listed), 2 when there is no
// cache to check.
func cacheCheck(ctx context.Context, path string, full bool, stdout, stderr io.Writer) int {
	res, err := cache.Check(ctx, path, full)
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: %v\n", err)
		return exitUsage
	}
	if res.OK() {
		fmt.Fprintf(stdout, "cache %s: ok\n", path)
		return exitOK
	}
	fmt.Fprintf(stdout, "cache %s: damaged (%d problems); run \"paperlist cache repair\" to rebuild it from the readable rows\n", path, len(res.Problems))
	for _, p := range res.Problems {
		fmt.Fprintf(stdout, "  %s\n", strings.ReplaceAll(p, "\n", "\n  "))
	}
	return exitFailed
}

// cacheRepair rebuilds the cache from its readable rows.
func cacheRepair(ctx context.Context, path string, stdout, stderr io.Writer) int {
	res, err := cache.Repair(ctx, path)
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: %v\n", err)
		if errors.Is(err, cache.ErrLocked) || errors.Is(err, fs.ErrNotExist) {
			return exitUsage
		}
		return exitFailed
	}
	fmt.Fprintf(stdout, "cache %s rebuilt: kept %d responses, %d records, %d runs; lost %d responses, %d records, %d runs (fetched again when needed); the damaged file is %s\n",
		path, res.Kept["responses"], res.Kept["records"], res.Kept["runs"],
		res.Lost["responses"], res.Lost["records"], res.Lost["runs"], res.Backup)
	return exitOK
}
