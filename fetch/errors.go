package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"syscall"
	"time"
)

// secretParams are query parameters whose values are credentials or contact
// addresses: they are masked wherever a URL is logged or put in an error.
var secretParams = []string{"mailto", "api_key", "apikey", "key", "token", "access_token", "client_secret"}

// redact returns raw with secret query values and any userinfo masked, for
// logs and errors.
func redact(raw string) string { return scrub(raw, true) }

// fetchError is an error already worded for the user: "GET <url>: ...".
// Layers that see one pass it on unchanged.
type fetchError struct {
	msg string
	err error // the sentinel or cause, for errors.Is/As
}

func (e *fetchError) Error() string { return e.msg }
func (e *fetchError) Unwrap() error { return e.err }

// newFetchError words err for rawURL: "GET <url>: <what>".
func newFetchError(rawURL string, err error, what string) *fetchError {
	return &fetchError{msg: fmt.Sprintf("GET %s: %s", redact(rawURL), what), err: err}
}

// rateLimitedStatus is a final 429: it reads like its *StatusError and also
// matches ErrRateLimited.
type rateLimitedStatus struct{ *StatusError }

func (e rateLimitedStatus) Unwrap() []error { return []error{e.StatusError, ErrRateLimited} }

// describe words a network-level failure of one GET. timeout is the
// per-attempt limit, named when it was hit.
func describe(rawURL string, err error, timeout time.Duration) error {
	var fe *fetchError
	if errors.As(err, &fe) {
		return fe
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		if errors.As(ue.Err, &fe) {
			return fe
		}
		err = ue.Err
	}
	return newFetchError(rawURL, err, causeInWords(err, timeout))
}

// causeInWords says what a transport error means, in words a user knows.
func causeInWords(err error, timeout time.Duration) string {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	switch {
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline exceeded"
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return fmt.Sprintf("cannot resolve host %q (no such host)", dnsErr.Name)
		}
		return fmt.Sprintf("cannot resolve host %q (%s)", dnsErr.Name, dnsErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset by server"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "body cut short (unexpected EOF)"
	case errors.Is(err, io.EOF):
		return "connection closed by server before an answer"
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr):
		return "TLS certificate not trusted: " + err.Error()
	case isTimeout(err):
		return fmt.Sprintf("timed out after %s", timeout)
	}
	return err.Error()
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
