// Package diskfault damages files the way failing disks do, for the tests
// of the cache and of the command. Nothing outside tests imports it.
package diskfault

import (
	"bytes"
	"fmt"
	"os"
)

// PageSize is SQLite's default page size, the unit CorruptPage damages.
const PageSize = 4096

// CorruptPage overwrites with garbage the PageSize-aligned page of the
// (closed) file at path that holds the first occurrence of marker, and
// returns its 1-based page number.
func CorruptPage(path string, marker []byte) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("corrupt %s: %w", path, err)
	}
	at := bytes.Index(data, marker)
	if at < 0 {
		return 0, fmt.Errorf("corrupt %s: %q not found", path, marker)
	}
	page := at / PageSize
	copy(data[page*PageSize:], bytes.Repeat([]byte{0xA5}, PageSize))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return 0, fmt.Errorf("corrupt %s: %w", path, err)
	}
	return page + 1, nil
}
