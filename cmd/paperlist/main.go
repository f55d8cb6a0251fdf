// Command paperlist turns a Markdown reading list of research papers into an
// enriched dataset. See README.md for the flags, outputs and exit codes.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// gcPercent is the garbage collector's target unless GOGC says otherwise:
// the heap may grow by half its live size between collections instead of
// doubling: a lower peak RSS at no cost in time measured (a cold run waits
// on the network; a warm one allocates little). The numbers are in
// BENCHMARKS.md.
const gcPercent = 50

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], system{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}
