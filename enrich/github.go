package enrich

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

type githubRepo struct {
	// Error answers: {"message": "Not Found", "documentation_url": ...}.
	Message string `json:"message"`
	URL     string `json:"url"` // on a 301 answer: where the repository moved

	FullName    string  `json:"full_name"`
	HTMLURL     string  `json:"html_url"`
	Description *string `json:"description"`
	Language    *string `json:"language"`
	License     *struct {
		SPDXID string `json:"spdx_id"`
	} `json:"license"`
	Topics   []string `json:"topics"`
	Homepage *string  `json:"homepage"`
	Archived bool     `json:"archived"`
	Stars    int      `json:"stargazers_count"`
	PushedAt string   `json:"pushed_at"`
}

// ParseGitHubRepo reads a GitHub repository object. The stable part goes to
// Repo: full_name, html_url → URL, description, language, homepage (null →
// ""), license.spdx_id ("" when there is no licence, and also for
// "NOASSERTION", GitHub's answer for a licence file it cannot identify: it
// is not an SPDX id), topics (never nil), archived. Stars and pushed_at go
// to Volatile. GitHub's error answers ("Not Found", rate limit, "Moved
// Permanently") are APIErrors; "Not Found" also matches ErrNotFound.
func ParseGitHubRepo(body []byte) (*paperlist.Repo, *paperlist.Volatile, error) {
	if !looksJSON(body) {
		return nil, nil, notJSON("github", body)
	}
	var g githubRepo
	if err := json.Unmarshal(body, &g); err != nil {
		return nil, nil, fmt.Errorf("github: %w: %w", ErrNotJSON, err)
	}
	if g.FullName == "" {
		msg := g.Message
		if msg == "" {
			return nil, nil, fmt.Errorf("github: answer has no full_name: %w", ErrAPI)
		}
		if g.URL != "" {
			msg += " to " + g.URL
		}
		notFound := strings.EqualFold(g.Message, "Not Found")
		if notFound {
			msg = "repository not found (deleted, renamed without redirect, or private)"
		}
		return nil, nil, &APIError{API: "github", Message: msg, NotFound: notFound}
	}
	repo := &paperlist.Repo{
		FullName:    g.FullName,
		URL:         g.HTMLURL,
		Description: NormalizeSpace(strOrEmpty(g.Description)),
		Language:    strOrEmpty(g.Language),
		Topics:      g.Topics,
		Homepage:    strings.TrimSpace(strOrEmpty(g.Homepage)),
		Archived:    g.Archived,
	}
	if repo.URL == "" {
		repo.URL = "https://github.com/" + g.FullName
	}
	if g.License != nil && g.License.SPDXID != "NOASSERTION" {
		repo.License = g.License.SPDXID
	}
	if repo.Topics == nil {
		repo.Topics = []string{}
	}
	return repo, &paperlist.Volatile{Stars: g.Stars, PushedAt: g.PushedAt}, nil
}

// MovedRepo reports whether a GitHub record describes its repository under
// another owner/name than the one it was asked for: the repository was
// renamed or transferred, GitHub answered 301 and the client followed it.
// from is the repository page under the old name, to the one under the new
// name (Repo.URL, which is also the record's CodeURL). r.URL is the API URL
// asked, {github}/repos/{owner}/{name}; letter case alone is no move.
func MovedRepo(r Record) (from, to string, moved bool) {
	if r.Repo == nil || r.Repo.FullName == "" {
		return "", "", false
	}
	u, err := url.Parse(r.URL)
	if err != nil {
		return "", "", false
	}
	_, rest, ok := strings.Cut(u.Path, "/repos/")
	parts := strings.Split(rest, "/")
	if !ok || len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return "", "", false
	}
	asked := parts[0] + "/" + parts[1]
	if strings.EqualFold(asked, r.Repo.FullName) {
		return "", "", false
	}
	return "https://github.com/" + asked, r.Repo.URL, true
}

func strOrEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// githubAPI reads a repository's stable facts (and its stars, aside).
var githubAPI = Source{
	Name: "github", Label: "GitHub repository", Kind: Extra,
	Request: func(env *Env, k *Known) (fetch.Request, bool) {
		u := env.Endpoints.GitHubRepo(k.Target.Owner, k.Target.Repo)
		return getRequest(u, "application/vnd.github+json", map[string]string{"X-GitHub-Api-Version": "2022-11-28"}), true
	},
	Parse: func(_ context.Context, _ *Env, _ *Known, resp *fetch.Response) ([]Record, error) {
		info, vol, err := ParseGitHubRepo(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", resp.URL, err)
		}
		// URL is the repository asked for (the client follows a rename's
		// 301 to /repositories/{id}); MovedRepo compares it with the answer.
		rec := Record{Source: "github", URL: redact(resp.URL), CodeURL: info.URL, Repo: info, Volatile: vol}
		if ref, ok := RepoPaper(info); ok {
			// The repository names its paper: its DOI or arXiv id is
			// trusted as the paper's (see Known.trusted).
			rec.DOI, rec.ArxivID = ref.DOI, ref.ArxivID
		}
		return []Record{rec}, nil
	},
	Gone: func(k *Known, status int) string {
		return fmt.Sprintf("code repository %s/%s not found on GitHub (HTTP %d): deleted or private", k.Target.Owner, k.Target.Repo, status)
	},
}
