// Package pdfid identifies a research paper from the bytes of its PDF.
//
// It reads only the first page. A DOI or an arXiv identifier printed there
// names the paper outright; otherwise the title is the run of largest-font
// lines near the top of the page (running headers, conference banners and
// technical-report lines above it are skipped, a title over several lines is
// joined), and the authors are the names on the lines between the title and
// the abstract. The Info dictionary's title is used only when it is plausible
// and the page bears it out: real PDFs carry "paper.dvi", "Microsoft Word -
// x.doc", "untitled" or nothing there. When no title can be trusted Identify
// says so (ErrNoTitle) rather than guess: a wrong title would resolve to a
// wrong paper.
//
// PDFs are read with PDFium compiled to WebAssembly (github.com/klippa-app/
// go-pdfium in its webassembly mode, run by wazero). On the nine real paper
// PDFs of the tests it reads every first page right, with word spaces, accents
// and font sizes; github.com/ledongthuc/pdf, the pure-Go alternative, cannot
// read one of them at all (LZW streams), runs words together (it emits no
// spaces), garbles another (font encodings), and is slower on the same first
// pages (67 ms and 446k allocations a PDF, against 30 ms and 70k); other
// pure-Go readers were not to be had. The price is 14 MB of binary and a
// one-time compilation of the WebAssembly module (about 3 s of CPU and 330 MB
// at peak; Config.CompileCacheDir keeps it across runs). In exchange every
// document runs in a fresh sandboxed instance whose memory is capped, and a
// panic or a crash inside it is an error, not the end of the process.
package pdfid

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Where Identity's identification came from.
const (
	SourceDOI   = "doi"   // a DOI printed on the first page
	SourceArxiv = "arxiv" // an arXiv identifier printed on the first page
	SourceText  = "text"  // the title read from the first page's text
	SourceInfo  = "info"  // the title from the PDF's Info dictionary
)

// Identity is what a PDF says about the paper it holds.
type Identity struct {
	DOI     string // lower-cased, without "doi:" or a resolver prefix
	ArxivID string // e.g. "2101.01234" or "cs/0112017", without a version
	Title   string // the title as printed (all-capital titles in title case)
	Authors []string
	// TitleSource says what identifies the paper, best first: SourceDOI or
	// SourceArxiv when an identifier is printed on the first page (Title, if
	// read, is then a cross-check), else SourceText or SourceInfo.
	TitleSource string
}

// Errors that say why a PDF could not be identified; test with errors.Is.
var (
	ErrNotPDF     = errors.New("not a PDF")
	ErrTooLarge   = errors.New("PDF too large")
	ErrEncrypted  = errors.New("PDF is encrypted")
	ErrUnreadable = errors.New("PDF cannot be read")
	ErrNoText     = errors.New("PDF has no text layer on its first page (a scan?)")
	ErrNoTitle    = errors.New("no title found on the PDF's first page")
)

// Config bounds the work done on one PDF. Zero values mean the defaults.
type Config struct {
	MaxBytes        int64         // larger PDFs fail with ErrTooLarge; default 50 MiB
	Timeout         time.Duration // per PDF, on top of the caller's context, from PDFium's start; default 20s
	MaxMemory       uint64        // memory of one PDFium instance; default 512 MiB
	MaxConcurrent   int           // PDFs read at once; default 2
	CompileCacheDir string        // keeps the compiled PDFium module across runs; "" compiles once per process
	// HardStop stops PDFium itself when a PDF's time is up, at about ten
	// times the CPU of every read (28 ms → 260 ms a paper). Without it
	// Identify still returns at the deadline, and a PDF that keeps PDFium
	// busy past it finishes in the background within MaxMemory.
	HardStop bool
}

func (c Config) withDefaults() Config {
	if c.MaxBytes <= 0 {
		c.MaxBytes = 50 << 20
	}
	if c.Timeout <= 0 {
		c.Timeout = 20 * time.Second
	}
	if c.MaxMemory == 0 {
		c.MaxMemory = 512 << 20
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = 2
	}
	return c
}

// Identifier reads PDFs. It is safe for concurrent use; PDFium is compiled on
// the first Identify, so an Identifier that reads no PDF costs nothing.
type Identifier struct {
	cfg Config
	eng *engine
}

// New returns an Identifier; Close releases it.
func New(cfg Config) *Identifier {
	cfg = cfg.withDefaults()
	return &Identifier{cfg: cfg, eng: &engine{cfg: cfg}}
}

// Close releases PDFium. Identify fails after Close.
func (id *Identifier) Close() error { return id.eng.close() }

// Identify reads the paper's identity from pdf. It fails with ErrNotPDF,
// ErrTooLarge, ErrEncrypted, ErrUnreadable or ErrNoText, or with the
// context's error; with ErrNoTitle when the page has text but neither an
// identifier nor a title that can be trusted (the Identity then still holds
// whatever authors were read).
func (id *Identifier) Identify(ctx context.Context, pdf []byte) (Identity, error) {
	if int64(len(pdf)) > id.cfg.MaxBytes {
		return Identity{}, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(pdf), id.cfg.MaxBytes)
	}
	if err := checkHeader(pdf); err != nil {
		return Identity{}, err
	}
	if _, err := id.eng.start(); err != nil {
		return Identity{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, id.cfg.Timeout)
	defer cancel()
	page, err := id.eng.read(ctx, pdf)
	if err != nil {
		return Identity{}, err
	}
	return identify(page)
}
