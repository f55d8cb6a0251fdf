package output

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/paperlist/paperlist"
)

// chromiumPath finds Debian's chromium (installed by .ci/run). Without one
// the browser tests skip, except in CI, where they must run.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	skipOutsideCI(t, "no chromium binary (.ci/run installs Debian's chromium)")
	return ""
}

// skipOutsideCI skips a test that needs a tool this machine lacks; in CI
// (CI set, as .ci/run's runner sets it) the tool must be there, so it fails.
func skipOutsideCI(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(why)
	}
	t.Skip(why)
}

// browser is one headless Chromium with a fresh profile, and what its pages
// reported: console errors and warnings, uncaught exceptions, log entries (a
// CSP violation is one) and dialogs (an alert() that ran).
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), // containers often have a tiny /dev/shm
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	b := &browser{ctx: ctx}
	messages := chromedp.Console(ctx)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			switch m.Type {
			case chromedp.ConsoleError, chromedp.ConsoleWarning, chromedp.ConsoleException:
				b.report(m.String())
			}
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			b.report("dialog: " + ev.Message)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return b
}

func (b *browser) report(p string) {
	b.mu.Lock()
	b.problems = append(b.problems, p)
	b.mu.Unlock()
}

func (b *browser) checkProblems(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.problems) > 0 {
		t.Errorf("the page reported problems (a dialog means injected code ran):\n%s", strings.Join(b.problems, "\n"))
	}
}

func (b *browser) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression on the page.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// wantShown checks the number of papers the page shows and its count line.
func (b *browser) wantShown(t *testing.T, what string, want int) {
	t.Helper()
	n := eval[int](t, b, `document.querySelectorAll("#papers > li:not([hidden])").length`)
	line := eval[string](t, b, `document.getElementById("count").textContent`)
	if n != want || line != strconv.Itoa(want)+" of 57 papers" {
		t.Errorf("%s: %d papers shown, count line %q; want %d", what, n, line, want)
	}
}

