// Command paperlist-replay serves recorded answers through an HTTPS
// man-in-the-middle proxy, so that paperlist runs end to end offline:
//
//	paperlist-replay -dir testdata/recorded -ca-out /tmp/ca.pem -addr-out /tmp/addr &
//	HTTPS_PROXY=$(cat /tmp/addr) SSL_CERT_FILE=/tmp/ca.pem paperlist enrich ...
//
// It runs until SIGINT or SIGTERM, then prints how many requests were
// answered and every URL that had no recorded answer.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/paperlist/paperlist/internal/replay"
)

// shutdownTimeout bounds the wait for in-flight plain-HTTP requests at exit.
const shutdownTimeout = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stderr, nil)
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "paperlist-replay:", err)
		os.Exit(1)
	}
}

// config is the command line.
type config struct {
	dir     string
	listen  string
	caOut   string
	addrOut string
	latency time.Duration
	log     bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("paperlist-replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.dir, "dir", "testdata/recorded", "directory holding manifest.tsv and the recorded answers")
	fs.StringVar(&c.listen, "listen", "127.0.0.1:0", "address the proxy listens on")
	fs.StringVar(&c.caOut, "ca-out", "", "write the proxy's CA certificate (PEM) to this file, for SSL_CERT_FILE")
	fs.StringVar(&c.addrOut, "addr-out", "", `write the proxy URL ("http://127.0.0.1:PORT") to this file, for HTTPS_PROXY`)
	fs.DurationVar(&c.latency, "latency", 0, "delay every answer by this long (benchmarks)")
	fs.BoolVar(&c.log, "log", false, "print each request with its status")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return c, nil
}

// run serves until ctx ends. ready, when not nil, is called with the proxy
// URL once the proxy accepts connections and the output files are written.
func run(ctx context.Context, args []string, stderr io.Writer, ready func(proxyURL string)) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	archive, err := replay.Load(cfg.dir)
	if err != nil {
		return err
	}
	logger := log.New(stderr, "paperlist-replay: ", log.LstdFlags)
	var h http.Handler = replay.Delay(archive, cfg.latency)
	if cfg.log {
		h = replay.Logging(h, logger)
	}
	proxy, err := replay.NewProxy(h)
	if err != nil {
		return err
	}
	if cfg.log {
		proxy.ErrorLog = logger
	}

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", cfg.listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.listen, err)
	}
	proxyURL := "http://" + ln.Addr().String()
	if err := writeOutputs(cfg, proxy.CACertPEM(), proxyURL); err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{
		Handler:           proxy,
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	if cfg.log {
		srv.ErrorLog = logger
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Printf("%d recorded answers from %s; proxy %s", len(archive.Entries()), cfg.dir, proxyURL)
	if ready != nil {
		ready(proxyURL)
	}

	select {
	case err := <-served:
		return fmt.Errorf("serve %s: %w", proxyURL, err)
	case <-ctx.Done():
	}
	proxy.Close() //nolint:errcheck // always nil
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down %s: %w", proxyURL, err)
	}
	report(logger, archive)
	return nil
}

// writeOutputs writes the CA certificate and the proxy URL where asked.
// Each file is written under a temporary name and renamed, so that a script
// waiting for it never reads it half written.
func writeOutputs(cfg config, caPEM []byte, proxyURL string) error {
	if cfg.caOut != "" {
		if err := writeFileAtomic(cfg.caOut, caPEM); err != nil {
			return fmt.Errorf("write ca certificate: %w", err)
		}
	}
	if cfg.addrOut != "" {
		if err := writeFileAtomic(cfg.addrOut, []byte(proxyURL)); err != nil {
			return fmt.Errorf("write proxy address: %w", err)
		}
	}
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) //nolint:errcheck // gone after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rename to %s: %w", path, err)
	}
	return nil
}

// report prints the request counts and the URLs that had no answer.
func report(logger *log.Logger, a *replay.Archive) {
	c := a.Counts()
	logger.Printf("%d requests: %d answered from the archive (%d not modified), %d without a recorded answer, %d robots.txt",
		c.Total, c.Served, c.NotModified, c.Unmatched, c.Robots)
	for _, u := range a.Unmatched() {
		logger.Printf("no recorded answer: %s", u)
	}
}
