package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestNetworkErrorsInWords(t *testing.T) {
	tests := []struct {
		name       string
		handler    func(t *testing.T) http.HandlerFunc
		maxRetries int
		wantErr    string // after "GET <url>: "
		wantReqs   int32
	}{
		{
			name: "stalled server",
			handler: func(t *testing.T) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
			},
			maxRetries: -1,
			wantErr:    "timed out after 50ms",
			wantReqs:   1,
		},
		{
			name: "stalled server, retried",
			handler: func(t *testing.T) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
			},
			maxRetries: 1,
			wantErr:    "timed out after 50ms (giving up after 2 attempts)",
			wantReqs:   2,
		},
		{
			name: "stalled body",
			handler: func(t *testing.T) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Length", "100")
					w.Write([]byte("half"))
					w.(http.Flusher).Flush()
					<-r.Context().Done()
				}
			},
			maxRetries: -1,
			wantErr:    "timed out after 50ms",
			wantReqs:   1,
		},
		{
			name: "connection reset",
			handler: func(t *testing.T) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { resetConn(t, w) }
			},
			maxRetries: 2,
			wantErr:    "connection reset by server (giving up after 3 attempts)",
			wantReqs:   3,
		},
		{
			name: "body cut short",
			handler: func(t *testing.T) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					conn, buf, err := w.(http.Hijacker).Hijack()
					if err != nil {
						t.Error(err)
						return
					}
					buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n{\"title\":")
					buf.Flush()
					conn.Close()
				}
			},
			maxRetries: -1,
			wantErr:    "body cut short (unexpected EOF)",
			wantReqs:   1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			h := tt.handler(t)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				h(w, r)
			}))
			defer srv.Close()
			cfg := fastConfig()
			cfg.Timeout = 50 * time.Millisecond
			cfg.MaxRetries = tt.maxRetries
			c := New(cfg)
			url := srv.URL + "/works/10.1145/3477132.3483553"
			_, err := c.Get(context.Background(), Request{URL: url})
			if err == nil {
				t.Fatal("no error")
			}
			if want := "GET " + url + ": " + tt.wantErr; err.Error() != want {
				t.Errorf("err = %q\nwant  %q", err, want)
			}
			if n := hits.Load(); n != tt.wantReqs {
				t.Errorf("%d requests, want %d", n, tt.wantReqs)
			}
			if st := c.Stats()[hostOf(t, srv.URL)]; st.Errors != 1 || st.Requests != int(tt.wantReqs) {
				t.Errorf("Stats = %+v", st)
			}
		})
	}
}

func TestUnknownHost(t *testing.T) {
	for _, allowPrivate := range []bool{false, true} {
		cfg := fastConfig()
		cfg.AllowPrivateHosts = allowPrivate // false: our own check resolves; true: the dialer does
		c := New(cfg)
		url := "https://no-such-paper-host.invalid/paper"
		_, err := c.Get(context.Background(), Request{URL: url})
		want := `GET https://no-such-paper-host.invalid/paper: cannot resolve host "no-such-paper-host.invalid" (no such host)`
		if err == nil || err.Error() != want {
			t.Errorf("AllowPrivateHosts=%v: err = %v\nwant  %s", allowPrivate, err, want)
		}
		if st := c.Stats()["no-such-paper-host.invalid"]; st.Requests > 1 {
			t.Errorf("AllowPrivateHosts=%v: %d attempts, want at most 1 (not retried)", allowPrivate, st.Requests)
		}
	}
}

func TestCallerCancel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(503)
	}))
	defer srv.Close()
	cfg := fastConfig()
	cfg.MinRetryWait = time.Second // the caller gives up during the backoff
	c := New(cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Get(ctx, Request{URL: srv.URL + "/x"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the caller's deadline", err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("returned after %v, want soon after the 100ms deadline", d)
	}
}
