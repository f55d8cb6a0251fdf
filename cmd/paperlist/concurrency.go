package main

import (
	"math"

	"golang.org/x/time/rate"
)

// slowAnswer is the answer time (about a p95) the in-flight caps are sized
// for, in seconds.
const slowAnswer = 0.2

// Upper bounds of the automatic sizes: beyond them more goroutines only add
// contention (the cache's writes are one at a time).
const (
	maxInFlight = 32
	maxWorkers  = 256
)

// concurrency sizes the per-host in-flight caps and the worker pool so that
// each host can be kept at its rate (Little's law: in flight = rate × answer
// time). Every default rate is at most 5/s, so those hosts keep one request
// in flight; only a host given more than 5/s with --rate gets more, never
// more than rate × 0.2 s (and 32). workers <= 0 means automatic: at least
// 16, else enough to keep every host at its rate, at most 256.
func concurrency(rates map[string]rate.Limit, workers int) (map[string]int, int) {
	inFlight := map[string]int{}
	total := 0.0
	for h, r := range rates {
		total += float64(r)
		if n := min(maxInFlight, int(math.Ceil(float64(r)*slowAnswer))); n > 1 {
			inFlight[h] = n
		}
	}
	if workers <= 0 {
		workers = min(maxWorkers, max(16, int(math.Ceil(total*slowAnswer))))
	}
	return inFlight, workers
}
