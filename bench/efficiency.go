package bench

import (
	"fmt"
	"time"
)

// Bound is the shortest time a cold run can take under per-host rates: the
// busiest host (requests/rate, in seconds) plus one latency for its last
// answer. Hosts are matched by index; rates[i] is in requests per second.
func Bound(requests []int, rates []float64, latency time.Duration) (time.Duration, error) {
	if len(requests) != len(rates) {
		return 0, fmt.Errorf("bound: %d request counts for %d rates", len(requests), len(rates))
	}
	worst := 0.0
	for i, n := range requests {
		if rates[i] <= 0 {
			return 0, fmt.Errorf("bound: host %d has rate %g", i, rates[i])
		}
		worst = max(worst, float64(n)/rates[i])
	}
	return time.Duration(worst*float64(time.Second)) + latency, nil
}

// Efficiency is wall/bound: 1.0 means the run was as fast as politeness
// allows; the target is at most 1.10.
func Efficiency(wall, bound time.Duration) float64 {
	if bound <= 0 {
		return 0
	}
	return float64(wall) / float64(bound)
}
