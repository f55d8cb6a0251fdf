package enrich

import "testing"

func TestDOIFromURL(t *testing.T) {
	tests := []struct {
		link, want string
		ok         bool
	}{
		{"https://dl.acm.org/doi/10.1145/3477132.3483553", "10.1145/3477132.3483553", true},
		{"https://dl.acm.org/doi/abs/10.1145/3477132.3483553", "10.1145/3477132.3483553", true},
		{"https://dl.acm.org/doi/pdf/10.1145/3477132.3483553", "10.1145/3477132.3483553", true},
		{"https://dl.acm.org/doi/full/10.1145/3477132.3483553", "10.1145/3477132.3483553", true},
		{"https://dl.acm.org/doi/fullHtml/10.1145/3477132.3483553", "10.1145/3477132.3483553", true},
		{"https://dl.acm.org/doi/epdf/10.1145/3477132.3483553", "10.1145/3477132.3483553", true},
		{"http://dl.acm.org/doi/10.1145/3477132.3483553?casa_token=abc#sec-1", "10.1145/3477132.3483553", true},
		{"https://dl.acm.org/doi/10.5555/3291168.3291211", "10.5555/3291168.3291211", true},
		{"https://doi.org/10.1145/3477132.3483553", "10.1145/3477132.3483553", true},
		{"http://doi.org/10.1145/3477132.3483553", "10.1145/3477132.3483553", true},
		{"https://dx.doi.org/10.1145/3477132.3483553", "10.1145/3477132.3483553", true},
		{"http://dx.doi.org/10.1145/3477132.3483553/", "10.1145/3477132.3483553", true},
		{"https://www.doi.org/10.1145/3477132.3483553", "10.1145/3477132.3483553", true},
		{"https://doi.org/10.1051/jphysrad:01955001606044400", "10.1051/jphysrad:01955001606044400", true},
		// "/" inside the suffix.
		{"https://doi.org/10.1093/nar/gkaa1100", "10.1093/nar/gkaa1100", true},
		{"https://dl.acm.org/doi/abs/10.1093/nar/gkaa1100", "10.1093/nar/gkaa1100", true},
		// Percent-encoded and upper-case.
		{"https://doi.org/10.1145%2F3477132.3483553", "10.1145/3477132.3483553", true},
		{"https://doi.org/10.1109/MS.1984.233391", "10.1109/ms.1984.233391", true},
		{"https://doi.org/10.48550/arXiv.2302.11665", "10.48550/arxiv.2302.11665", true},
		// Not DOI links.
		{"https://dl.acm.org/doi/", "", false},
		{"https://dl.acm.org/action/showFmPdf?doi=10.1145/1", "", false},
		{"https://doi.org/", "", false},
		{"https://doi.org/foo", "", false},
		{"https://www.usenix.org/conference/osdi23/presentation/li-zhouhan", "", false},
		{"ftp://doi.org/10.1145/1", "", false},
		{"10.1145/3477132.3483553", "", false},
	}
	for _, tt := range tests {
		got, ok := DOIFromURL(tt.link)
		if got != tt.want || ok != tt.ok {
			t.Errorf("DOIFromURL(%q) = %q, %v; want %q, %v", tt.link, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNormalizeDOI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"10.1145/3477132.3483553", "10.1145/3477132.3483553"},
		{" doi:10.1145/3477132.3483553 ", "10.1145/3477132.3483553"},
		{"DOI: 10.1109/MS.1984.233391", "10.1109/ms.1984.233391"},
		{"https://doi.org/10.1145/3447786.3456233", "10.1145/3447786.3456233"},
		{"http://dx.doi.org/10.1145/3184558.3186235", "10.1145/3184558.3186235"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeDOI(tt.in); got != tt.want {
			t.Errorf("NormalizeDOI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRouteDOI(t *testing.T) {
	tests := []struct {
		doi   string
		route DOIRoute
		id    string
	}{
		{"10.1145/3477132.3483553", RouteCrossref, ""},
		{"10.1051/jphysrad:01955001606044400", RouteCrossref, ""},
		{"10.48550/arXiv.2302.11665", RouteDataCite, "2302.11665"},
		{"https://doi.org/10.48550/arxiv.2302.11665", RouteDataCite, "2302.11665"},
		{"10.48550/arxiv.cs/0112017", RouteDataCite, "cs/0112017"},
		{"10.5555/3291168.3291211", RouteUnregistered, ""},
		{"10.48550/not-arxiv", RouteInvalid, ""},
		{"not a doi", RouteInvalid, ""},
		{"", RouteInvalid, ""},
	}
	for _, tt := range tests {
		route, id := RouteDOI(tt.doi)
		if route != tt.route || id != tt.id {
			t.Errorf("RouteDOI(%q) = %v, %q; want %v, %q", tt.doi, route, id, tt.route, tt.id)
		}
	}
}

func TestArxivIDFromURL(t *testing.T) {
	tests := []struct {
		link, want string
		ok         bool
	}{
		{"https://arxiv.org/abs/2302.11665", "2302.11665", true},
		{"https://arxiv.org/abs/2302.11665v2", "2302.11665", true},
		{"http://arxiv.org/abs/2302.11665v2", "2302.11665", true},
		{"https://arxiv.org/pdf/2302.11665v1", "2302.11665", true},
		{"https://arxiv.org/pdf/2302.11665v1.pdf", "2302.11665", true},
		{"https://arxiv.org/pdf/2302.11665.pdf", "2302.11665", true},
		{"https://www.arxiv.org/abs/2302.11665", "2302.11665", true},
		{"https://browse.arxiv.org/abs/2302.11665v3", "2302.11665", true},
		{"https://export.arxiv.org/abs/2302.11665", "2302.11665", true},
		{"https://arxiv.org/html/2302.11665v2", "2302.11665", true},
		{"https://arxiv.org/abs/2302.11665?context=cs#x", "2302.11665", true},
		{"https://arxiv.org/abs/1501.0001", "1501.0001", true},
		{"https://arxiv.org/abs/cs/0112017", "cs/0112017", true},
		{"https://arxiv.org/abs/cs/0112017v1", "cs/0112017", true},
		{"https://arxiv.org/pdf/math.GT/0309136v2.pdf", "math.GT/0309136", true},
		{"arXiv:2302.11665v2", "2302.11665", true},
		{"https://arxiv.org/list/cs.DC/recent", "", false},
		{"https://arxiv.org/abs/", "", false},
		{"https://arxiv.org/abs/2302.116", "", false},
		{"https://notarxiv.org/abs/2302.11665", "", false},
		{"https://github.com/alpa-projects/mms", "", false},
	}
	for _, tt := range tests {
		got, ok := ArxivIDFromURL(tt.link)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ArxivIDFromURL(%q) = %q, %v; want %q, %v", tt.link, got, ok, tt.want, tt.ok)
		}
	}
}

func TestGitHubRepoFromURL(t *testing.T) {
	tests := []struct {
		link, owner, repo string
		ok                bool
	}{
		{"https://github.com/czkkkkkk/gccl", "czkkkkkk", "gccl", true},
		{"https://github.com/czkkkkkk/gccl/", "czkkkkkk", "gccl", true},
		{"http://www.github.com/czkkkkkk/gccl", "czkkkkkk", "gccl", true},
		{"https://github.com/alpa-projects/alpa.git", "alpa-projects", "alpa", true},
		{"https://github.com/alpa-projects/mms/tree/main/alpa_serve", "alpa-projects", "mms", true},
		{"https://github.com/alpa-projects/mms/blob/main/README.md#setup", "alpa-projects", "mms", true},
		{"https://github.com/alpa-projects/mms?tab=readme-ov-file", "alpa-projects", "mms", true},
		{"https://github.com/alpa-projects", "", "", false},
		{"https://gist.github.com/someone/0123456789abcdef", "", "", false},
		{"https://alpa-projects.github.io/mms", "", "", false},
		{"https://github.com/orgs/alpa-projects/repositories", "", "", false},
		{"https://github.com/topics/serving", "", "", false},
		{"https://gitlab.com/a/b", "", "", false},
	}
	for _, tt := range tests {
		owner, repo, ok := GitHubRepoFromURL(tt.link)
		if owner != tt.owner || repo != tt.repo || ok != tt.ok {
			t.Errorf("GitHubRepoFromURL(%q) = %q, %q, %v; want %q, %q, %v", tt.link, owner, repo, ok, tt.owner, tt.repo, tt.ok)
		}
	}
}
