package bench

import (
	"hash/fnv"
	"time"
)

// Latency chooses the delay of one answer. It must be deterministic so that
// two runs of a benchmark see the same server.
type Latency func(host int, path string) time.Duration

// UniformLatency returns a Latency spread evenly over [lo, hi] by a hash of
// the host index and path: pseudo-random, but the same request always waits
// the same time.
func UniformLatency(lo, hi time.Duration) Latency {
	if hi < lo {
		lo, hi = hi, lo
	}
	span := uint64(hi-lo) + 1
	return func(host int, path string) time.Duration {
		h := fnv.New64a()
		h.Write([]byte{byte(host), byte(host >> 8)})
		h.Write([]byte(path))
		return lo + time.Duration(mix(h.Sum64())%span)
	}
}

// mix spreads the bits of an FNV hash, whose low bits vary little between
// paths that differ in their last characters.
func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// RealisticLatency is the default: 50–150 ms per answer, as a web server on
// another continent answers.
func RealisticLatency() Latency {
	return UniformLatency(50*time.Millisecond, 150*time.Millisecond)
}
