package cache

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/paperlist/paperlist/fetch"
)

// BenchmarkReadThroughHit measures a warm Get: a fresh 40 KB USENIX page
// answered from the store.
func BenchmarkReadThroughHit(b *testing.B) {
	ctx := context.Background()
	s := openTemp(b)
	if err := s.PutResponse(ctx, goyalResponse(b, t0)); err != nil {
		b.Fatal(err)
	}
	next := &fakeNext{get: func(context.Context, fetch.Request) (*fetch.Response, error) {
		return nil, errors.New("unexpected request")
	}}
	rt := &ReadThrough{Store: s, Next: next, Now: func() time.Time { return t0 }}
	req := fetch.Request{URL: goyalURL}
	b.SetBytes(40685)
	b.ReportAllocs()
	for b.Loop() {
		resp, err := rt.Get(ctx, req)
		if err != nil || len(resp.Body) != 40685 {
			b.Fatalf("Get = %v", err)
		}
	}
	if next.calls.Load() != 0 {
		b.Fatalf("%d requests in a warm benchmark", next.calls.Load())
	}
}
