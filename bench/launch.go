package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// launchEnv, set to "1", makes a binary that calls Launch first a launcher:
// it runs its arguments as a command, waits, and writes on file descriptor
// 3 the command's wall time and peak resident size.
const launchEnv = "PAPERLIST_BENCH_LAUNCH"

// launchable is set by EnableLaunch: this binary calls Launch first.
var launchable bool

// EnableLaunch says that this binary calls Launch before anything else
// (a test binary's TestMain), so that Exec may start commands through a
// fresh copy of it.
func EnableLaunch() { launchable = true }

func launcherPath() (string, bool) {
	if !launchable {
		return "", false
	}
	p, err := os.Executable()
	return p, err == nil
}

// Launch acts as the launcher when the environment asks for it, and then
// exits; otherwise it returns at once. Call it first in TestMain.
func Launch() {
	if os.Getenv(launchEnv) != "1" || len(os.Args) < 2 {
		return
	}
	report := os.NewFile(3, "report")
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Env = withoutLaunch(os.Environ())
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	code, err := exitCode(err)
	if err != nil {
		fmt.Fprintf(os.Stderr, "launch %s: %v\n", os.Args[1], err)
		os.Exit(125)
	}
	fmt.Fprintf(report, "%d %d\n", wall.Nanoseconds(), maxRSS(cmd.ProcessState))
	report.Close()
	os.Exit(code)
}

func withoutLaunch(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, launchEnv+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// execLaunched is Exec through the launcher.
func execLaunched(ctx context.Context, launcher, bin string, args, env []string) (Result, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return Result{}, err
	}
	defer r.Close()
	cmd := exec.CommandContext(ctx, launcher, append([]string{bin}, args...)...)
	cmd.Env = append(append(os.Environ(), env...), launchEnv+"=1")
	cmd.ExtraFiles = []*os.File{w}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Start()
	w.Close()
	if err != nil {
		return Result{}, fmt.Errorf("run %s: %w", bin, err)
	}
	var report bytes.Buffer
	_, _ = report.ReadFrom(r)
	err = cmd.Wait()
	res := Result{Stderr: stderr.String()}
	if res.Code, err = exitCode(err); err != nil {
		return res, fmt.Errorf("run %s: %w", bin, err)
	}
	var wallNS int64
	if _, err := fmt.Sscan(report.String(), &wallNS, &res.MaxRSSKiB); err != nil {
		return res, fmt.Errorf("run %s: the launcher reported %q (exit %d): %s", bin, report.String(), res.Code, res.Stderr)
	}
	res.Wall = time.Duration(wallNS)
	return res, nil
}
