package cache

import (
	"context"
	"net/http"
	"time"

	"github.com/paperlist/paperlist/fetch"
)

// The Store keeps each origin's last robots.txt for the fetch client (a
// fetch.RobotsStore), as the answer to its URL in the responses table: a
// robots.txt that cannot be read on a later run falls back on it.
var _ fetch.RobotsStore = (*Store)(nil)

// LoadRobots returns the stored robots.txt of robotsURL, whatever its age.
func (s *Store) LoadRobots(ctx context.Context, robotsURL string) ([]byte, bool, error) {
	c, err := s.Response(ctx, Key(robotsURL))
	if err != nil || c == nil || c.Negative {
		return nil, false, err
	}
	return c.Resp.Body, true, nil
}

// SaveRobots stores body as robotsURL's robots.txt, read at at. An empty
// body stands for a robots.txt answered with a 4xx: it allows everything.
func (s *Store) SaveRobots(ctx context.Context, robotsURL string, body []byte, at time.Time) error {
	key := Key(robotsURL)
	return s.PutResponse(ctx, &fetch.Response{
		URL: key, FinalURL: key, Status: http.StatusOK,
		Header: http.Header{"Content-Type": {"text/plain"}}, Body: body, FetchedAt: at,
	})
}