func writeHTMLFile(t *testing.T, dir string, papers []paperlist.Paper) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, papers, HTMLOptions{Title: "systems-reading-list.md"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "index.html")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestHTMLInBrowser drives index.html of the bundled list's dataset in
// headless Chromium, from file://, as a reader would.
func TestHTMLInBrowser(t *testing.T) {
	b := newBrowser(t)
	dir := t.TempDir()
	url := "file://" + writeHTMLFile(t, dir, seedDataset(t))

	b.do(t, "load", chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#papers > li")))
	b.wantShown(t, "on load", 57)

	// Search: 18 papers mention "gpu" in their title, authors,
	// affiliations, abstract or notes.
	b.do(t, "search", chromedp.SendKeys(chromedp.CSS("#q"), "GPU"))
	b.wantShown(t, `search "GPU"`, 18)
	if hash := eval[string](t, b, `location.hash`); hash != "#q=GPU" {
		t.Errorf("after the search the URL's fragment is %q, want #q=GPU", hash)
	}
	// Emptying the box is an edit: the page hears it as an input event.
	eval[bool](t, b, `(q => { q.value = ""; return q.dispatchEvent(new Event("input")) })(document.getElementById("q"))`)
	b.wantShown(t, "search cleared", 57)

	// Two facets combine: OSDI and 2023 leave 6. Each checkbox counts what
	// it would show with the other facets held: 2022 the OSDI papers of
	// 2022 (6), HPCA the HPCA papers of 2023 (11).
	b.do(t, "facets", chromedp.Click(chromedp.CSS(`input[name=venue][value=OSDI]`)),
		chromedp.Click(chromedp.CSS(`input[name=year][value="2023"]`)))
	b.wantShown(t, "OSDI + 2023", 6)
	n2022 := eval[string](t, b, `document.querySelector('input[name=year][value="2022"]').parentNode.querySelector(".n").textContent`)
	nHPCA := eval[string](t, b, `document.querySelector('input[name=venue][value=HPCA]').parentNode.querySelector(".n").textContent`)
	if n2022 != "6" || nHPCA != "11" {
		t.Errorf("facet counts with OSDI + 2023: year 2022 shows %q (want 6), venue HPCA %q (want 11)", n2022, nHPCA)
	}
	if hash := eval[string](t, b, `location.hash`); hash != "#venue=OSDI&year=2023" {
		t.Errorf("after two facets the URL's fragment is %q", hash)
	}

	// Open an abstract.
	b.do(t, "abstract", chromedp.Click(chromedp.CSS(`#osdi2023-alpaserve details.abs summary`)),
		chromedp.WaitVisible(chromedp.CSS(`#osdi2023-alpaserve .abs-text`)))
	abstract := eval[string](t, b, `document.querySelector("#osdi2023-alpaserve .abs-text").innerText`)
	open := eval[bool](t, b, `document.querySelector("#osdi2023-alpaserve details.abs").open`)
	if !open || !strings.HasPrefix(abstract, "Model parallelism is conventionally viewed") {
		t.Errorf("AlpaServe's abstract: open %v, text %.60q", open, abstract)
	}

	// A shared link with a filter: the unread HPCA papers, sorted by title.
	// Opened fresh, as someone who got the link would (a fragment change
	// alone is a same-document navigation, which fires no load event).
	b.do(t, "shared link", chromedp.Navigate("about:blank"), chromedp.Navigate(url+"#venue=HPCA&read=unread&sort=title"),
		chromedp.WaitVisible(chromedp.CSS("#papers > li:not([hidden])")))
	b.wantShown(t, "#venue=HPCA&read=unread", 16)
	checked := eval[bool](t, b, `document.querySelector('input[name=venue][value=HPCA]').checked && document.querySelector('input[name=read][value=unread]').checked`)
	sortBy := eval[string](t, b, `document.getElementById("sort").value`)
	first := eval[string](t, b, `document.querySelector("#papers > li:not([hidden])").id`)
	if !checked || sortBy != "title" || first != "hpca2023-cegma" {
		t.Errorf("shared link: boxes checked %v, sort %q, first paper %q (want hpca2023-cegma)", checked, sortBy, first)
	}

	b.do(t, "reload", chromedp.Navigate("about:blank"), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#papers > li")))
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	shot := filepath.Join(dir, "index.png")
	if out := os.Getenv("PAPERLIST_SCREENSHOT"); out != "" {
		shot = out // make screenshot writes docs/screenshot.png
	}
	if err := os.WriteFile(shot, png, 0o644); err != nil || len(png) < 10000 {
		t.Errorf("screenshot %s: %d bytes, %v", shot, len(png), err)
	}
	t.Logf("screenshot: %s", shot)

	b.checkProblems(t)
}

// TestHTMLHostileFieldsInBrowser: a title and a note written to attack the
// page render as text, and nothing of them runs.
func TestHTMLHostileFieldsInBrowser(t *testing.T) {
	b := newBrowser(t)
	title := `<script>alert("title")</script>`
	note := `"><img src=x onerror=alert("note")>`
	papers := []paperlist.Paper{{
		ID:       "x2024-hostile",
		Listed:   paperlist.Listed{Venue: `OSDI"><script>alert(1)</script>`, Year: 2024, Title: title, ListTitle: title, Link: `javascript:alert("link")`, Notes: []string{note}},
		Status:   paperlist.StatusOK,
		Authors:  []paperlist.Author{{Name: `<b onmouseover=alert(2)>Eve</b>`, Affiliation: `</p><script>alert(3)</script>`}},
		Abstract: "</details><img src=x onerror=alert(4)>",
		Sources:  map[string]string{"title": `" onmouseover="alert(5)`},
	}}
	url := "file://" + writeHTMLFile(t, t.TempDir(), papers)
	b.do(t, "hostile page", chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("#papers")))
	gotTitle := eval[string](t, b, `document.querySelector("#x2024-hostile .t").textContent`)
	gotNote := eval[string](t, b, `document.querySelector("#x2024-hostile .notes li").textContent`)
	gotAuthors := eval[string](t, b, `document.querySelector("#x2024-hostile .au").textContent`)
	href := eval[string](t, b, `document.querySelector("#x2024-hostile .t a").getAttribute("href")`)
	imgs := eval[int](t, b, `document.images.length`)
	scripts := eval[int](t, b, `document.scripts.length`)
	if gotTitle != title || gotNote != note {
		t.Errorf("hostile title/note not rendered as text: %q / %q", gotTitle, gotNote)
	}
	if !strings.Contains(gotAuthors, `<b onmouseover=alert(2)>Eve</b>`) {
		t.Errorf("hostile author not rendered as text: %q", gotAuthors)
	}
	if strings.HasPrefix(strings.ToLower(href), "javascript:") {
		t.Errorf("a javascript: link survived: %q", href)
	}
	if imgs != 0 || scripts != 1 {
		t.Errorf("the page has %d images and %d scripts, want 0 and 1", imgs, scripts)
	}
	b.checkProblems(t)
}
