package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestBodyCap(t *testing.T) {
	const limit = 1024
	tests := []struct {
		name    string
		size    int
		wantErr bool
	}{
		{"at the cap", limit, false},
		{"one byte over", limit + 1, true},
		{"far over", 10 * limit, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				w.Write(bytes.Repeat([]byte("a"), tt.size))
			}))
			defer srv.Close()
			cfg := fastConfig()
			cfg.MaxBody = limit
			c := New(cfg)
			url := srv.URL + "/big.pdf"
			resp, err := c.Get(context.Background(), Request{URL: url})
			if !tt.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				if len(resp.Body) != tt.size {
					t.Errorf("body %d bytes, want %d", len(resp.Body), tt.size)
				}
				return
			}
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			if want := fmt.Sprintf("GET %s: response body too large (more than 1024 bytes)", url); err.Error() != want {
				t.Errorf("err = %q\nwant  %q", err, want)
			}
			if hits.Load() != 1 {
				t.Errorf("%d requests, want 1 (not retried)", hits.Load())
			}
		})
	}
}

// gzipped compresses n bytes of b.
func gzipped(t *testing.T, b byte, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := bytes.Repeat([]byte{b}, 1<<20)
	for n > 0 {
		k := min(n, len(chunk))
		zw.Write(chunk[:k])
		n -= k
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGzipDecodedAndCapped(t *testing.T) {
	const limit = 1 << 20
	bomb := gzipped(t, 0, 16<<20) // 16 MiB of zeros in about 16 KiB
	small := []byte(`{"message":{"title":["DGCL: An Efficient Communication Library for Distributed GNN Training"]}}`)
	var smallGz bytes.Buffer
	zw := gzip.NewWriter(&smallGz)
	zw.Write(small)
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("Accept-Encoding %q, want gzip offered", r.Header.Get("Accept-Encoding"))
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/bomb" {
			w.Write(bomb)
			return
		}
		w.Write(smallGz.Bytes())
	}))
	defer srv.Close()
	cfg := fastConfig()
	cfg.MaxBody = limit
	c := New(cfg)

	resp, err := c.Get(context.Background(), Request{URL: srv.URL + "/works", Accept: "application/json"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(resp.Body, small) {
		t.Errorf("decoded body %q, want %q", resp.Body, small)
	}

	if len(bomb) >= limit {
		t.Fatalf("the bomb is %d bytes compressed, want it under the cap", len(bomb))
	}
	_, err = c.Get(context.Background(), Request{URL: srv.URL + "/bomb", Accept: "application/json"})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if want := "GET " + srv.URL + "/bomb: response body too large (more than 1048576 bytes)"; err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
}
