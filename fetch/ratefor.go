package fetch

import (
	"strings"

	"golang.org/x/time/rate"
)

// RateFor is the request rate the client allows to host ("host:port" or
// "host"): its HostRates entry, else DefaultRate (1/s when unset). The
// planner reads it so that its estimate uses the client's own table.
func (c Config) RateFor(host string) rate.Limit {
	def := c.DefaultRate
	if def <= 0 {
		def = 1
	}
	return lookupHost(asciiKeys(c.HostRates), asciiHost(strings.ToLower(host)), def)
}
