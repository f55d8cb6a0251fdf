package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRequestHeadersAndResponse(t *testing.T) {
	var mu sync.Mutex
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = r.Header.Clone()
		mu.Unlock()
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/graph/v1/paper/DOI:10.1145/3477132.3483553", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("ETag", `"abc123"`)
		w.Header().Set("Set-Cookie", "session=1")
		w.Header().Set("X-RateLimit-Remaining", "99")
		w.Header().Set("Server", "test")
		w.Write([]byte(`{"title":"AlpaServe: Statistical Multiplexing"}`))
	}))
	defer srv.Close()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	cfg := fastConfig()
	cfg.Now = func() time.Time { return now }
	c := New(cfg)

	tests := []struct {
		name       string
		req        Request
		wantAccept string
		wantExtra  string
	}{
		{"default Accept", Request{URL: srv.URL + "/old"}, "*/*", ""},
		{"JSON with API key", Request{
			URL:    srv.URL + "/old",
			Accept: "application/json",
			Header: http.Header{"X-Api-Key": {"k-123"}},
		}, "application/json", "k-123"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Get(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			h := got
			mu.Unlock()
			if ua := h.Get("User-Agent"); ua != testUA || !strings.Contains(ua, "mailto:dev@example.invalid") {
				t.Errorf("User-Agent %q, want %q", ua, testUA)
			}
			if a := h.Get("Accept"); a != tt.wantAccept {
				t.Errorf("Accept %q, want %q", a, tt.wantAccept)
			}
			if k := h.Get("X-Api-Key"); k != tt.wantExtra {
				t.Errorf("X-Api-Key %q, want %q", k, tt.wantExtra)
			}
			if h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
				t.Errorf("validators sent on an unconditional request: %v", h)
			}
			if resp.Status != 200 || !strings.HasPrefix(string(resp.Body), `{"title":"AlpaServe`) {
				t.Errorf("got %d %q", resp.Status, resp.Body)
			}
			if resp.URL != srv.URL+"/old" || resp.FinalURL != srv.URL+"/graph/v1/paper/DOI:10.1145/3477132.3483553" {
				t.Errorf("URL %q FinalURL %q", resp.URL, resp.FinalURL)
			}
			if !resp.FetchedAt.Equal(now) {
				t.Errorf("FetchedAt %v, want %v", resp.FetchedAt, now)
			}
			want := http.Header{
				"Content-Type":          {"application/json"},
				"Etag":                  {`"abc123"`},
				"X-Ratelimit-Remaining": {"99"},
			}
			if len(resp.Header) != len(want) {
				t.Errorf("Header %v, want only %v", resp.Header, want)
			}
			for k, v := range want {
				if resp.Header.Get(k) != v[0] {
					t.Errorf("Header %s = %q, want %q", k, resp.Header.Get(k), v[0])
				}
			}
		})
	}
}

func TestConditionalRequest(t *testing.T) {
	const etag, lastMod = `W/"v1-gccl"`, "Sun, 24 Jan 2021 08:00:00 GMT"
	tests := []struct {
		name       string
		req        Request
		wantStatus int
		wantBody   string
	}{
		{"ETag matches", Request{ETag: etag}, 304, ""},
		{"Last-Modified matches", Request{LastModified: lastMod}, 304, ""},
		{"stale ETag", Request{ETag: `W/"v0"`}, 200, `{"full_name":"czkkkkkk/gccl"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("ETag", etag)
				if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
					w.WriteHeader(http.StatusNotModified)
					return
				}
				w.Write([]byte(`{"full_name":"czkkkkkk/gccl"}`))
			}))
			defer srv.Close()
			c := New(fastConfig())
			req := tt.req
			req.URL = srv.URL + "/repos/czkkkkkk/gccl"
			resp, err := c.Get(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != tt.wantStatus || string(resp.Body) != tt.wantBody {
				t.Errorf("got %d %q, want %d %q", resp.Status, resp.Body, tt.wantStatus, tt.wantBody)
			}
			if resp.Header.Get("ETag") != etag {
				t.Errorf("ETag %q, want %q", resp.Header.Get("ETag"), etag)
			}
			st := c.Stats()[hostOf(t, srv.URL)]
			wantNM := 0
			if tt.wantStatus == 304 {
				wantNM = 1
			}
			if st.NotModified != wantNM || st.Errors != 0 || st.Requests != 1 {
				t.Errorf("Stats = %+v, want NotModified %d", st, wantNM)
			}
		})
	}
}
