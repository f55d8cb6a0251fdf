package output

import (
	"io"

	"github.com/paperlist/paperlist"
)

// WriteVolatile writes the values that change without the paper changing
// (stars, last push, citation count) as volatile.json: one object keyed by
// paper id, keys sorted, 2-space indent, final newline. Only papers that
// have such values appear; with none it writes "{}". Keeping them out of
// papers.json keeps the dataset's diff about the papers.
func WriteVolatile(w io.Writer, papers []paperlist.Paper) error {
	return writeAllTo(newVolatileSink(w), papers)
}

func newVolatileSink(w io.Writer) *volatileSink {
	return &volatileSink{w: w, m: map[string]paperlist.Volatile{}}
}
