package main

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/paperlist/paperlist"
)

// Exit codes, documented in README.md.
const (
	exitOK          = 0   // every entry processed (enriched, or reported with a reason)
	exitFailed      = 1   // at least one entry failed, or a host was paused (degraded); output still written
	exitUsage       = 2   // bad usage, an unreadable or empty list, an unusable cache or output directory, output not written
	exitInterrupted = 130 // SIGINT/SIGTERM: stopped cleanly, what was known is written
)

const usage = `paperlist turns a Markdown reading list of papers into an enriched dataset.

Usage:
  paperlist parse LIST.md                 print the parsed entries as JSON (no network)
  paperlist enrich [flags] LIST.md        enrich every entry and write the dataset
  paperlist cache stats [--cache PATH]    show what the cache holds
  paperlist cache prune --older-than D    remove cached answers older than D (e.g. 90d; 0d: all)
  paperlist cache check [--full]          run SQLite's integrity check on the cache
  paperlist cache repair                  rebuild a damaged cache from its readable rows
  paperlist version

Run "paperlist enrich -h" for the flags. Exit codes: 0 done, 1 some entries
failed, 2 usage or input error, 130 interrupted.
`

// env reads the environment; main passes os.Getenv, tests a map.
type env func(string) string

// system is what the command takes from the outside world. main fills it
// from the process; tests fill it with buffers, a map and a transport that
// reaches their local servers.
type system struct {
	stdin          io.Reader // the list when it is named "-"; nil reads as empty
	stdout, stderr io.Writer
	getenv         env
	// transport is the base HTTP transport; nil means Go's default (proxy
	// and CA settings from the environment).
	transport http.RoundTripper
}

func run(ctx context.Context, args []string, sys system) int {
	stdout, stderr, getenv := sys.stdout, sys.stderr, sys.getenv
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "parse":
		return cmdParse(args[1:], sys.stdin, stdout, stderr)
	case "enrich":
		return cmdEnrich(ctx, args[1:], sys)
	case "cache":
		return cmdCache(ctx, args[1:], stdout, stderr, getenv)
	case "version", "-version", "--version":
		fmt.Fprintf(stdout, "paperlist %s\n", paperlist.Version)
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "paperlist: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
}
