package main

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/paperlist/paperlist/enrich"
)

// checkOptions rejects flag values that would make a run hang, blow up or
// do something else than asked; each message names the flag. Warnings (a
// capped --workers, a rate of less than one request an hour) go to warn.
func checkOptions(o *enrichOptions, warn func(string)) error {
	switch {
	case o.out == "":
		return errors.New("--out must name a directory")
	case o.workers < 0:
		return fmt.Errorf("--workers must be 0 (automatic) or a positive number, got %d", o.workers)
	case o.timeout <= 0:
		return fmt.Errorf("--timeout must be positive, got %s", o.timeout)
	case math.IsNaN(o.guard) || o.guard < 0 || o.guard > 1:
		return fmt.Errorf("--coverage-guard must be a fraction from 0 to 1 (0 disables it), got %g", o.guard)
	}
	if err := checkMailto(o.mailto); err != nil {
		return err
	}
	if o.workers > maxWorkers {
		warn(fmt.Sprintf("--workers %d is more than %d; using %d (per-host limits keep fewer requests in flight anyway)", o.workers, maxWorkers, maxWorkers))
		o.workers = maxWorkers
	}
	for _, h := range o.rates.hosts() {
		if r := float64(o.rates[h]); r < 1.0/3600 {
			warn(fmt.Sprintf("--rate %s=%g is less than one request an hour: one request every %s", h, r, time.Duration(float64(time.Second)/r).Round(time.Second)))
		}
	}
	return nil
}

// checkMailto rejects an address that cannot go into a header: every
// request would fail with "invalid header field value".
func checkMailto(addr string) error {
	if i := strings.IndexFunc(addr, unicode.IsControl); i >= 0 {
		return fmt.Errorf("--mailto (or PAPERLIST_MAILTO) holds the control character %q at byte %d; give a plain address", addr[i:i+1], i)
	}
	return nil
}

// checkDuration compares the plan's estimate with --max-duration: a run
// that needs more, even if every first answer is right, is refused; one
// that may need more, if every fallback is taken, is warned about.
func checkDuration(p enrich.RunPlan, limit time.Duration, warn func(string)) error {
	if limit <= 0 {
		return nil
	}
	secs := func(s float64) time.Duration { return time.Duration(s * float64(time.Second)).Round(time.Second) }
	slowest, worst := "", -1.0
	for h, hp := range p.Hosts {
		if hp.Rate > 0 {
			if s := float64(hp.Min) / hp.Rate; s > worst || (s == worst && h < slowest) {
				slowest, worst = h, s
			}
		}
	}
	if min := secs(p.Seconds.Min); min > limit {
		return fmt.Errorf("--max-duration %s: the plan needs at least %s (%s: %d requests at %g/s); not starting (see --dry-run)",
			limit, min, slowest, p.Hosts[slowest].Min, p.Hosts[slowest].Rate)
	}
	if max := secs(p.Seconds.Max); max > limit {
		warn(fmt.Sprintf("the run may take up to %s if every fallback is needed, more than --max-duration %s", max, limit))
	}
	return nil
}
