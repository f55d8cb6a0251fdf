// Package output writes the dataset. Every writer is deterministic: records
// in list order, fields in a fixed order, no timestamps, so the same list and
// cache give byte-identical files. Files are replaced atomically. The JSON,
// JSON Lines and CSV writers stream record by record, so memory does not grow
// with the size of the file.
package output

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/paperlist/paperlist"
)

// WriteJSON writes papers as a 2-space indented array with UTF-8 left
// unescaped and a final newline, record by record.
func WriteJSON(w io.Writer, papers []paperlist.Paper) error {
	return writeAllTo(&jsonSink{w: w}, papers)
}

// recordEncoder encodes one record as it stands in papers.json: indented
// by two spaces, fields by four, without the comma and newline after it.
// The bytes are valid until the next encode.
type recordEncoder struct {
	compact bytes.Buffer
	enc     *json.Encoder
	out     []byte
}

func (e *recordEncoder) encode(p *paperlist.Paper) ([]byte, error) {
	if e.enc == nil {
		e.enc = json.NewEncoder(&e.compact)
		e.enc.SetEscapeHTML(false)
	}
	e.compact.Reset()
	if err := e.enc.Encode(p); err != nil {
		return nil, err
	}
	e.out = appendIndent(append(e.out[:0], "  "...), bytes.TrimSuffix(e.compact.Bytes(), []byte("\n")), "  ", "  ")
	return e.out, nil
}

// WriteJSONL writes one record per line.
func WriteJSONL(w io.Writer, papers []paperlist.Paper) error {
	return writeAllTo(newJSONLSink(w), papers)
}
