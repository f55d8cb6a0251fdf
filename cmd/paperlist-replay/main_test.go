package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for the server's concurrent log writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestRunServesThroughProxy(t *testing.T) {
	tmp := t.TempDir()
	caFile, addrFile := filepath.Join(tmp, "ca.pem"), filepath.Join(tmp, "addr")
	var stderr syncBuffer
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{
			"-dir", filepath.Join("..", "..", "testdata", "recorded"),
			"-listen", "127.0.0.1:0", "-ca-out", caFile, "-addr-out", addrFile, "-log",
		}, &stderr, func(u string) { ready <- u })
	}()
	var proxyURL string
	select {
	case proxyURL = <-ready:
	case err := <-done:
		t.Fatalf("run returned early: %v\n%s", err, stderr.String())
	}

	addr, err := os.ReadFile(addrFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(addr) != proxyURL || !strings.HasPrefix(proxyURL, "http://127.0.0.1:") {
		t.Fatalf("addr file holds %q, ready said %q", addr, proxyURL)
	}
	caPEM, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		t.Fatalf("%s holds no PEM certificate", caFile)
	}
	pu, err := url.Parse(string(addr))
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{Proxy: http.ProxyURL(pu), TLSClientConfig: &tls.Config{RootCAs: pool}}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}

	for _, tt := range []struct {
		url    string
		status int
		want   string
	}{
		{"https://www.usenix.org/conference/fast21/presentation/bae", 200, "FlashNeuron: SSD-Enabled Large-Batch Training"},
		{"https://dl.acm.org/doi/10.1145/3477132.3483553", 403, "Just a moment..."},
		{"https://www.usenix.org/conference/osdi23/presentation/zhao", 404, "no recorded answer"},
	} {
		resp, err := client.Get(tt.url)
		if err != nil {
			t.Fatalf("GET %s: %v", tt.url, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
			t.Errorf("GET %s: %d %.80q, want %d with %q", tt.url, resp.StatusCode, body, tt.status, tt.want)
		}
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	log := stderr.String()
	for _, want := range []string{
		"GET https://www.usenix.org/conference/fast21/presentation/bae 200 ",
		"GET https://dl.acm.org/doi/10.1145/3477132.3483553 403 ",
		"3 requests: 2 answered from the archive (0 not modified), 1 without a recorded answer",
		"no recorded answer: https://www.usenix.org/conference/osdi23/presentation/zhao",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func TestRunFlagErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing dir", []string{"-dir", t.TempDir()}, "manifest.tsv"},
		{"bad flag", []string{"-nope"}, "flag provided but not defined"},
		{"stray argument", []string{"enrich"}, "unexpected arguments"},
		{"bad listen", []string{"-dir", filepath.Join("..", "..", "testdata", "recorded"), "-listen", "256.0.0.1:x"}, "listen on 256.0.0.1:x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr syncBuffer
			err := run(t.Context(), tt.args, &stderr, nil)
			if err == nil || !strings.Contains(err.Error()+stderr.String(), tt.want) {
				t.Errorf("run(%q) = %v (stderr %q), want an error mentioning %q", tt.args, err, stderr.String(), tt.want)
			}
		})
	}
	if err := run(t.Context(), []string{"-h"}, io.Discard, nil); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
}
