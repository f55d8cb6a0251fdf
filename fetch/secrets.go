package fetch

import (
	"net/url"
	"strings"
)

// WithoutSecrets returns raw without its secret query parameters (see
// secretParams) and without userinfo. The cache keys answers by it and the
// enrichers record it as provenance, so API keys and contact addresses never
// reach the database or the dataset.
func WithoutSecrets(raw string) string { return scrub(raw, false) }

// scrub masks (mask) or removes the secret query values and the userinfo of
// raw. A URL that does not parse, or has nothing secret, comes back as is.
func scrub(raw string, mask bool) string {
	u, err := url.Parse(raw)
	if err != nil || (u.RawQuery == "" && u.User == nil) {
		return raw
	}
	changed := u.User != nil
	if u.User != nil {
		u.User = nil
		if mask {
			u.User = url.User("REDACTED")
		}
	}
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			for _, s := range secretParams {
				if !strings.EqualFold(k, s) {
					continue
				}
				if mask {
					q[k] = []string{"REDACTED"}
				} else {
					delete(q, k)
				}
				changed = true
			}
		}
		if changed {
			u.RawQuery = q.Encode()
		}
	}
	if !changed {
		return raw
	}
	return u.String()
}
