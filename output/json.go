// Package output writes the dataset. Every writer is deterministic: records
// in list order, fields in a fixed order, no timestamps, so the same list and
// cache give byte-identical files. Files are replaced atomically.
package output

import (
	"bytes"
	"encoding/json"

	"github.com/paperlist/paperlist"
)

// JSON encodes papers as a 2-space indented array with UTF-8 left unescaped
// and a final newline.
func JSON(papers []paperlist.Paper) ([]byte, error) {
	if papers == nil {
		papers = []paperlist.Paper{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(papers); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// JSONL encodes one record per line.
func JSONL(papers []paperlist.Paper) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range papers {
		if err := enc.Encode(&papers[i]); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}
