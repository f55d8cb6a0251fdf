package pdfid

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// A flate bomb: a page whose 1 MB content stream inflates to 256 MB. With
// PDFium's memory capped it fails as unreadable, and the Identifier goes on
// reading the next PDF.
func TestIdentifyFlateBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses 256 MB")
	}
	id := New(Config{MaxMemory: 64 << 20})
	defer id.Close()
	bomb := genPDF{Raw: bytes.Repeat([]byte(" "), 256<<20), Deflate: true}.bytes()
	start := time.Now()
	_, err := id.Identify(context.Background(), bomb)
	if !errors.Is(err, ErrUnreadable) && !errors.Is(err, ErrNoText) {
		t.Fatalf("Identify(flate bomb) error = %v, want %v or %v", err, ErrUnreadable, ErrNoText)
	}
	t.Logf("flate bomb of %d bytes: %v after %v", len(bomb), err, time.Since(start))
	got, err := id.Identify(context.Background(), readTestdata(t, "harvest-yield-and-scalable-tolerant-systems.pdf"))
	if err != nil || got.Title != "Harvest, Yield, and Scalable Tolerant Systems" {
		t.Errorf("Identify after the bomb = %q, %v; want the Harvest paper", got.Title, err)
	}
}

// A PDF whose time is up fails with the context's error, stopped inside
// PDFium with HardStop and abandoned without, and the next one is read as
// usual.
func TestIdentifyDeadline(t *testing.T) {
	pdf := readTestdata(t, "copysets-reducing-the-frequency-of-data-loss-in-cloud-storage.pdf")
	for _, hard := range []bool{true, false} {
		t.Run(fmt.Sprintf("HardStop=%v", hard), func(t *testing.T) {
			id := testID
			if hard {
				id = New(Config{HardStop: true})
				defer id.Close()
			}
			if _, err := id.Identify(context.Background(), pdf); err != nil { // compiles PDFium
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
			defer cancel()
			if _, err := id.Identify(ctx, pdf); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Identify with 1 ms error = %v, want %v", err, context.DeadlineExceeded)
			}
			got, err := id.Identify(context.Background(), pdf)
			if err != nil || len(got.Authors) != 6 {
				t.Errorf("Identify after a deadline = %q, %v; want the Copysets paper and its 6 authors", got.Authors, err)
			}
		})
	}
}
