package replay

import (
	"bytes"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLoggingLine(t *testing.T) {
	a := testArchive(t)
	var buf bytes.Buffer
	h := Logging(a, log.New(&buf, "", 0))
	get(h, "https://api.github.com/repos/czkkkkkk/gccl?per_page=1")
	get(h, "https://dblp.org/search/publ/api?q=Lyra")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("log has %d lines, want 2: %q", len(lines), buf.String())
	}
	for i, want := range []string{
		"GET https://api.github.com/repos/czkkkkkk/gccl?per_page=1 200 29B ",
		"GET https://dblp.org/search/publ/api?q=Lyra 404 ",
	} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("log line %d = %q, want prefix %q", i, lines[i], want)
		}
	}
}

func TestDelayZeroIsIdentity(t *testing.T) {
	a := testArchive(t)
	if h := Delay(a, 0); h != http.Handler(a) {
		t.Errorf("Delay(h, 0) = %T, want h itself", h)
	}
}

// TestDelayEndsWithTheRequest checks that a delayed request does not hold
// up Proxy.Close: closing the tunnel cancels the request's context.
func TestDelayEndsWithTheRequest(t *testing.T) {
	a := testArchive(t)
	entered := make(chan struct{})
	var once sync.Once
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(entered) })
		Delay(a, time.Hour).ServeHTTP(w, r)
	})
	p, err := NewProxy(h)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(p)
	defer srv.Close()
	tr, err := p.Transport(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.CloseIdleConnections()
	errc := make(chan error, 1)
	go func() {
		resp, err := (&http.Client{Transport: tr}).Get("https://api.github.com/repos/czkkkkkk/gccl")
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	<-entered
	p.Close() // returns only once the delayed handler has given up
	if err := <-errc; err == nil {
		t.Error("delayed request succeeded after Close, want an error")
	}
	if n := a.Counts().Total; n != 0 {
		t.Errorf("archive answered %d requests, want 0", n)
	}
}
