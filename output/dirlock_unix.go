//go:build unix

package output

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// dirLock is an exclusive flock(2) on the output directory itself, so no
// lock file is left among the dataset's files. flock locks belong to the
// open file description, so a second run in the same process conflicts as
// a second process does, and the kernel drops the lock when the process
// dies, however it dies.
type dirLock struct{ f *os.File }

// lockDir takes the lock without waiting; errDirLocked when another run
// holds it.
func lockDir(path string) (*dirLock, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errDirLocked
		}
		return nil, fmt.Errorf("flock %s: %w", path, err)
	}
	return &dirLock{f: f}, nil
}

func (l *dirLock) release() error { return l.f.Close() }
