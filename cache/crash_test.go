package cache

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/paperlist/paperlist/fetch"
)

// crashHelperEnv names the cache file a helper child process writes to.
const crashHelperEnv = "PAPERLIST_CACHE_CRASH_HELPER"

// crashURL and crashBody give the i-th response the helper writes. Bodies
// grow to about 300 KB so that a kill is likely to land inside a write.
func crashURL(i int) string { return fmt.Sprintf("https://www.usenix.org/crash/%d", i) }

func crashBody(i int) []byte {
	n := 1 + (i*7919)%300_000
	b := bytes.Repeat([]byte{byte('a' + i%26)}, n)
	copy(b, fmt.Sprintf("%d:", i))
	return b
}

// TestHelperProcess is not a test: run as a child by TestSIGKILLLeavesConsistentFile,
// it writes to the cache in a loop and prints the number of each committed
// write, until it is killed.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(crashHelperEnv)
	if path == "" {
		t.Skip("helper process for TestSIGKILLLeavesConsistentFile")
	}
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println("open")
	// Bounded, in case the parent dies without killing us.
	for i := 0; i < 100_000; i++ {
		at := t0.Add(time.Duration(i) * time.Second)
		r := &fetch.Response{URL: crashURL(i), Status: 200, Body: crashBody(i), FetchedAt: at,
			Header: http.Header{"Etag": {strconv.Quote(fmt.Sprint(i))}}}
		if err := s.PutResponse(ctx, r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		switch i % 4 {
		case 1:
			err = s.PutRecord(ctx, fmt.Sprint("entry/", i), []byte(fmt.Sprintf(`{"n":%d}`, i)), at)
		case 2:
			err = s.Touch(ctx, crashURL(i-1), at, `"touched"`, "")
		case 3:
			err = s.PutNegative(ctx, crashURL(i)+"/gone", 404, at)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Println(i + 1)
	}
	os.Exit(0)
}

// TestSIGKILLLeavesConsistentFile kills a writing child process at several
// moments (before, during and after its first writes) and checks that the
// file is intact, that every write the child reported as done is there, and
// that every row present is complete.
func TestSIGKILLLeavesConsistentFile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	tests := []struct {
		name      string
		killAfter int // committed writes to wait for; -1: kill at once
	}{
		{"at start, maybe during migration", -1},
		{"right after open", 0},
		{"after 1 write", 1},
		{"after 17 writes", 17},
		{"after 120 writes", 120},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cache.sqlite")
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$")
			cmd.Env = append(os.Environ(), crashHelperEnv+"="+path)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			acked := 0
			if tt.killAfter >= 0 {
				sc := bufio.NewScanner(out)
				for sc.Scan() {
					if n, err := strconv.Atoi(sc.Text()); err == nil {
						acked = n
					}
					if sc.Text() == "open" && tt.killAfter == 0 || acked >= tt.killAfter && acked > 0 {
						break
					}
				}
				if acked < tt.killAfter {
					t.Fatalf("child stopped after %d writes: %s", acked, stderr.String())
				}
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("child was not killed by SIGKILL: %v (%s)", err, stderr.String())
			}

			// The dead child's lock is gone; the file opens, migrated.
			s, err := Open(context.Background(), path, Options{})
			if err != nil {
				t.Fatalf("Open after SIGKILL: %v", err)
			}
			defer s.Close()
			var check string
			if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
				t.Fatalf("integrity_check = %q, %v", check, err)
			}
			checkCrashRows(t, s, acked)
		})
	}
}

// checkCrashRows checks that the acknowledged writes are all present, that no
// write is missing before a later one, and that every good row is complete
// and exactly what the child wrote.
func checkCrashRows(t *testing.T, s *Store, acked int) {
	t.Helper()
	rows, err := s.db.Query(`SELECT url, body, body_len, etag FROM responses WHERE negative = 0`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[int]bool{}
	for rows.Next() {
		var (
			u, etag string
			body    []byte
			n       int
		)
		if err := rows.Scan(&u, &body, &n, &etag); err != nil {
			t.Fatal(err)
		}
		i, err := strconv.Atoi(strings.TrimPrefix(u, crashURL(0)[:len(crashURL(0))-1]))
		if err != nil {
			t.Fatalf("unexpected URL %q", u)
		}
		seen[i] = true
		if len(body) != n || !bytes.Equal(body, crashBody(i)) {
			t.Errorf("%s: %d body bytes, body_len %d, want %d", u, len(body), n, len(crashBody(i)))
		}
		if etag != strconv.Quote(fmt.Sprint(i)) && etag != `"touched"` {
			t.Errorf("%s: etag %q", u, etag)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// The child may have committed more than the parent read before the
	// kill, but writes are sequential: the rows present are writes 0..n-1
	// with no gap, and n is at least what was acknowledged.
	if len(seen) < acked {
		t.Errorf("%d rows present, but %d writes were reported done", len(seen), acked)
	}
	for i := range len(seen) {
		if !seen[i] {
			t.Errorf("write %d is missing while %d rows are present", i, len(seen))
		}
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("killed after %d acknowledged writes: %d answers, %d negative, %d records, %d bytes",
		acked, st.Responses, st.NegativeResponses, st.Records, st.Bytes)
}
