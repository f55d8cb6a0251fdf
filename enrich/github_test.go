package enrich

import (
	"errors"
	"strings"
	"testing"
)

func TestParseGitHubRepo(t *testing.T) {
	repo, vol, err := ParseGitHubRepo(apiFixture(t, "github-repo-czkkkkkk-gccl.json"))
	if err != nil {
		t.Fatal(err)
	}
	checkFields(t, "github", map[string][2]string{
		"FullName":    {repo.FullName, "czkkkkkk/gccl"},
		"URL":         {repo.URL, "https://github.com/czkkkkkk/gccl"},
		"Description": {repo.Description, ""}, // null
		"Language":    {repo.Language, "C++"},
		"License":     {repo.License, ""},  // null: no LICENSE file
		"Homepage":    {repo.Homepage, ""}, // null
	})
	if repo.Topics == nil || len(repo.Topics) != 0 || repo.Archived {
		t.Errorf("topics %#v archived %v", repo.Topics, repo.Archived)
	}
	if vol.Stars != 14 || vol.PushedAt != "2021-01-23T18:51:25Z" {
		t.Errorf("Volatile = %+v", vol)
	}
}

func TestParseGitHubRepoInline(t *testing.T) {
	tests := []struct{ body, license, desc, home string }{
		{`{"full_name":"a/b","html_url":"https://github.com/a/b","license":{"key":"mit","spdx_id":"MIT"},"description":" Fast\nserving ","homepage":"https://b.dev","topics":["llm"],"archived":true}`, "MIT", "Fast serving", "https://b.dev"},
		{`{"full_name":"a/b","license":{"key":"other","spdx_id":"NOASSERTION"}}`, "", "", ""},
	}
	for _, tt := range tests {
		repo, _, err := ParseGitHubRepo([]byte(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		if repo.License != tt.license || repo.Description != tt.desc || repo.Homepage != tt.home || repo.URL != "https://github.com/a/b" {
			t.Errorf("%+v", repo)
		}
	}
}

func TestParseGitHubErrors(t *testing.T) {
	tests := []struct {
		file     string
		notFound bool
		text     string
	}{
		{"error-github-404-not-found.json", true, "repository not found"},
		{"error-github-403-rate-limit.json", false, "API rate limit exceeded"},
		{"error-github-301-moved.json", false, "Moved Permanently to https://api.github.com/repositories/332000001"},
	}
	for _, tt := range tests {
		repo, vol, err := ParseGitHubRepo(apiFixture(t, tt.file))
		if repo != nil || vol != nil || !errors.Is(err, ErrAPI) || errors.Is(err, ErrNotFound) != tt.notFound || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("%s: %v, %v, %v", tt.file, repo, vol, err)
		}
	}
	if _, _, err := ParseGitHubRepo([]byte("<html>Unicorn!</html>")); !errors.Is(err, ErrNotJSON) {
		t.Errorf("html: %v", err)
	}
}
