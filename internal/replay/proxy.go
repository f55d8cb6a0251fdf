package replay

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"
)

// Timeouts of a tunnel. They bound how long a silent client can hold a
// goroutine; they never delay a well-behaved one.
const (
	handshakeTimeout  = 30 * time.Second
	readHeaderTimeout = 30 * time.Second
	idleTimeout       = 2 * time.Minute
)

// Proxy is an HTTP proxy that answers every request itself, with its
// handler, instead of forwarding it:
//
//   - CONNECT host:port is hijacked and answered "200 Connection Established";
//     the proxy then acts as the TLS server for the SNI host name (a leaf
//     certificate signed by its own CA, issued once per host) and serves the
//     HTTP/1.1 requests on the tunnel to the handler, with r.URL.Scheme
//     "https" and r.URL.Host the request's Host.
//   - Any other request (absolute-form "GET http://host/path" from a client
//     using the proxy for plain http, or an origin-form request sent straight
//     to the proxy) goes to the handler as it is.
//
// Clients trust the proxy by adding CACertPEM to their roots (SSL_CERT_FILE
// for Go programs). Proxy is safe for concurrent use.
type Proxy struct {
	// ErrorLog receives tunnel errors (failed handshakes, broken
	// connections). Nil discards them. Set it before serving.
	ErrorLog *log.Logger

	h  http.Handler
	ca *authority

	mu      sync.Mutex
	closed  bool
	tunnels map[*http.Server]struct{}
	opened  int            // CONNECT tunnels opened, for tests
	wg      sync.WaitGroup // running tunnels
}

// NewProxy returns a proxy answering with h and a freshly generated CA
// (ECDSA P-256, valid 24 hours). The CA's private key never leaves memory.
func NewProxy(h http.Handler) (*Proxy, error) {
	ca, err := newAuthority(time.Now())
	if err != nil {
		return nil, fmt.Errorf("new proxy: %w", err)
	}
	return &Proxy{h: h, ca: ca, tunnels: make(map[*http.Server]struct{})}, nil
}

// CACertPEM returns the PEM-encoded CA certificate clients must trust.
func (p *Proxy) CACertPEM() []byte { return slices.Clone(p.ca.pem) }

// Transport returns an http.Transport (a clone of http.DefaultTransport)
// that sends every request through the proxy at proxyURL and trusts only
// the proxy's CA: the client side of a replay test.
func (p *Proxy) Transport(proxyURL string) (*http.Transport, error) {
	u, err := url.Parse(proxyURL)
	if err != nil {
		return nil, fmt.Errorf("proxy url %q: %w", proxyURL, err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(p.ca.cert)
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = http.ProxyURL(u)
	t.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return t, nil
}

// Close ends every open tunnel and waits until their handlers have
// returned; later CONNECTs are refused with 503. It does not close the
// listener the proxy is served on.
func (p *Proxy) Close() error {
	p.mu.Lock()
	p.closed = true
	tunnels := make([]*http.Server, 0, len(p.tunnels))
	for s := range p.tunnels {
		tunnels = append(tunnels, s)
	}
	p.mu.Unlock()
	for _, s := range tunnels {
		s.Close() //nolint:errcheck // closing; the connection errors are of no interest
	}
	p.wg.Wait()
	return nil
}

// ServeHTTP serves one proxy request; see Proxy.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodConnect {
		p.connect(w, r)
		return
	}
	r.Header.Del("Proxy-Connection")
	r.Header.Del("Proxy-Authorization")
	p.h.ServeHTTP(w, r)
}

