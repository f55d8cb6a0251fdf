package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestBlockDetection(t *testing.T) {
	cfCode, cfHeader := readHeaders(t, "cloudflare-challenge-403.headers")
	htmlHeader := http.Header{"Content-Type": {"text/html; charset=UTF-8"}}
	tests := []struct {
		name    string
		status  int
		header  http.Header
		body    string // fixture file
		inline  string // or inline body
		accept  string
		wantErr string // "" when not blocked; the text after "GET <url>: "
	}{
		{"reconstructed 403 with cf-mitigated", cfCode, cfHeader, "cloudflare-challenge-403.html", "", "text/html",
			"blocked by the site (Cloudflare challenge, HTTP 403)"},
		{"cf-mitigated on a 503", 503, http.Header{"Cf-Mitigated": {"challenge"}}, "", "", "text/html",
			"blocked by the site (Cloudflare challenge, HTTP 503)"},
		{"real ACS challenge, 403", 403, htmlHeader, "cloudflare/ACS_jp003647e.html", "", "text/html",
			"blocked by the site (Cloudflare challenge, HTTP 403)"},
		{"real ACS challenge, 403 (2)", 403, htmlHeader, "cloudflare/ACS_acscombsci.5b00087.html", "", "text/html",
			"blocked by the site (Cloudflare challenge, HTTP 403)"},
		{"real APS challenge (2026 template), 403", 403, htmlHeader, "cloudflare/APS_PhysRevLett.122.145901.html", "", "text/html",
			"blocked by the site (Cloudflare challenge, HTTP 403)"},
		{"real Annual Reviews challenge, 503", 503, htmlHeader, "cloudflare/AnnualReview_annurev_conmatphys_031214_014726.html", "", "text/html",
			"blocked by the site (Cloudflare challenge, HTTP 503)"},
		{"real T&F challenge served as 200", 200, htmlHeader, "cloudflare/TFOnline_00268976.2013.788745.html", "", "",
			"blocked by the site (Cloudflare challenge, HTTP 200)"},
		{"real T&F challenge without Content-Type", 403, http.Header{"Content-Type": {""}}, "cloudflare/TFOnline_23311932.2015.1117749.html", "", "application/json",
			"blocked by the site (Cloudflare challenge, HTTP 403)"},
		{"HTML where JSON expected", 200, htmlHeader, "", "<html><body>Please log in</body></html>", "application/json",
			"blocked by the site (HTML page where application/json was expected, HTTP 200)"},
		{"body starting with < where JSON expected", 200, http.Header{"Content-Type": {"application/json"}}, "", "<error>nope</error>", "application/json",
			"blocked by the site (HTML page where application/json was expected, HTTP 200)"},
		{"HTML where Atom XML expected", 200, htmlHeader, "", "<!DOCTYPE html><html>maintenance</html>", "application/atom+xml",
			"blocked by the site (HTML page where application/atom+xml was expected, HTTP 200)"},
		// Not blocks:
		{"real USENIX page behind Cloudflare is a page", 200, htmlHeader, "USENIX_goyal.html", "", "text/html", ""},
		{"Atom XML is not HTML", 200, http.Header{"Content-Type": {"application/atom+xml"}}, "", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>`, "application/atom+xml", ""},
		{"an HTML 404 stays a 404", 404, htmlHeader, "", "<html><title>Not Found</title></html>", "application/json",
			"HTTP 404 Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.inline)
			if tt.body != "" {
				body = readFixture(t, tt.body)
			}
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				for k, v := range tt.header {
					w.Header()[k] = v
				}
				w.WriteHeader(tt.status)
				w.Write(body)
			}))
			defer srv.Close()
			c := New(fastConfig())
			url := srv.URL + "/doi/10.1145/3477132.3483553"
			resp, err := c.Get(context.Background(), Request{URL: url, Accept: tt.accept})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(resp.Body) != len(body) {
					t.Errorf("body %d bytes, want %d", len(resp.Body), len(body))
				}
				if tt.body == "USENIX_goyal.html" && !strings.Contains(string(resp.Body), "<title>") {
					t.Error("USENIX page without its <title>")
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.wantErr)
			}
			if want := "GET " + url + ": " + tt.wantErr; err.Error() != want {
				t.Errorf("err = %q\nwant  %q", err, want)
			}
			if strings.HasPrefix(tt.wantErr, "blocked") && !errors.Is(err, ErrBlocked) {
				t.Errorf("err does not match ErrBlocked")
			}
			if n := hits.Load(); n != 1 {
				t.Errorf("%d requests, want 1 (blocks and 404s are not retried)", n)
			}
		})
	}
}
