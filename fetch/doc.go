// Package fetch is paperlist's only door to the network: a polite HTTP GET
// client for web pages and bibliographic APIs.
//
// The politeness contract, which every caller gets without asking:
//
//   - Every request, robots.txt included, carries the configured User-Agent,
//     which names the project and a contact address.
//   - Each host (host and port) has its own rate limiter and its own cap on
//     requests in flight. Every attempt on the wire, retries and redirect hops
//     included, first takes an in-flight slot and then waits its turn on the
//     limiter. Backoff between retries is spent without holding a slot.
//     Different hosts proceed in parallel.
//   - robots.txt is fetched once per host per Client and obeyed for the
//     product token "paperlist". A missing robots.txt (4xx) allows
//     everything. Failures that may pass (5xx, 429, network errors, a cut
//     body) are retried like any request. One that stays unreadable falls
//     back on the copy a RobotsStore kept from an earlier run; without one
//     the host is treated as disallowing everything for RobotsRetry (RFC
//     9309, 2.3.1.4), then robots.txt is asked for again.
//   - Hosts are counted by their ASCII (punycode) name: bücher.example and
//     xn--bcher-kva.example share one limiter and one robots.txt.
//   - Failures that may pass (network errors, 429, 5xx) are retried a few
//     times with exponential backoff and jitter, honouring Retry-After up to
//     a cap. A server asking for a longer wait, or a GitHub quota that resets
//     too late, ends the request with ErrRateLimited instead of hammering,
//     and pauses the host for the rest of the run: its later requests fail
//     at once with a *HostPausedError, and Stats mark it Paused.
//   - A proxy that cannot be reached is named in the error, not the target.
//   - Bot challenges and HTML where an API answer was expected are reported
//     as ErrBlocked and never retried: we do not try to get around a block.
//   - Link targets from the reading list are checked before any request: only
//     http and https, no credentials in the URL and, unless allowed, nothing
//     that resolves to a loopback, private or link-local address.
//   - Identical requests in flight at the same time are sent once.
//   - The GitHub token is sent only to its host over https, and secrets
//     (the token, mailto and api_key query values) never appear in logs or
//     errors.
//
// Errors name the URL and say in words what went wrong; callers branch on
// the sentinel errors and *StatusError declared in types.go.
package fetch
