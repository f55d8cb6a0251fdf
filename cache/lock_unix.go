//go:build unix

package cache

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// errWouldBlock reports that another open file description holds the lock.
var errWouldBlock = errors.New("lock held elsewhere")

// fileLock is an exclusive flock(2) on a lock file beside the database. flock
// locks belong to the open file description, so a second Open in the same
// process conflicts just as a second process does, and the kernel drops the
// lock when the process dies, however it dies.
type fileLock struct{ f *os.File }

// lockFile takes the lock without waiting. The lock file is left in place on
// release: removing it would let two runs lock two different files.
func lockFile(name string) (*fileLock, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errWouldBlock
		}
		return nil, fmt.Errorf("flock %s: %w", name, err)
	}
	return &fileLock{f: f}, nil
}

func (l *fileLock) release() error {
	// Closing the descriptor releases the flock.
	return l.f.Close()
}
