package readinglist

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrEmpty is returned for input with nothing but white space.
var ErrEmpty = errors.New("empty list")

// ErrBinary is returned for input that is not text: it holds NUL bytes, or
// more than binaryInvalidPercent percent of its bytes are not UTF-8.
var ErrBinary = errors.New("input looks binary")

// binaryInvalidPercent is the share of invalid UTF-8 bytes above which input
// is taken for binary data rather than text with a few bad bytes.
const binaryInvalidPercent = 30

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// checkInput rejects input that cannot be a list and returns the text
// without its byte-order mark.
func checkInput(src []byte) ([]byte, error) {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return nil, fmt.Errorf("%w: UTF-16 text (save the list as UTF-8)", ErrBinary)
	}
	body := bytes.TrimPrefix(src, utf8BOM)
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, ErrEmpty
	}
	if i := bytes.IndexByte(body, 0); i >= 0 {
		return nil, fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, i+len(src)-len(body))
	}
	invalid := 0
	for i := 0; i < len(body); {
		r, n := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		}
		i += n
	}
	if invalid*100 > len(body)*binaryInvalidPercent {
		return nil, fmt.Errorf("%w: %d of %d bytes are not UTF-8", ErrBinary, invalid, len(body))
	}
	return body, nil
}

// lineReader yields the lines of the input one at a time, without their
// "\n", "\r\n" or (for old Mac files) "\r" ending, with invalid UTF-8
// replaced by U+FFFD: the lines goldmark reads, joined again by "\n", so
// that every line end is one byte and offsets map back to line numbers.
type lineReader struct {
	src []byte
	pos int
	num int
	sep byte
}

// rawLine is one line of input.
type rawLine struct {
	num     int
	text    string
	invalid bool // the line held invalid UTF-8, now replaced
}

func newLineReader(src []byte) *lineReader {
	sep := byte('\n')
	if bytes.IndexByte(src, '\n') < 0 && bytes.IndexByte(src, '\r') >= 0 {
		sep = '\r'
	}
	return &lineReader{src: src, sep: sep}
}

// next returns the next line; ok is false at the end of input.
func (r *lineReader) next() (rawLine, bool) {
	if r.pos >= len(r.src) {
		return rawLine{}, false
	}
	b := r.src[r.pos:]
	if i := bytes.IndexByte(b, r.sep); i >= 0 {
		b = b[:i]
		r.pos += i + 1
	} else {
		r.pos = len(r.src)
	}
	b = bytes.TrimSuffix(b, []byte{'\r'})
	r.num++
	l := rawLine{num: r.num}
	if utf8.Valid(b) {
		l.text = string(b)
	} else {
		l.text = strings.ToValidUTF8(string(b), "\uFFFD")
		l.invalid = true
	}
	return l, true
}
