# paperlist — see README.md. Every target runs offline.
GO      ?= go
BIN     := bin
LIST    := examples/systems-reading-list.md

# mattn/go-sqlite3 compiles SQLite's FTS5 (the full-text index of
# --format sqlite) only with this build tag; every go command below gets it.
export GOFLAGS += -tags=sqlite_fts5

.PHONY: all build test race bench lint demo screenshot clean

all: lint test build

build:
	$(GO) build -o $(BIN)/paperlist ./cmd/paperlist
	$(GO) build -o $(BIN)/paperlist-replay ./cmd/paperlist-replay

# The test command README.md gives and CI runs.
test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -run '^$$' -bench . -benchtime=1x ./...

race:
	$(GO) test -count=1 -race ./...

# Numbers for BENCHMARKS.md.
# Micro-benchmarks (CPU and allocations per page) at the default benchtime;
# then the whole-command ones once each, at full size and with the 10,000-entry
# runs, against the binary built here (see BENCHMARKS.md; about 25 minutes).
bench:
	$(GO) build -o $(BIN)/paperlist ./cmd/paperlist
	$(GO) test -run '^$$' -bench . -benchmem -count=1 $$($(GO) list ./... | grep -v -e '/bench$$' -e '/cmd/paperlist$$')
	PAPERLIST_BIN=$(CURDIR)/$(BIN)/paperlist PAPERLIST_BENCH_FULL=1 PAPERLIST_BENCH_SCALE=1 \
	  $(GO) test -run '^$$' -bench . -benchmem -benchtime=1x -count=1 -timeout 90m ./bench ./cmd/paperlist

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# The whole pipeline on the bundled list, offline: a local HTTPS proxy
# replays the recorded answers in testdata/recorded (see examples/demo.sh).
demo: build
	./examples/demo.sh $(LIST)

# The README's screenshot of the bundled list's page (docs/screenshot.png),
# taken by the page's browser test; needs Debian's chromium.
screenshot:
	PAPERLIST_SCREENSHOT=$(CURDIR)/docs/screenshot.png $(GO) test -count=1 -run 'TestHTMLInBrowser$$' ./output

clean:
	rm -rf $(BIN) out demo-out
