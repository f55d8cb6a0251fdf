package main

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// rateFlag collects repeated --rate HOST=R values.
type rateFlag map[string]rate.Limit

func (f rateFlag) String() string {
	keys := f.hosts()
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%g", k, float64(f[k]))
	}
	return strings.Join(parts, ",")
}

// hosts are the hosts given a rate, sorted.
func (f rateFlag) hosts() []string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (f rateFlag) Set(v string) error {
	host, r, ok := strings.Cut(v, "=")
	if !ok || host == "" {
		return fmt.Errorf("want HOST=REQUESTS_PER_SECOND, got %q", v)
	}
	x, err := strconv.ParseFloat(r, 64)
	if err != nil || !(x > 0) || math.IsInf(x, 0) { // NaN and Inf parse: no limit at all
		return fmt.Errorf("rate for %s must be a positive number of requests per second, got %q", host, r)
	}
	f[strings.ToLower(host)] = rate.Limit(x)
	return nil
}

// parseAge reads a duration that may also be written in days ("30d").
func parseAge(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseFloat(d, 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("bad duration %q", s)
		}
		return time.Duration(n * float64(24*time.Hour)), nil
	}
	dur, err := time.ParseDuration(s)
	if err != nil || dur < 0 {
		return 0, fmt.Errorf("bad duration %q (use e.g. 30d, 12h, 90m)", s)
	}
	return dur, nil
}

// durationFlag is a flag.Value accepting parseAge's forms.
type durationFlag struct{ d *time.Duration }

func (f durationFlag) String() string {
	if f.d == nil {
		return ""
	}
	if *f.d%(24*time.Hour) == 0 && *f.d > 0 {
		return fmt.Sprintf("%dd", *f.d/(24*time.Hour))
	}
	return f.d.String()
}

func (f durationFlag) Set(s string) error {
	d, err := parseAge(s)
	if err != nil {
		return err
	}
	*f.d = d
	return nil
}
