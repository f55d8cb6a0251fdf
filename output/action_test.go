package output

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The composite action at the repository root and the recipe that uses it.
const (
	actionPath     = "../action.yml"
	actionWorkflow = "../examples/github-action.yml"
)

type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	Run              string            `yaml:"run"`
	WorkingDirectory string            `yaml:"working-directory"`
	With             map[string]string `yaml:"with"`
	Env              map[string]string `yaml:"env"`
}

type compositeAction struct {
	Inputs map[string]struct {
		Required bool   `yaml:"required"`
		Default  string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s is not valid YAML: %v", path, err)
	}
}

func TestCompositeAction(t *testing.T) {
	var a compositeAction
	readYAML(t, actionPath, &a)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, in := range []string{"list", "out", "formats", "mailto", "cache"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("no input %q", in)
		}
	}
	if !a.Inputs["list"].Required || !a.Inputs["mailto"].Required {
		t.Error("list and mailto must be required")
	}
	for _, out := range []string{"exit-code", "papers", "failed", "report"} {
		if !strings.Contains(a.Outputs[out].Value, "steps.run.outputs."+out) {
			t.Errorf("output %q = %q", out, a.Outputs[out].Value)
		}
	}
	var install, run actionStep
	var restore, save map[string]string
	for _, s := range a.Runs.Steps {
		switch {
		case strings.Contains(s.Run, "go install"):
			install = s
		case s.ID == "run":
			run = s
		case strings.HasPrefix(s.Uses, "actions/cache/restore@"):
			restore = s.With
		case strings.HasPrefix(s.Uses, "actions/cache/save@"):
			save = s.With
			if s.If != "always()" {
				t.Errorf("the cache is saved only if %q, want always()", s.If)
			}
		}
	}
	// The binary is the action's own source, with SQLite's full-text index.
	if !strings.Contains(install.Run, "go install -tags sqlite_fts5 ./cmd/paperlist") || install.WorkingDirectory != "${{ github.action_path }}" {
		t.Errorf("install step (in %q):\n%s", install.WorkingDirectory, install.Run)
	}
	if restore == nil || save == nil || restore["key"] != save["key"] || restore["path"] != "${{ inputs.cache }}" ||
		!strings.Contains(save["key"], "${{ github.run_id }}") || !strings.HasPrefix(save["key"], restore["restore-keys"]) {
		t.Errorf("cache restore %v / save %v: want one per-run key, its prefix as restore-keys, the cache input as path", restore, save)
	}
	if run.Env["PAPERLIST_MAILTO"] != "${{ inputs.mailto }}" || run.Env["GITHUB_TOKEN"] != "${{ inputs.github-token }}" {
		t.Errorf("enrich step env = %v", run.Env)
	}
}

// TestCompositeActionExitCodes runs the action's enrich script with bash
// against a stand-in paperlist that exits with each code, and reads the
// step's outputs.
func TestCompositeActionExitCodes(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		skipOutsideCI(t, "jq is not installed (GitHub's runners have it; .ci/run installs it)")
	}
	var a compositeAction
	readYAML(t, actionPath, &a)
	var script string
	for _, s := range a.Runs.Steps {
		if s.ID == "run" {
			script = s.Run
		}
	}
	for _, tc := range []struct {
		code, failOn string
		wantExit     int
		wantOut      []string
	}{
		{"0", "false", 0, []string{"exit-code=0", "papers=57", "failed=0", "report=data/report.md"}},
		{"1", "false", 0, []string{"exit-code=1", "failed=2"}},
		{"1", "true", 1, []string{"exit-code=1"}},
		{"2", "false", 2, []string{"exit-code=2"}},
	} {
		dir := t.TempDir()
		bin := filepath.Join(dir, "bin")
		os.Mkdir(bin, 0o755)
		// The stand-in writes a report as paperlist does and exits with CODE.
		fake := "#!/bin/sh\nmkdir -p data\n" +
			`if [ "$CODE" != 2 ]; then printf '{"total": 57, "counts": {"ok": 50, "error": %s}}' "$((CODE * 2))" > data/report.json; echo '# report' > data/report.md; fi` +
			"\necho \"$@\" > args\nexit $CODE\n"
		if err := os.WriteFile(filepath.Join(bin, "paperlist"), []byte(fake), 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script) // as GitHub runs a bash step
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"), "CODE="+tc.code,
			"GITHUB_OUTPUT="+filepath.Join(dir, "output"), "GITHUB_STEP_SUMMARY="+filepath.Join(dir, "summary"),
			"LIST=reading-list.md", "OUT=data", "FORMATS=json,html", "CACHE=.paperlist-cache", "ARGS=--overrides o.json",
			"FAIL_ON_FAILED="+tc.failOn, "PAPERLIST_MAILTO=me@example.org")
		out, err := cmd.CombinedOutput()
		exit := 0
		if ee, ok := err.(*exec.ExitError); ok {
			exit = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if exit != tc.wantExit {
			t.Errorf("paperlist exit %s (fail-on %s): the step exits %d, want %d\n%s", tc.code, tc.failOn, exit, tc.wantExit, out)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "output"))
		for _, w := range tc.wantOut {
			if !strings.Contains(string(got), w+"\n") {
				t.Errorf("paperlist exit %s: outputs lack %s:\n%s", tc.code, w, got)
			}
		}
		args, _ := os.ReadFile(filepath.Join(dir, "args"))
		if want := "enrich --cache .paperlist-cache/cache.sqlite --out data --format json,html --overrides o.json reading-list.md\n"; string(args) != want {
			t.Errorf("paperlist called with %q, want %q", args, want)
		}
	}
}

func TestActionRecipe(t *testing.T) {
	var wf struct {
		On          map[string]any    `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Needs string       `yaml:"needs"`
			Steps []actionStep `yaml:"steps"`
		} `yaml:"jobs"`
	}
	readYAML(t, actionWorkflow, &wf)
	if _, ok := wf.On["schedule"]; !ok {
		t.Error("no schedule trigger")
	}
	if wf.Permissions["contents"] != "write" || wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" {
		t.Errorf("permissions = %v, want contents, pages and id-token: write", wf.Permissions)
	}
	var action, commit, upload actionStep
	for _, s := range wf.Jobs["enrich"].Steps {
		switch {
		case strings.HasPrefix(s.Uses, "paperlist/paperlist@"):
			action = s
		case strings.Contains(s.Run, "git commit"):
			commit = s
		case strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@"):
			upload = s
		}
	}
	if action.With["list"] != "reading-list.md" || action.With["mailto"] != "${{ vars.PAPERLIST_MAILTO }}" ||
		!strings.Contains(action.With["formats"], "html") || action.With["out"] != "data" {
		t.Errorf("the action step is used with %v", action.With)
	}
	for _, want := range []string{"git status --porcelain data", "exit 0", "git add data", "git push"} {
		if !strings.Contains(commit.Run, want) {
			t.Errorf("commit step lacks %q", want)
		}
	}
	if upload.With["path"] != "data" {
		t.Errorf("the page artifact is %v, want data (index.html with the dataset beside it)", upload.With)
	}
	publish := wf.Jobs["publish"]
	if publish.Needs != "enrich" || len(publish.Steps) == 0 || !strings.HasPrefix(publish.Steps[0].Uses, "actions/deploy-pages@") {
		t.Errorf("publish job: needs %q, steps %v", publish.Needs, publish.Steps)
	}
}
