package output

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflowPath is the GitHub Actions recipe, relative to this package.
const workflowPath = "../examples/github-actions/enrich.yml"

type workflow struct {
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Steps []struct {
			Name string            `yaml:"name"`
			ID   string            `yaml:"id"`
			If   string            `yaml:"if"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func TestGitHubActionsWorkflow(t *testing.T) {
	data, err := os.ReadFile(workflowPath)
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("%s is not valid YAML: %v", workflowPath, err)
	}

	// Triggers: a nightly cron and a manual run.
	sched, ok := wf.On["schedule"].([]any)
	if !ok || len(sched) == 0 {
		t.Fatalf("no schedule trigger: %v", wf.On)
	}
	cron, _ := sched[0].(map[string]any)["cron"].(string)
	if f := strings.Fields(cron); len(f) != 5 || f[2] != "*" || f[3] != "*" || f[4] != "*" {
		t.Errorf("cron %q is not daily", cron)
	}
	if _, ok := wf.On["workflow_dispatch"]; !ok {
		t.Error("no workflow_dispatch trigger")
	}
	if wf.Permissions["contents"] != "write" {
		t.Errorf("permissions = %v, want contents: write", wf.Permissions)
	}
	job, ok := wf.Jobs["enrich"]
	if !ok {
		t.Fatalf("no enrich job: %v", wf.Jobs)
	}

	var uses []string
	var cacheWith map[string]string
	var enrichRun, summaryRun, summaryIf, commitRun string
	var enrichEnv map[string]string
	for _, s := range job.Steps {
		uses = append(uses, s.Uses)
		switch {
		case strings.HasPrefix(s.Uses, "actions/cache@"):
			cacheWith = s.With
		case strings.Contains(s.Run, "paperlist enrich"):
			enrichRun, enrichEnv = s.Run, s.Env
		case strings.Contains(s.Run, "GITHUB_STEP_SUMMARY"):
			summaryRun, summaryIf = s.Run, s.If
		case strings.Contains(s.Run, "git commit"):
			commitRun = s.Run
		}
	}
	order := strings.Join(uses, " ")
	for _, want := range []string{"actions/checkout@", "actions/setup-go@", "actions/cache@"} {
		if !strings.Contains(order, want) {
			t.Errorf("no %s step (steps use %q)", want, uses)
		}
	}
	for _, s := range job.Steps {
		if strings.HasPrefix(s.Uses, "actions/setup-go@") && s.With["go-version-file"] != "go.mod" {
			t.Errorf("setup-go with %v, want go-version-file: go.mod", s.With)
		}
	}

	// The cache: the path of --cache, a key unique per run, and a
	// restore-keys prefix of that key so that the newest cache is restored.
	if cacheWith == nil {
		t.Fatal("no cache step")
	}
	key, restore := cacheWith["key"], strings.TrimSpace(cacheWith["restore-keys"])
	if !strings.Contains(key, "${{ github.run_id }}") || restore == "" || !strings.HasPrefix(key, restore) {
		t.Errorf("cache key %q / restore-keys %q: want a per-run key and its prefix", key, restore)
	}

	// The command.
	cmd := regexp.MustCompile(`(?m)^\s*paperlist enrich .*$`).FindString(enrichRun)
	for _, want := range []string{
		`--mailto "${{ vars.PAPERLIST_MAILTO }}"`, "--cache .cache/paperlist.sqlite", "--out data",
		"--format json,csv,bibtex,markdown", "reading-list.md",
	} {
		if !strings.Contains(cmd, want) {
			t.Errorf("enrich command %q lacks %s", cmd, want)
		}
	}
	if !strings.HasPrefix(cacheWith["path"], ".cache") {
		t.Errorf("cache path %q does not hold .cache/paperlist.sqlite", cacheWith["path"])
	}
	if enrichEnv["GITHUB_TOKEN"] != "${{ secrets.GITHUB_TOKEN }}" {
		t.Errorf("enrich env = %v, want GITHUB_TOKEN from secrets", enrichEnv)
	}

	// Exit codes: captured, 1 is a warning, 2 fails the job.
	if !strings.Contains(cmd, "|| code=$?") {
		t.Errorf("the exit code is not captured: %q", cmd)
	}
	for _, re := range []string{`(?m)^\s*1\)\s*echo "::warning`, `(?m)^\s*2\).*exit 2`} {
		if !regexp.MustCompile(re).MatchString(enrichRun) {
			t.Errorf("exit-code handling lacks %s in:\n%s", re, enrichRun)
		}
	}
	if regexp.MustCompile(`;\s*exit\b`).MatchString(regexp.MustCompile(`(?m)^[ \t]*1\).*$`).FindString(enrichRun)) {
		t.Error("exit code 1 stops the job")
	}

	// The report is posted even when the job fails.
	if !strings.Contains(summaryRun, "data/report.md") || !strings.Contains(summaryIf, "always()") {
		t.Errorf("report step (if %q):\n%s", summaryIf, summaryRun)
	}

	// Commit only when data/ changed, as a bot, then push.
	for _, want := range []string{"git status --porcelain data", "exit 0", "git config user.name", "git add data", "git push"} {
		if !strings.Contains(commitRun, want) {
			t.Errorf("commit step lacks %q:\n%s", want, commitRun)
		}
	}
}
