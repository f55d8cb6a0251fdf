package output

import (
	"bytes"
	"io"

	"github.com/paperlist/paperlist"
)

// The writers stream to an io.Writer; the tests compare bytes.

func bytesOf(write func(io.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	err := write(&buf)
	return buf.Bytes(), err
}

func JSON(papers []paperlist.Paper) ([]byte, error) {
	return bytesOf(func(w io.Writer) error { return WriteJSON(w, papers) })
}

func CSV(papers []paperlist.Paper) ([]byte, error) {
	return bytesOf(func(w io.Writer) error { return WriteCSV(w, papers) })
}

func BibTeX(papers []paperlist.Paper, opt BibOptions) ([]byte, error) {
	return bytesOf(func(w io.Writer) error { return WriteBibTeX(w, papers, opt) })
}

func Markdown(src []byte, entries []paperlist.Entry, papers []paperlist.Paper) ([]byte, error) {
	return bytesOf(func(w io.Writer) error { return WriteMarkdown(w, src, entries, papers) })
}

func Volatile(papers []paperlist.Paper) ([]byte, error) {
	return bytesOf(func(w io.Writer) error { return WriteVolatile(w, papers) })
}

func JSONL(papers []paperlist.Paper) ([]byte, error) {
	return bytesOf(func(w io.Writer) error { return WriteJSONL(w, papers) })
}
