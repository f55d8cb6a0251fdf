package enrich

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "  Hello\n  world ", "Hello world"},
		{"entities", "Caf&eacute; &amp; bar&nbsp;&lt;x&gt;", "Café & bar <x>"},
		{"paragraphs", "<p>First  para.</p>\n<p>Second\npara.</p>", "First para.\n\nSecond para."},
		{"jats", `<jats:title>Abstract</jats:title><jats:p>Data parallel <jats:italic>DNN</jats:italic> training.</jats:p><jats:p>Next.</jats:p>`, "Data parallel DNN training.\n\nNext."},
		{"script dropped", "<p>a</p><script>var x=1;</script><p>b</p>", "a\n\nb"},
		{"nfc", "Cafe\u0301", "Café"},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("%s: PlainText(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestStripBraces(t *testing.T) {
	if got := StripBraces("{AlpaServe}: Statistical {Multiplexing}"); got != "AlpaServe: Statistical Multiplexing" {
		t.Errorf("StripBraces = %q", got)
	}
}
