package replay

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
)

// matchKey is what a request must agree with to get an entry's answer: the
// host name (lower case, port dropped), the unescaped path, and the
// normalized value of every query parameter the manifest URL names.
// Parameters the manifest URL does not name (mailto, api_key, rows,
// per-page, h, fields, format, ...) do not take part in matching.
type matchKey struct {
	hostPath string
	params   []param // sorted by name
}

type param struct{ name, value string }

// keyOf builds the key of a manifest URL.
func keyOf(u *url.URL) matchKey {
	k := matchKey{hostPath: hostPath(u.Hostname(), u.Path)}
	for name, values := range u.Query() {
		k.params = append(k.params, param{name, Normalize(values[0])})
	}
	slices.SortFunc(k.params, func(a, b param) int { return strings.Compare(a.name, b.name) })
	return k
}

// hostPath is the host-and-path part of a key.
func hostPath(host, path string) string {
	if path == "" {
		path = "/"
	}
	return strings.ToLower(host) + path
}

// canonical renders the key, for duplicate detection.
func (k matchKey) canonical() string {
	var b strings.Builder
	b.WriteString(k.hostPath)
	for _, p := range k.params {
		b.WriteString("\x00" + p.name + "=" + p.value)
	}
	return b.String()
}

// matches reports whether the query q of a request with the same host and
// path carries every parameter of the key with an equal normalized value.
func (k matchKey) matches(q url.Values) bool {
	for _, p := range k.params {
		if !slices.ContainsFunc(q[p.name], func(v string) bool { return Normalize(v) == p.value }) {
			return false
		}
	}
	return true
}

// Normalize is the comparison form of a query value: lower case, every run
// of characters that are neither letters nor digits replaced by one space,
// trimmed. "DGCL: An Efficient ... Training." and "dgcl an efficient ...
// training" compare equal.
func Normalize(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteRune(r)
			continue
		}
		gap = true
	}
	return b.String()
}
