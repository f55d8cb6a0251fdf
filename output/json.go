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
	return writeJSON(w, papers, nil)
}

// writeJSON is WriteJSON that adds each record, as written, to snap when
// snap is not nil.
func writeJSON(w io.Writer, papers []paperlist.Paper, snap *Snapshot) error {
	if len(papers) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return err
	}
	var enc recordEncoder
	for i := range papers {
		p := &papers[i]
		b, err := enc.encode(p)
		if err != nil {
			return err
		}
		if snap != nil {
			snap.add(p.ID, b, len(p.Authors) > 0, p.Abstract != "")
		}
		if i < len(papers)-1 {
			b = append(b, ",\n"...)
		} else {
			b = append(b, "\n]\n"...)
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
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
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range papers {
		if err := enc.Encode(&papers[i]); err != nil {
			return err
		}
	}
	return nil
}
