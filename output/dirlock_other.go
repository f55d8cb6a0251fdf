//go:build !unix

package output

// dirLock is a no-op where flock(2) is missing: two runs into one
// directory may then interleave their sets.
type dirLock struct{}

func lockDir(string) (*dirLock, error) { return &dirLock{}, nil }

func (l *dirLock) release() error { return nil }
