package fetch

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testUA is the User-Agent the command would build.
const testUA = "paperlist/0.1.0 (+https://github.com/paperlist/paperlist; mailto:dev@example.invalid)"

// directTransport is a base transport that never uses a proxy, whatever the
// environment says, so that tests do not depend on it.
func directTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	return t
}

// fastConfig is a config for tests against httptest servers: high rates,
// millisecond backoff, loopback allowed, robots ignored.
func fastConfig() Config {
	return Config{
		UserAgent:         testUA,
		DefaultRate:       1000,
		MaxInFlight:       4,
		Timeout:           5 * time.Second,
		MinRetryWait:      time.Millisecond,
		MaxRetryWait:      2 * time.Second,
		AllowPrivateHosts: true,
		IgnoreRobots:      true,
		Transport:         directTransport(),
	}
}

// readFixture reads testdata/name.
func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readHeaders parses a saved *.headers fixture (status line first) into a
// status and the headers worth replaying (no framing headers).
func readHeaders(t *testing.T, name string) (int, http.Header) {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(readFixture(t, name)))
	if !sc.Scan() {
		t.Fatalf("%s: empty", name)
	}
	fields := strings.Fields(sc.Text())
	status, err := strconv.Atoi(fields[1])
	if err != nil {
		t.Fatalf("%s: status line %q", name, sc.Text())
	}
	h := make(http.Header)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch http.CanonicalHeaderKey(k) {
		case "Transfer-Encoding", "Content-Length", "Connection":
			continue
		}
		h.Add(k, strings.TrimSpace(v))
	}
	return status, h
}

// hostOf is the host:port of a test server URL.
func hostOf(t *testing.T, rawURL string) string {
	t.Helper()
	u, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	return u.URL.Host
}

// resetConn closes a hijacked connection with a TCP reset.
func resetConn(t *testing.T, w http.ResponseWriter) {
	t.Helper()
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Error(err)
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}
