package fetch

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestSecretsStayOutOfLogsAndErrors makes requests that carry every secret
// (token, mailto in the User-Agent and in the query, an api_key) and fail in
// several ways, with debug logging on.
func TestSecretsStayOutOfLogsAndErrors(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: paperlist\nDisallow: /private\n"))
		case "/flaky":
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/gone":
			w.WriteHeader(http.StatusNotFound)
		default:
			w.Write([]byte(`{"ok":true}`))
		}
	}))
	defer srv.Close()
	var logs bytes.Buffer
	cfg := fastConfig()
	cfg.IgnoreRobots = false
	cfg.Transport = srv.Client().Transport
	cfg.TokenHost = hostOf(t, srv.URL)
	cfg.GitHubToken = "ghp_topsecret"
	cfg.MaxRetries = 2
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := New(cfg)

	query := "?mailto=dev%40example.invalid&api_key=sk-hidden&q=dgcl"
	var errs []string
	for _, path := range []string{"/works", "/flaky", "/gone", "/private"} {
		_, err := c.Get(context.Background(), Request{URL: srv.URL + path + query})
		if err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) != 3 {
		t.Fatalf("errors %q, want 3", errs)
	}
	all := logs.String() + strings.Join(errs, "\n")
	for _, secret := range []string{"ghp_topsecret", "dev@example.invalid", "dev%40example.invalid", "sk-hidden", "Bearer"} {
		if strings.Contains(all, secret) {
			t.Errorf("%q appears in logs or errors:\n%s", secret, all)
		}
	}
	wantErr := "GET " + srv.URL + "/flaky?api_key=REDACTED&mailto=REDACTED&q=dgcl: HTTP 503 Service Unavailable (giving up after 3 attempts)"
	if errs[0] != wantErr {
		t.Errorf("err = %q\nwant  %q", errs[0], wantErr)
	}
	if !strings.Contains(logs.String(), "fetch: retrying") {
		t.Errorf("no retry logged:\n%s", logs.String())
	}
}

func TestStatsIsACopy(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	c := New(fastConfig())
	if _, err := c.Get(context.Background(), Request{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	s := c.Stats()
	h := hostOf(t, srv.URL)
	s[h] = HostStats{Requests: 99}
	if got := c.Stats()[h].Requests; got != 1 {
		t.Errorf("Requests = %d after editing a copy, want 1", got)
	}
}
