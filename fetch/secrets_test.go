package fetch

import "testing"

func TestWithoutSecrets(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://api.openalex.org/works/doi:10.1/x?api_key=K&mailto=a@b.c", "https://api.openalex.org/works/doi:10.1/x"},
		{"https://api.crossref.org/works?query.bibliographic=A+B&rows=5&mailto=a@b.c", "https://api.crossref.org/works?query.bibliographic=A+B&rows=5"},
		{"https://user:pw@example.org/p", "https://example.org/p"},
		{"https://dblp.org/search/publ/api?q=Pocket&format=json", "https://dblp.org/search/publ/api?q=Pocket&format=json"},
		{"https://www.usenix.org/conference/osdi23/presentation/li-zhouhan", "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan"},
	}
	for _, tt := range tests {
		if got := WithoutSecrets(tt.in); got != tt.want {
			t.Errorf("WithoutSecrets(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
