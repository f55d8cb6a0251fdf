package enrich

import (
	"bytes"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// utf8BOM is the byte-order mark some servers put before a UTF-8 page.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// DecodeHTML converts a page body to UTF-8, which goquery and x/net/html
// require. The encoding is chosen in this order:
//
//  1. a UTF-16 byte-order mark, or a UTF-16 charset in contentType: decoded;
//  2. a body that is valid UTF-8 is returned as is (minus a UTF-8 BOM), even
//     when the Content-Type or <meta charset> names another charset: text in
//     a legacy 8-bit charset is practically never valid UTF-8 once it has a
//     non-ASCII byte, while servers that label UTF-8 pages "iso-8859-1" are
//     common, and mojibake in author names is the worse failure;
//  3. otherwise the Content-Type charset, then a <meta charset> or
//     <meta http-equiv=Content-Type> in the <head> (first 64 KiB), then
//     windows-1252 (the WHATWG default).
//
// contentType may be empty. The returned slice may share memory with body.
func DecodeHTML(body []byte, contentType string) ([]byte, error) {
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if !strings.HasPrefix(name, "utf-16") && utf8.Valid(body) {
		return bytes.TrimPrefix(body, utf8BOM), nil
	}
	if name == "windows-1252" {
		// Possibly only the fallback: look for a declaration further into
		// the <head> than the 1024 bytes DetermineEncoding reads.
		if e, n := charset.Lookup(pageDeclaredCharset(body)); e != nil {
			enc, name = e, n
		}
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decode html from %s: %w", name, err)
	}
	return bytes.TrimPrefix(out, utf8BOM), nil
}

// pageDeclaredCharset returns the charset a <meta charset> or
// <meta http-equiv="Content-Type" content="...; charset=X"> tag of the page
// head declares, reading at most 64 KiB and stopping at <body>; "" if none.
func pageDeclaredCharset(body []byte) string {
	z := html.NewTokenizer(bytes.NewReader(body[:min(len(body), 64<<10)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "body":
				return ""
			case "meta":
				var cs, equiv, content string
				for _, a := range tok.Attr {
					switch strings.ToLower(a.Key) {
					case "charset":
						cs = a.Val
					case "http-equiv":
						equiv = a.Val
					case "content":
						content = a.Val
					}
				}
				if cs != "" {
					return strings.TrimSpace(cs)
				}
				if strings.EqualFold(equiv, "content-type") {
					if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
						return params["charset"]
					}
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return ""
			}
		}
	}
}

// pageDoc decodes body (see DecodeHTML, with no Content-Type) and parses it
// with the HTML5 algorithm, so unclosed elements and unquoted attributes are
// handled as a browser would.
func pageDoc(body []byte, pageURL string) (*goquery.Document, error) {
	b, err := DecodeHTML(body, "")
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", pageURL, err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", pageURL, err)
	}
	return doc, nil
}

// pageMeta is one <meta> tag: its name (or Open Graph property), lower-cased,
// and its content with white space normalized.
type pageMeta struct {
	name    string
	content string
}

// pageMetas lists the named <meta> tags of doc in document order. The key is
// the name attribute, else the property attribute (Open Graph), lower-cased
// ("DC.Title" → "dc.title"). Tags without a key or with empty content are
// skipped.
func pageMetas(doc *goquery.Document) []pageMeta {
	var out []pageMeta
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		key, ok := s.Attr("name")
		if !ok || strings.TrimSpace(key) == "" {
			key, _ = s.Attr("property")
		}
		key = strings.ToLower(strings.TrimSpace(key))
		content := NormalizeSpace(s.AttrOr("content", ""))
		if key == "" || content == "" {
			return
		}
		out = append(out, pageMeta{name: key, content: content})
	})
	return out
}

// pageFirstMeta returns the content of the first tag named name, or "".
func pageFirstMeta(metas []pageMeta, name string) string {
	for _, m := range metas {
		if m.name == name {
			return m.content
		}
	}
	return ""
}

// pageResolve makes href absolute against base. A protocol-relative href
// ("//host/x") gets https. It returns "" for an empty or unparsable href and
// for schemes other than http and https (javascript:, mailto:, data:).
func pageResolve(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" {
		return ""
	}
	ref, err := url.Parse(href)
	if err != nil {
		return ""
	}
	var u *url.URL
	switch {
	case base != nil && base.Scheme != "":
		u = base.ResolveReference(ref)
	case strings.HasPrefix(href, "//"):
		u = ref
		u.Scheme = "https"
	default:
		u = ref
	}
	if u.Scheme == "" && u.Host != "" {
		u.Scheme = "https"
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

// pageBase parses pageURL as the base for relative links; nil when it does
// not parse.
func pageBase(pageURL string) *url.URL {
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil
	}
	return u
}

// pageYear returns the year a date starts with ("2015/02/09", "2022-04-04",
// "2004", "2021/6"), or 0 when it does not start with a plausible year.
func pageYear(date string) int {
	date = strings.TrimSpace(date)
	if len(date) < 4 {
		return 0
	}
	y := 0
	for _, c := range date[:4] {
		if c < '0' || c > '9' {
			return 0
		}
		y = y*10 + int(c-'0')
	}
	if len(date) > 4 && date[4] >= '0' && date[4] <= '9' {
		return 0 // a longer number, not a year
	}
	if y < 1000 || y > 2999 {
		return 0
	}
	return y
}

// pagePages joins first and last page as "663-679". A first page that is
// already a range ("444-445", "387--401") is normalized to one hyphen.
func pagePages(first, last string) string {
	first = strings.TrimSpace(first)
	last = strings.TrimSpace(last)
	first = strings.ReplaceAll(first, "--", "-")
	switch {
	case first == "":
		return ""
	case last == "" || last == first || strings.Contains(first, "-"):
		return first
	}
	return first + "-" + last
}
