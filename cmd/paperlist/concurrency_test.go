package main

import (
	"testing"

	"golang.org/x/time/rate"
)

func TestConcurrency(t *testing.T) {
	inFlight, workers := concurrency(map[string]rate.Limit{"www.usenix.org": 1, "api.crossref.org": 5, "fast.example": 20}, 0)
	if len(inFlight) != 1 || inFlight["fast.example"] != 4 {
		t.Errorf("in-flight caps = %v, want only fast.example: 4 (20/s × 0.2 s)", inFlight)
	}
	if workers != 16 {
		t.Errorf("workers = %d, want the minimum 16", workers)
	}
	if _, w := concurrency(map[string]rate.Limit{"h": 200}, 0); w != 40 {
		t.Errorf("workers for 200/s = %d, want 40", w)
	}
	if in, w := concurrency(map[string]rate.Limit{"h": 5000}, 0); w != maxWorkers || in["h"] != maxInFlight {
		t.Errorf("5000/s: workers %d, in flight %d; want the caps %d and %d", w, in["h"], maxWorkers, maxInFlight)
	}
	if _, w := concurrency(map[string]rate.Limit{"h": 200}, 3); w != 3 {
		t.Errorf("an explicit --workers must win, got %d", w)
	}
}
