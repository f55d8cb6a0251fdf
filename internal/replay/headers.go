package replay

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// droppedHeaders are recorded headers that are never replayed: hop-by-hop
// headers and framing that the server computes itself, and Date, which the
// server sets to the replay time as a live server would.
var droppedHeaders = []string{
	"Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Date",
	"Proxy-Connection", "Upgrade", "Trailer",
}

// parseHeaders parses a headers file: a status line ("HTTP/1.1 403
// Forbidden", "HTTP/2 200") followed by "Name: value" lines, as saved by curl
// -D. Blank lines are ignored, a repeated name adds a value.
func parseHeaders(data []byte) (int, http.Header, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	status := 0
	h := make(http.Header)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if status == 0 {
			s, err := parseStatusLine(line)
			if err != nil {
				return 0, nil, fmt.Errorf("line %d: %w", n, err)
			}
			status = s
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) == "" || strings.ContainsAny(name, " \t") {
			return 0, nil, fmt.Errorf("line %d: want \"Name: value\", got %q", n, line)
		}
		h.Add(name, strings.TrimSpace(value))
	}
	if err := sc.Err(); err != nil {
		return 0, nil, err
	}
	if status == 0 {
		return 0, nil, fmt.Errorf("no status line")
	}
	for _, name := range droppedHeaders {
		h.Del(name)
	}
	return status, h, nil
}

// parseStatusLine returns the code of "HTTP/x[.y] NNN [reason]".
func parseStatusLine(line string) (int, error) {
	proto, rest, _ := strings.Cut(line, " ")
	if !strings.HasPrefix(proto, "HTTP/") {
		return 0, fmt.Errorf("want a status line such as \"HTTP/1.1 200 OK\", got %q", line)
	}
	code, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
	s, err := strconv.Atoi(code)
	if err != nil || s < 100 || s > 599 {
		return 0, fmt.Errorf("bad status in %q", line)
	}
	return s, nil
}
