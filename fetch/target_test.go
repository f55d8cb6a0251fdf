package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestTargetChecks(t *testing.T) {
	tests := []struct {
		url          string
		allowPrivate bool
		wantWhy      string // in parentheses after "link target not allowed"
		wantURL      string // as named in the error, when not url
	}{
		{"javascript:alert(1)", false, `scheme "javascript" is not http or https`, ""},
		{"file:///etc/passwd", false, `scheme "file" is not http or https`, ""},
		{"file:///etc/passwd", true, `scheme "file" is not http or https`, ""},
		{"data:text/html,<script>alert(1)</script>", false, `scheme "data" is not http or https`, ""},
		{"ftp://ftp.example.org/paper.pdf", false, `scheme "ftp" is not http or https`, ""},
		{"http://user:pass@example.org/paper", false, "credentials in the URL", "http://REDACTED@example.org/paper"},
		{"https://user:pass@example.org/paper", true, "credentials in the URL", "https://REDACTED@example.org/paper"},
		{"http:///no-host", false, "no host", ""},
		{"http://127.0.0.1/", false, "loopback address 127.0.0.1", ""},
		{"http://127.1.2.3:8080/x", false, "loopback address 127.1.2.3", ""},
		{"http://10.1.2.3/", false, "private address 10.1.2.3", ""},
		{"http://192.168.0.1/", false, "private address 192.168.0.1", ""},
		{"http://172.16.5.4/", false, "private address 172.16.5.4", ""},
		{"http://169.254.169.254/latest/meta-data/", false, "cloud metadata address 169.254.169.254", ""},
		{"http://169.254.1.1/", false, "link-local address 169.254.1.1", ""},
		{"http://100.64.0.1/", false, "reserved address 100.64.0.1", ""},
		{"http://0.0.0.0/", false, "unspecified address 0.0.0.0", ""},
		{"http://[::1]/", false, "loopback address ::1", ""},
		{"http://[::ffff:127.0.0.1]/", false, "loopback address ::ffff:127.0.0.1", ""},
		{"http://[fd00::1]/", false, "private address fd00::1", ""},
		{"http://[fe80::1]/", false, "link-local address fe80::1", ""},
		{"http://localhost:8080/", false, "localhost", ""},
		{"http://api.localhost/", false, "localhost", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s allowPrivate=%v", tt.url, tt.allowPrivate), func(t *testing.T) {
			cfg := fastConfig()
			cfg.AllowPrivateHosts = tt.allowPrivate
			cfg.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
				t.Errorf("request sent to %s", r.URL)
				return nil, errors.New("refused by test")
			})
			_, err := New(cfg).Get(context.Background(), Request{URL: tt.url})
			if !errors.Is(err, ErrTarget) {
				t.Fatalf("err = %v, want ErrTarget", err)
			}
			name := tt.url
			if tt.wantURL != "" {
				name = tt.wantURL
			}
			if want := fmt.Sprintf("GET %s: link target not allowed (%s)", name, tt.wantWhy); err.Error() != want {
				t.Errorf("err = %q\nwant  %q", err, want)
			}
		})
	}
}

func TestTargetThroughProxyIsNotResolved(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "via proxy: %s%s", r.Host, r.URL.Path)
	}))
	defer srv.Close()
	cfg := fastConfig()
	cfg.AllowPrivateHosts = false
	cfg.Transport = proxyTransport(t, srv) // the proxy itself is on loopback: fine
	resp, err := New(cfg).Get(context.Background(), Request{URL: "http://unresolvable-here.invalid/paper"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "via proxy: unresolvable-here.invalid/paper"; string(resp.Body) != want {
		t.Errorf("body %q, want %q", resp.Body, want)
	}
}
