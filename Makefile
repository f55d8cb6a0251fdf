# paperlist — see README.md. Every target runs offline.
GO      ?= go
BIN     := bin
LIST    := examples/systems-reading-list.md

.PHONY: all build test race bench lint demo clean

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
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./...

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# The whole pipeline on the bundled list, offline: a local HTTPS proxy
# replays the recorded answers in testdata/recorded (see examples/demo.sh).
demo: build
	./examples/demo.sh $(LIST)

clean:
	rm -rf $(BIN) out demo-out
