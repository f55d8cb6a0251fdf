package cache

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func TestSecondOpenIsLocked(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		dir  string // inside the temp dir; odd characters must not matter
	}{
		{"plain", "cache"},
		{"uri characters in the path", "my cache?#%20dir"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.dir, "cache.sqlite")
			first, err := Open(ctx, path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := first.PutRecord(ctx, "k", []byte(`{"ok":true}`), t0); err != nil {
				t.Fatal(err)
			}

			_, err = Open(ctx, path, Options{})
			if !errors.Is(err, ErrLocked) {
				t.Fatalf("second Open = %v, want ErrLocked", err)
			}
			if want := "cache " + path + " is in use by another paperlist run"; err.Error() != want {
				t.Errorf("message %q, want %q", err.Error(), want)
			}

			if err := first.Close(); err != nil {
				t.Fatal(err)
			}
			again, err := Open(ctx, path, Options{})
			if err != nil {
				t.Fatalf("Open after Close: %v", err)
			}
			defer again.Close()
			if data, _, ok, err := again.Record(ctx, "k"); !ok || err != nil || string(data) != `{"ok":true}` {
				t.Errorf("record after reopen = %q, %v, %v", data, ok, err)
			}
		})
	}
}
