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
	if len(papers) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return err
	}
	for i := range papers {
		buf.Reset()
		buf.WriteString("  ")
		if err := enc.Encode(&papers[i]); err != nil {
			return err
		}
		b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
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
