package pdfid

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// glyph is one character of the first page as PDFium reads it: its text,
// its box in PDF points (y grows upwards), and the size it is drawn at.
// PDFium adds glyphs of its own for the spaces and line breaks it infers
// from positions; they have no font (Size 0).
type glyph struct {
	Text                     string
	Left, Right, Bottom, Top float64
	Size                     float64 // rendered size in points: font size × text matrix scale
	Bold                     bool
}

// firstPage is what Identify needs from a PDF: the first page's glyphs and
// plain text, the page's size, and the Info dictionary's title.
type firstPage struct {
	Glyphs        []glyph
	Text          string
	Width, Height float64
	InfoTitle     string
}

// engine runs PDFium compiled to WebAssembly in wazero: no cgo, and each
// document is read in a fresh module instance whose memory is capped, so a
// hostile PDF can neither reach the process's memory nor keep it for long.
type engine struct {
	cfg Config

	mu   sync.Mutex // guards pool and err: the module is compiled on first use
	pool pdfium.Pool
	err  error
}

// wasmPageBytes is the size of one WebAssembly memory page.
const wasmPageBytes = 64 << 10

// start compiles PDFium on first use (seconds; not cancellable, and not
// counted in any PDF's time) and returns the pool of instances.
func (e *engine) start() (pdfium.Pool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pool == nil && e.err == nil {
		e.pool, e.err = e.newPool()
	}
	return e.pool, e.err
}

func (e *engine) instance(ctx context.Context) (pdfium.Pdfium, error) {
	pool, err := e.start()
	if err != nil {
		return nil, err
	}
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("read pdf: %w", context.Cause(ctx))
	}
	if err != nil {
		return nil, fmt.Errorf("start pdfium: %w", err)
	}
	return inst, nil
}

func (e *engine) newPool() (pdfium.Pool, error) {
	rc := wazero.NewRuntimeConfig().
		// The bundled PDFium lowers setjmp/longjmp to WebAssembly exceptions.
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(uint32(e.cfg.MaxMemory / wasmPageBytes)).
		// Lets Kill stop a document stuck in PDFium, at ten times the cost
		// of every read: wazero then watches the context in each call.
		WithCloseOnContextDone(e.cfg.HardStop)
	if e.cfg.CompileCacheDir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(e.cfg.CompileCacheDir)
		if err != nil {
			return nil, fmt.Errorf("pdfium compilation cache %s: %w", e.cfg.CompileCacheDir, err)
		}
		rc = rc.WithCompilationCache(cache)
	}
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle:       0,
		MaxIdle:       e.cfg.MaxConcurrent,
		MaxTotal:      e.cfg.MaxConcurrent,
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(), // no file system: PDFium gets bytes
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("start pdfium: %w", err)
	}
	return pool, nil
}

func (e *engine) close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.pool == nil {
		return nil
	}
	err := e.pool.Close()
	e.pool, e.err = nil, errors.New("pdfid: identifier closed")
	return err
}

// read returns the first page of pdf, or the context's error as soon as ctx
// is done. PDFium itself is stopped then only with Config.HardStop; otherwise
// an instance that is still working is abandoned to finish on its own, its
// memory capped, its slot in the pool given back.
func (e *engine) read(ctx context.Context, pdf []byte) (firstPage, error) {
	inst, err := e.instance(ctx)
	if err != nil {
		return firstPage{}, err
	}
	type result struct {
		page firstPage
		err  error
	}
	done := make(chan result, 1)
	go func() {
		page, err := safeReadFirstPage(inst, pdf)
		done <- result{page, err}
	}()
	select {
	case r := <-done:
		if cerr := inst.Close(); r.err == nil && cerr != nil {
			return firstPage{}, fmt.Errorf("close pdfium instance: %w", cerr)
		}
		return r.page, r.err
	case <-ctx.Done():
		_ = inst.Kill() // gives the pool slot back; the result is the context's error
		return firstPage{}, fmt.Errorf("read pdf: %w", context.Cause(ctx))
	}
}

func safeReadFirstPage(inst pdfium.Pdfium, pdf []byte) (page firstPage, err error) {
	defer func() {
		if r := recover(); r != nil {
			page, err = firstPage{}, fmt.Errorf("%w: pdfium panicked: %v", ErrUnreadable, r)
		}
	}()
	return readFirstPage(inst, pdf)
}

func readFirstPage(inst pdfium.Pdfium, pdf []byte) (firstPage, error) {
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &pdf})
	if err != nil {
		switch {
		case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
			return firstPage{}, fmt.Errorf("%w (%v)", ErrEncrypted, err)
		default:
			return firstPage{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})

	var page firstPage
	if meta, err := inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: doc.Document, Tag: "Title"}); err == nil {
		page.InfoTitle = meta.Value
	}
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return firstPage{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if count.PageCount < 1 {
		return firstPage{}, fmt.Errorf("%w: no pages", ErrUnreadable)
	}
	first := requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: 0}}
	size, err := inst.GetPageSize(&requests.GetPageSize{Page: first})
	if err != nil {
		return firstPage{}, fmt.Errorf("%w: first page: %v", ErrUnreadable, err)
	}
	page.Width, page.Height = size.Width, size.Height
	st, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
		Page:                   first,
		Mode:                   requests.GetPageTextStructuredModeChars,
		CollectFontInformation: true,
	})
	if err != nil {
		return firstPage{}, fmt.Errorf("%w: first page text: %v", ErrUnreadable, err)
	}
	page.Glyphs = make([]glyph, 0, len(st.Chars))
	for _, c := range st.Chars {
		g := glyph{
			Text:   c.Text,
			Left:   c.PointPosition.Left,
			Right:  c.PointPosition.Right,
			Bottom: c.PointPosition.Bottom,
			Top:    c.PointPosition.Top,
		}
		if fi := c.FontInformation; fi != nil {
			g.Size = fi.RenderedSize
			g.Bold = fi.Weight >= 600
		}
		page.Glyphs = append(page.Glyphs, g)
	}
	text, err := inst.GetPageText(&requests.GetPageText{Page: first})
	if err != nil {
		return firstPage{}, fmt.Errorf("%w: first page text: %v", ErrUnreadable, err)
	}
	page.Text = text.Text
	return page, nil
}
