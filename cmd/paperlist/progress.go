package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/paperlist/paperlist"
)

// progress draws one status line with counts and an ETA, only when stderr
// is a terminal: logs read the next morning get no carriage returns.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	total  int
	done   int
	failed int
	start  time.Time
}

// newProgress returns nil when w is not a terminal.
func newProgress(w io.Writer, total int) *progress {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progress{w: w, total: total, start: time.Now()}
}

func (p *progress) add(pp *paperlist.Paper) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if pp.Status == paperlist.StatusError || pp.Status == paperlist.StatusBlocked {
		p.failed++
	}
	eta := "?"
	if p.done > 0 {
		left := time.Duration(float64(time.Since(p.start)) / float64(p.done) * float64(p.total-p.done))
		eta = left.Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "\r%d/%d entries, %d failed, ETA %s   ", p.done, p.total, p.failed, eta)
	if p.done == p.total {
		fmt.Fprintln(p.w)
	}
}
