package replay

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// startProxy serves a proxy over the recorded archive and returns a client
// configured the way the brief prescribes: Proxy from the proxy URL and a
// root pool holding only the proxy's CA.
func startProxy(t *testing.T) (*Archive, *Proxy, *http.Client, *httptest.Server) {
	t.Helper()
	a := loadRecorded(t)
	p, err := NewProxy(a)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(p)
	t.Cleanup(func() {
		p.Close()
		srv.Close()
	})
	proxyURL, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(p.CACertPEM()) {
		t.Fatal("CACertPEM holds no certificate")
	}
	tr := &http.Transport{
		Proxy:           http.ProxyURL(proxyURL),
		TLSClientConfig: &tls.Config{RootCAs: pool},
	}
	t.Cleanup(tr.CloseIdleConnections)
	return a, p, &http.Client{Transport: tr}, srv
}

func fetch(t *testing.T, c *http.Client, target string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", target, err)
	}
	return resp, body
}

func TestProxyServesRecordedPageOverHTTPS(t *testing.T) {
	a, _, c, _ := startProxy(t)
	const page = "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan"
	resp, body := fetch(t, c, page)
	want, err := os.ReadFile(filepath.Join(recordedDir, "www.usenix.org/conference/osdi23/presentation/li-zhouhan.html"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !bytes.Equal(body, want) {
		t.Fatalf("GET %s: status %d, %d bytes; want 200 and the %d recorded bytes", page, resp.StatusCode, len(body), len(want))
	}
	if !bytes.Contains(body, []byte("AlpaServe: Statistical Multiplexing")) {
		t.Error("page does not name AlpaServe")
	}
	if resp.TLS == nil {
		t.Fatal("response did not come over TLS")
	}
	leaf := resp.TLS.PeerCertificates[0]
	if len(leaf.DNSNames) != 1 || leaf.DNSNames[0] != "www.usenix.org" || leaf.Issuer.CommonName != "paperlist-replay CA" {
		t.Errorf("leaf certificate for %q issued by %q", leaf.DNSNames, leaf.Issuer.CommonName)
	}
	if got := a.Requests(); len(got) != 1 || got[0] != page {
		t.Errorf("archive saw %q, want [%s]", got, page)
	}
	if a.Hits(page) != 1 {
		t.Errorf("Hits = %d, want 1", a.Hits(page))
	}
}

func TestProxyAnswers(t *testing.T) {
	_, _, c, _ := startProxy(t)
	tests := []struct {
		name   string
		url    string
		header []string
		status int
		want   string
	}{
		{"unmatched", "https://www.usenix.org/conference/osdi23/presentation/zhao", nil, 404,
			"no recorded answer for GET https://www.usenix.org/conference/osdi23/presentation/zhao"},
		{"unknown host", "https://api.example.org/x", nil, 404, "no recorded answer for GET https://api.example.org/x"},
		{"title lower case, trailing period, extra params", "https://dblp.org/search/publ/api?q=dgcl+an+efficient+communication+library+for+distributed+gnn+training.&format=json&h=10", nil, 200,
			`"title": "DGCL: An Efficient Communication Library for Distributed GNN Training."`},
		{"title percent-encoded spaces", "https://api.crossref.org/works?query.bibliographic=DGCL%3A%20An%20Efficient%20Communication%20Library%20for%20Distributed%20GNN%20Training&rows=5", nil, 200,
			`"page": "130-144"`},
		{"other title", "https://dblp.org/search/publ/api?q=Quokka%3A+No+Such+Paper+Recorded&format=json", nil, 404, "q=Quokka"},
		{"recorded homonym answer", "https://dblp.org/search/publ/api?q=Lyra%3A+Elastic+Scheduling+for+Deep+Learning+Clusters&format=json", nil, 200,
			`"title": "Lyra: A Cross-Platform Language and Compiler for Data Plane Programming on Heterogeneous ASICs."`},
		{"etag matches", "https://api.github.com/repos/czkkkkkk/gccl", []string{"If-None-Match", `W/"7f3c2a9d1e0b4c6a8f5e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a"`}, 304, ""},
		{"etag differs", "https://api.github.com/repos/czkkkkkk/gccl", []string{"If-None-Match", `W/"old"`}, 200, `"full_name": "czkkkkkk/gccl"`},
		{"robots", "https://dl.acm.org/robots.txt", nil, 404, "no robots.txt recorded for dl.acm.org"},
		{"plain http through the proxy", "http://export.arxiv.org/api/query?id_list=2302.11665", nil, 200, "<id>http://arxiv.org/abs/2302.11665v2</id>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := fetch(t, c, tt.url, tt.header...)
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.want == "" && len(body) != 0 {
				t.Errorf("body = %.80q, want none", body)
			}
			if !strings.Contains(string(body), tt.want) {
				t.Errorf("body %.120q does not contain %q", body, tt.want)
			}
		})
	}
}

func TestProxyConcurrentConnects(t *testing.T) {
	a, p, c, _ := startProxy(t)
	c.Transport.(*http.Transport).DisableKeepAlives = true // one CONNECT per request
	targets := map[string]string{
		"https://www.usenix.org/conference/osdi23/presentation/li-zhouhan": "AlpaServe",
		"https://www.usenix.org/conference/fast21/presentation/bae":        "FlashNeuron",
		"https://api.crossref.org/works/10.1145/3477132.3483553":           "Gradient Compression Supercharged",
		"https://api.github.com/repos/czkkkkkk/gccl":                       "czkkkkkk/gccl",
		"https://export.arxiv.org/api/query?id_list=2302.11665":            "AlpaServe",
	}
	var urls []string
	for u := range targets {
		urls = append(urls, u, u) // each twice: 10 requests, 4 hosts
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(urls))
	for _, u := range urls {
		wg.Go(func() {
			resp, err := c.Get(u)
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				errs <- fmt.Errorf("read %s: %w", u, err)
				return
			}
			if resp.StatusCode != 200 || !strings.Contains(string(body), targets[u]) {
				errs <- fmt.Errorf("GET %s: %d, body without %q", u, resp.StatusCode, targets[u])
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := len(a.Requests()); got != 10 {
		t.Errorf("archive saw %d requests, want 10", got)
	}
	p.mu.Lock()
	opened := p.opened
	p.mu.Unlock()
	p.ca.mu.Lock()
	issued := p.ca.issued
	p.ca.mu.Unlock()
	if opened != 10 {
		t.Errorf("%d CONNECT tunnels, want 10", opened)
	}
	if issued != 4 {
		t.Errorf("%d leaf certificates issued, want 4 (one per host)", issued)
	}
}

func TestProxyKeepAliveReusesTunnel(t *testing.T) {
	a, p, c, _ := startProxy(t)
	for range 3 {
		resp, _ := fetch(t, c, "https://api.github.com/repos/czkkkkkk/gccl")
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.opened != 1 || a.Counts().Served != 3 {
		t.Errorf("%d tunnels for 3 requests (%d served), want 1", p.opened, a.Counts().Served)
	}
}

func TestProxyRejectsUntrustingClient(t *testing.T) {
	_, _, _, srv := startProxy(t)
	proxyURL, _ := url.Parse(srv.URL)
	tr := &http.Transport{Proxy: http.ProxyURL(proxyURL), TLSClientConfig: &tls.Config{RootCAs: x509.NewCertPool()}}
	defer tr.CloseIdleConnections()
	_, err := (&http.Client{Transport: tr}).Get("https://www.usenix.org/conference/osdi23/presentation/li-zhouhan")
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) {
		t.Errorf("client without the CA: error %v, want x509.UnknownAuthorityError", err)
	}
}

func TestProxyTransportHelperAndClose(t *testing.T) {
	_, p, _, srv := startProxy(t)
	tr, err := p.Transport(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	resp, body := fetch(t, c, "https://api.semanticscholar.org/graph/v1/paper/DOI:10.1145/3477132.3483553?fields=title")
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Gradient Compression Supercharged") {
		t.Fatalf("via Transport(): %d %.100q", resp.StatusCode, body)
	}
	p.Close()
	tr.CloseIdleConnections()
	_, err = c.Get("https://api.github.com/repos/czkkkkkk/gccl")
	if err == nil || !strings.Contains(err.Error(), "Service Unavailable") {
		t.Errorf("CONNECT after Close: error %v, want Service Unavailable", err)
	}
}

func TestCACertificate(t *testing.T) {
	before := time.Now()
	p, err := NewProxy(http.NotFoundHandler())
	if err != nil {
		t.Fatal(err)
	}
	block, rest := pem.Decode(p.CACertPEM())
	if block == nil || block.Type != "CERTIFICATE" || len(bytes.TrimSpace(rest)) != 0 {
		t.Fatalf("CACertPEM is not one PEM certificate: %q", p.CACertPEM())
	}
	ca, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	key, ok := ca.PublicKey.(*ecdsa.PublicKey)
	if !ok || key.Curve != elliptic.P256() {
		t.Errorf("CA key is %T, want ECDSA P-256", ca.PublicKey)
	}
	if !ca.IsCA || ca.KeyUsage&x509.KeyUsageCertSign == 0 {
		t.Errorf("CA: IsCA %v, key usage %v", ca.IsCA, ca.KeyUsage)
	}
	if ca.NotAfter.Before(before.Add(caLifetime-time.Minute)) || ca.NotAfter.After(time.Now().Add(caLifetime)) {
		t.Errorf("CA valid until %v, want about 24h from %v", ca.NotAfter, before)
	}
	leaf, err := p.ca.leaf("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if len(leaf.Leaf.IPAddresses) != 1 || leaf.Leaf.IPAddresses[0].String() != "127.0.0.1" {
		t.Errorf("IP leaf has IP SANs %v", leaf.Leaf.IPAddresses)
	}
}
