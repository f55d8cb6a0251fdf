package enrich

import (
	"strings"
	"testing"
)

func TestDecodeHTML(t *testing.T) {
	// A page whose first non-ASCII byte comes after the 1024 bytes that the
	// charset sniffer looks at, with no declaration: still UTF-8.
	late := "<html><head><title>x</title></head><body>" + strings.Repeat(" ", 1100) + "Pazarçeviren</body></html>"
	tests := []struct {
		name, body, contentType string
		want                    string
	}{
		{"latin-1 by header", "<p>Jos\xe9 Caf\xe9</p>", "text/html; charset=ISO-8859-1", "<p>José Café</p>"},
		{"windows-1252 by meta", `<meta charset="windows-1252"><p>&#8220;Caf` + "\xe9\x94</p>", "text/html", `<meta charset="windows-1252"><p>&#8220;Café”</p>`},
		{"latin-1 by http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>M` + "\xfcller</p>", "", `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Müller</p>`},
		{"undeclared legacy bytes fall back to windows-1252", "<p>Caf\xe9</p>", "", "<p>Café</p>"},
		{"utf-8 undeclared, late non-ASCII", late, "", late},
		{"utf-8 mislabelled latin-1 by header", "<p>Ayşen Tezcaner</p>", "text/html; charset=iso-8859-1", "<p>Ayşen Tezcaner</p>"},
		{"utf-8 BOM stripped", "\xef\xbb\xbf<p>é</p>", "text/html; charset=utf-8", "<p>é</p>"},
		{"utf-16le with BOM", "\xff\xfe<\x00p\x00>\x00\xe9\x00", "", "<p>é"},
		{"shift_jis by header", "<p>\x93\xfa\x96\x7b</p>", "text/html; charset=Shift_JIS", "<p>日本</p>"},
		{"shift_jis by meta after 1024 bytes", "<html><head><script>" + strings.Repeat("x", 1100) + "</script><meta charset=shift_jis></head><p>\x93\xfa\x96\x7b</p>", "",
			"<html><head><script>" + strings.Repeat("x", 1100) + "</script><meta charset=shift_jis></head><p>日本</p>"},
		{"empty", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeHTML([]byte(tt.body), tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A latin-1 page goes through ParseMeta with its accents intact.
func TestParseMetaLatin1(t *testing.T) {
	page := []byte("<html><head><meta charset=iso-8859-1><meta name=citation_title content=\"D\xe9placement de Knight\"><meta name=citation_author content=\"Fran\xe7ois M\xfcller\"></head></html>")
	r, err := ParseMeta(page, "https://hal.example/1")
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "Déplacement de Knight" || len(r.Authors) != 1 || r.Authors[0].Name != "François Müller" {
		t.Errorf("got title %q authors %+v", r.Title, r.Authors)
	}
}

func TestPageYear(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"2015/02/09", 2015}, {"2022-04-04", 2022}, {"2004", 2004}, {"2021/6", 2021},
		{" 1955 ", 1955}, {"20221", 0}, {"09/02/2015", 0}, {"", 0}, {"0000", 0},
	}
	for _, tt := range tests {
		if got := pageYear(tt.in); got != tt.want {
			t.Errorf("pageYear(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestPagePages(t *testing.T) {
	tests := []struct{ first, last, want string }{
		{"663", "679", "663-679"},
		{"387--401", "", "387-401"},
		{"444-445", "", "444-445"},
		{"041027", "", "041027"},
		{"e4886", "e4886", "e4886"},
		{"", "12", ""},
	}
	for _, tt := range tests {
		if got := pagePages(tt.first, tt.last); got != tt.want {
			t.Errorf("pagePages(%q, %q) = %q, want %q", tt.first, tt.last, got, tt.want)
		}
	}
}

func TestPageResolve(t *testing.T) {
	base := pageBase("https://www.usenix.org/conference/osdi23/presentation/li-zhouhan")
	tests := []struct{ href, want string }{
		{"/system/files/a.pdf", "https://www.usenix.org/system/files/a.pdf"},
		{"//www.youtube.com/embed/x", "https://www.youtube.com/embed/x"},
		{"https://example.org/b.pdf", "https://example.org/b.pdf"},
		{"javascript:void(0)", ""},
		{"mailto:a@example.org", ""},
		{"  ", ""},
	}
	for _, tt := range tests {
		if got := pageResolve(base, tt.href); got != tt.want {
			t.Errorf("pageResolve(%q) = %q, want %q", tt.href, got, tt.want)
		}
	}
}
