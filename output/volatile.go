package output

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/paperlist/paperlist"
)

// WriteVolatile writes the values that change without the paper changing
// (stars, last push, citation count) as volatile.json: one object keyed by
// paper id, keys sorted, 2-space indent, final newline. Only papers that
// have such values appear; with none it writes "{}". Keeping them out of
// papers.json keeps the dataset's diff about the papers.
func WriteVolatile(w io.Writer, papers []paperlist.Paper) error {
	m := make(map[string]paperlist.Volatile)
	for _, p := range papers {
		if p.Volatile == nil {
			continue
		}
		if _, dup := m[p.ID]; dup {
			return fmt.Errorf("volatile.json: paper id %q appears twice", p.ID)
		}
		m[p.ID] = *p.Volatile
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil { // encoding/json sorts map keys
		return fmt.Errorf("volatile.json: %w", err)
	}
	return nil
}
