package output

import (
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

func TestVolatile(t *testing.T) {
	tests := []struct {
		name    string
		papers  []paperlist.Paper
		want    string
		wantErr string
	}{
		{
			name: "sorted keys, only papers with values",
			papers: []paperlist.Paper{
				{ID: "osdi2023-alpaserve", Volatile: &paperlist.Volatile{CitationCount: 210}},
				{ID: "eurosys2023-pocket"},
				{ID: "eurosys2021-dgcl", Volatile: &paperlist.Volatile{Stars: 52, PushedAt: "2021-06-02T03:15:44Z", CitationCount: 41}},
			},
			want: `{
  "eurosys2021-dgcl": {
    "stars": 52,
    "pushed_at": "2021-06-02T03:15:44Z",
    "citation_count": 41
  },
  "osdi2023-alpaserve": {
    "citation_count": 210
  }
}
`,
		},
		{name: "none", papers: []paperlist.Paper{{ID: "a"}}, want: "{}\n"},
		{
			name:    "duplicate id",
			papers:  []paperlist.Paper{{ID: "a", Volatile: &paperlist.Volatile{Stars: 1}}, {ID: "a", Volatile: &paperlist.Volatile{Stars: 2}}},
			wantErr: `paper id "a" appears twice`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Volatile(tt.papers)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
