package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/paperlist/paperlist/enrich"
)

// TestDryRunBoundsTheColdRun: on a cold cache, the requests the run makes
// to each host fall inside the plan's [min, max], which --dry-run --json
// prints; after the run the plan needs nothing (every record is cached).
func TestDryRunBoundsTheColdRun(t *testing.T) {
	env := newReplayEnv(t)
	dir := t.TempDir()
	base := append([]string{"enrich", "--cache", filepath.Join(dir, "c.sqlite"), "--out", filepath.Join(dir, "out")}, fastRates...)

	plan := func() enrich.RunPlan {
		t.Helper()
		code, stdout, stderr := env.run(t, append(append([]string{}, base...), "--dry-run", "--json", seedList)...)
		if code != exitOK {
			t.Fatalf("dry run exit %d: %s", code, stderr)
		}
		var p enrich.RunPlan
		if err := json.Unmarshal([]byte(stdout), &p); err != nil {
			t.Fatalf("--dry-run --json: %v\n%s", err, stdout)
		}
		return p
	}
	p := plan()
	if p.Entries != 57 || len(p.Hosts) == 0 || p.Seconds.Max < p.Seconds.Min {
		t.Fatalf("plan = %+v", p)
	}
	before := env.archive.Counts().Total
	env.run(t, append(append([]string{}, base...), seedList)...)
	got := env.archive.Counts().ByHost
	if env.archive.Counts().Total == before {
		t.Fatal("the run made no request")
	}
	for h, n := range got {
		hp := p.Hosts[h]
		if hp == nil {
			t.Errorf("%s: %d requests, but the plan has no such host", h, n)
			continue
		}
		if n < hp.Min || n > hp.Max {
			t.Errorf("%s: %d requests, outside the plan's [%d, %d]", h, n, hp.Min, hp.Max)
		}
		t.Logf("%s: %d requests in [%d, %d]", h, n, hp.Min, hp.Max)
	}
	if p := plan(); len(p.Hosts) != 0 || p.Records == 0 {
		t.Errorf("after a full run the plan should need no request and read %d records: %+v", p.Records, p.Hosts)
	}
}

// TestDryRunCountsNoRefusedLink: links the run refuses (loopback, the cloud
// metadata address) are not planned as requests.
func TestDryRunCountsNoRefusedLink(t *testing.T) {
	env := newReplayEnv(t)
	dir := t.TempDir()
	list := filepath.Join(dir, "list.md")
	if err := os.WriteFile(list, []byte("# OSDI\n## 2023\n- [A](http://127.0.0.1:8080/a)\n- [B](http://169.254.169.254/latest/meta-data/)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := env.run(t, "enrich", "--dry-run", "--json", "--cache", filepath.Join(dir, "c.sqlite"), "--out", filepath.Join(dir, "out"), list)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var p enrich.RunPlan
	if err := json.Unmarshal([]byte(stdout), &p); err != nil {
		t.Fatal(err)
	}
	if p.Refused != 2 || p.Hosts["127.0.0.1:8080"] != nil || p.Hosts["169.254.169.254"] != nil {
		t.Errorf("refused %d, hosts %v", p.Refused, p.Hosts)
	}
}