// connect runs one CONNECT tunnel until the client closes it.
func (p *Proxy) connect(w http.ResponseWriter, r *http.Request) {
	authority := r.URL.Host
	if authority == "" {
		authority = r.Host
	}
	hostname := authority
	if h, _, err := net.SplitHostPort(authority); err == nil {
		hostname = h
	}
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		http.Error(w, "replay proxy: closed", http.StatusServiceUnavailable)
		return
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "replay proxy: CONNECT needs an HTTP/1.1 connection", http.StatusInternalServerError)
		return
	}
	raw, brw, err := hj.Hijack()
	if err != nil {
		p.logf("replay proxy: CONNECT %s: hijack: %v", authority, err)
		return
	}
	var conn net.Conn = raw
	if brw.Reader.Buffered() > 0 {
		conn = &bufferedConn{Conn: raw, r: brw.Reader}
	}
	if _, err := io.WriteString(conn, "HTTP/1.1 200 Connection Established\r\n\r\n"); err != nil {
		p.logf("replay proxy: CONNECT %s: %v", authority, err)
		conn.Close()
		return
	}

	tlsConn := tls.Server(conn, &tls.Config{
		MinVersion: tls.VersionTLS12,
		NextProtos: []string{"http/1.1"},
		GetCertificate: func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
			name := hello.ServerName
			if name == "" {
				name = hostname
			}
			return p.ca.leaf(name)
		},
	})
	conn.SetDeadline(time.Now().Add(handshakeTimeout)) //nolint:errcheck // a failed deadline only loses the timeout
	if err := tlsConn.HandshakeContext(r.Context()); err != nil {
		p.logf("replay proxy: CONNECT %s: tls handshake: %v", authority, err)
		conn.Close()
		return
	}
	conn.SetDeadline(time.Time{}) //nolint:errcheck // as above

	l := newOneConnListener(tlsConn)
	srv := &http.Server{
		Handler:           tunnelHandler(p.h, authority),
		ReadHeaderTimeout: readHeaderTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          p.errorLog(),
		ConnState: func(_ net.Conn, s http.ConnState) {
			if s == http.StateClosed || s == http.StateHijacked {
				l.finish()
			}
		},
	}
	if !p.track(srv) {
		tlsConn.Close()
		return
	}
	defer p.untrack(srv)
	srv.Serve(l) //nolint:errcheck // always net.ErrClosed or http.ErrServerClosed once the tunnel ends
	<-l.finished // the connection's handler has returned
}

// tunnelHandler completes the URL of a request read from a tunnel.
func tunnelHandler(h http.Handler, authority string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.URL.Scheme = "https"
		r.URL.Host = r.Host
		if r.URL.Host == "" {
			r.URL.Host = authority
		}
		h.ServeHTTP(w, r)
	})
}

func (p *Proxy) track(s *http.Server) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.tunnels[s] = struct{}{}
	p.opened++
	p.wg.Add(1)
	return true
}

func (p *Proxy) untrack(s *http.Server) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.tunnels, s)
	p.wg.Done()
}

func (p *Proxy) errorLog() *log.Logger {
	if p.ErrorLog != nil {
		return p.ErrorLog
	}
	return log.New(io.Discard, "", 0)
}

func (p *Proxy) logf(format string, args ...any) {
	p.errorLog().Printf(format, args...)
}

// bufferedConn is a connection whose first bytes were already read into a
// bufio.Reader by the proxy's HTTP server.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(b []byte) (int, error) { return c.r.Read(b) }

// oneConnListener hands out one connection, then blocks in Accept until it
// is closed, so that http.Server.Serve returns only when the tunnel ends.
// finished is closed once the connection is done with: its server
// goroutine reported it closed (finish), or it was closed before being
// handed out.
type oneConnListener struct {
	mu         sync.Mutex
	conn       net.Conn
	addr       net.Addr
	done       chan struct{}
	closeOnce  sync.Once
	finished   chan struct{}
	finishOnce sync.Once
}

func newOneConnListener(c net.Conn) *oneConnListener {
	return &oneConnListener{conn: c, addr: c.LocalAddr(), done: make(chan struct{}), finished: make(chan struct{})}
}

func (l *oneConnListener) Accept() (net.Conn, error) {
	l.mu.Lock()
	c := l.conn
	l.conn = nil
	l.mu.Unlock()
	if c != nil {
		return c, nil
	}
	<-l.done
	return nil, net.ErrClosed
}

// Close unblocks Accept; a connection not yet handed out is closed.
func (l *oneConnListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	l.mu.Lock()
	c := l.conn
	l.conn = nil
	l.mu.Unlock()
	if c != nil {
		l.finishOnce.Do(func() { close(l.finished) })
		return c.Close()
	}
	return nil
}

// finish records that the served connection is closed, and closes l.
func (l *oneConnListener) finish() {
	l.finishOnce.Do(func() { close(l.finished) })
	l.Close()
}

func (l *oneConnListener) Addr() net.Addr { return l.addr }
