package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Build compiles cmd/paperlist from the module at root into dir and returns
// the binary's path.
func Build(ctx context.Context, root, dir string) (string, error) {
	goTool := os.Getenv("GO")
	if goTool == "" {
		goTool = "go"
	}
	bin := filepath.Join(dir, "paperlist")
	cmd := exec.CommandContext(ctx, goTool, "build", "-o", bin, "./cmd/paperlist")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/paperlist in %s: %w\n%s", root, err, out)
	}
	return bin, nil
}

// Result is what one process run cost.
type Result struct {
	Code      int
	Wall      time.Duration // from start to exit, as the parent saw it
	MaxRSSKiB int64         // peak resident set size (Linux: KiB)
	Stderr    string
}

// Exec runs bin with args and env (added to the current environment) and
// measures it. A non-zero exit code is not an error: paperlist exits 1 when
// some entries failed, and the caller decides.
//
// Where the calling binary can launch (see Launch), bin is started by a
// fresh copy of it that measures bin alone: a process started straight
// from a large parent reports the parent's resident size as its own peak
// when its own is smaller (Linux's wait4 counts the memory the child shared
// with the parent until it called exec), which made a 62 MiB run of
// paperlist read 80 MiB beside the benchmark's farm.
func Exec(ctx context.Context, bin string, args, env []string) (Result, error) {
	if launcher, ok := launcherPath(); ok {
		return execLaunched(ctx, launcher, bin, args, env)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	res := Result{Wall: time.Since(start), Stderr: stderr.String()}
	if res.Code, err = exitCode(err); err != nil {
		return res, fmt.Errorf("run %s: %w", bin, err)
	}
	res.MaxRSSKiB = maxRSS(cmd.ProcessState)
	return res, nil
}

// exitCode is the exit code a finished command's error carries; an error
// that is not an exit status (the command could not start) is returned.
func exitCode(err error) (int, error) {
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return 0, nil
	case errors.As(err, &exitErr):
		return exitErr.ExitCode(), nil
	}
	return 0, err
}
