#!/usr/bin/env bash
# Runs paperlist end to end on a machine without network: a local HTTPS proxy
# (bin/paperlist-replay) answers from the recorded answers in
# testdata/recorded/, and paperlist reaches it exactly as it reaches a real
# proxy, through HTTPS_PROXY and SSL_CERT_FILE. Run it twice: the second run
# makes no requests.
set -euo pipefail
list=${1:-examples/systems-reading-list.md}
out=${OUT:-demo-out}
work=$(mktemp -d)
trap 'kill $replay_pid 2>/dev/null || true; rm -rf "$work"' EXIT

bin/paperlist-replay -dir testdata/recorded -ca-out "$work/ca.pem" -addr-out "$work/addr" 2>"$work/replay.log" &
replay_pid=$!
for _ in $(seq 1 100); do [ -s "$work/addr" ] && break; sleep 0.05; done
[ -s "$work/addr" ] || { echo "demo: the replay proxy did not start" >&2; exit 1; }

export HTTPS_PROXY=$(cat "$work/addr") HTTP_PROXY=$(cat "$work/addr") SSL_CERT_FILE="$work/ca.pem" NO_PROXY=
cache="$out/cache.sqlite"
mkdir -p "$out"
rm -f "$cache" "$cache"-wal "$cache"-shm "$cache".lock
# The recorded answers stand in for the sites, so the demo may go faster than
# the real per-host rates.
rates=(--rate www.usenix.org=20 --rate dblp.org=20 --rate api.crossref.org=20 --rate api.openalex.org=20
       --rate api.semanticscholar.org=20 --rate api.github.com=20 --rate export.arxiv.org=20 --rate dl.acm.org=20)

echo "== first run (cold cache) =="
set +e
bin/paperlist enrich --mailto demo@example.invalid --cache "$cache" --out "$out" "${rates[@]}" -q "$list"
code=$?
echo "exit code $code"
echo "== second run (warm cache) =="
bin/paperlist enrich --mailto demo@example.invalid --cache "$cache" --out "$out" "${rates[@]}" -q "$list"
echo "exit code $?"
set -e
kill $replay_pid 2>/dev/null || true
wait $replay_pid 2>/dev/null || true
echo "== the replay proxy =="
grep -v "no recorded answer" "$work/replay.log" || true
echo "($(grep -c "no recorded answer" "$work/replay.log" || true) distinct URLs had no recorded answer and got 404: see testdata/recorded/README.md)"
echo "== dataset =="
ls -l "$out"
bin/paperlist cache stats --cache "$cache"
