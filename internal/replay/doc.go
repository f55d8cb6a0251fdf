// Package replay answers HTTP requests from recorded responses, so that
// paperlist runs end to end without a network: in tests, in `make demo` and
// in CI.
//
// An Archive (see Load) maps request URLs to recorded answers listed in a
// manifest. A Proxy wraps any http.Handler, usually an Archive, in an HTTPS
// man-in-the-middle proxy with an in-memory certificate authority, so that an
// unmodified binary pointed at it with HTTPS_PROXY and SSL_CERT_FILE gets the
// recorded answers for its absolute https:// URLs.
//
// Nothing here touches the network beyond the listener the caller provides.
package replay
