// Package bench measures paperlist against its performance issue: "as fast
// as politeness allows, instant when warm, and flat at 10,000 entries".
//
// It holds the pieces the benchmarks in this directory and in cmd/paperlist
// share, all offline:
//
//   - Farm: several local HTTP servers, one per simulated host, that answer
//     paper pages carrying citation_* meta tags after a deterministic
//     pseudo-random latency (50–150 ms by default) and count the requests
//     each host received.
//   - GenerateList: a reading list of any size, with venue and year
//     headings, realistic titles, notes and read marks, whose links are
//     spread unevenly over the farm's hosts.
//   - Efficiency: the wall time of a cold run divided by the bound the
//     per-host rates impose: max over hosts of requests/rate, plus one
//     latency.
//   - Exec: runs the built binary and reports its wall time and peak RSS.
//
// The benchmarks are not timed tests: they assert what a run produced
// (records, request counts), never how long it took. At -benchtime=1x without
// environment variables they use small lists so that CI finishes quickly;
// PAPERLIST_BENCH_FULL=1 selects the sizes BENCHMARKS.md reports and
// PAPERLIST_BENCH_SCALE=1 adds the 10,000-entry runs (make bench sets both).
package bench
