package output

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/paperlist/paperlist"
)

// Volatile encodes the values that change without the paper changing
// (stars, last push, citation count) as volatile.json: one object keyed by
// paper id, keys sorted, 2-space indent, final newline. Only papers that
// have such values appear; with none it writes "{}". Keeping them out of
// papers.json keeps the dataset's diff about the papers.
func Volatile(papers []paperlist.Paper) ([]byte, error) {
	m := make(map[string]paperlist.Volatile)
	for _, p := range papers {
		if p.Volatile == nil {
			continue
		}
		if _, dup := m[p.ID]; dup {
			return nil, fmt.Errorf("volatile.json: paper id %q appears twice", p.ID)
		}
		m[p.ID] = *p.Volatile
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil { // encoding/json sorts map keys
		return nil, fmt.Errorf("volatile.json: %w", err)
	}
	return buf.Bytes(), nil
}
