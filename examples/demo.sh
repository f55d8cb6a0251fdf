#!/usr/bin/env bash
# Runs paperlist end to end on a machine without network: a local HTTPS proxy
# (bin/paperlist-replay) answers from the recorded answers in
# testdata/recorded/, and paperlist reaches it exactly as it reaches a real
# proxy, through HTTPS_PROXY and SSL_CERT_FILE. Run it twice: the second run
# makes no requests. It writes every format, and ends with the exit code of
# the first run and the paths of the page and the dataset.
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
args=(enrich --mailto demo@example.invalid --cache "$cache" --out "$out" "${rates[@]}" -q
      --format json,csv,bibtex,markdown,csljson,sqlite,html "$list")

echo "== first run (cold cache) =="
set +e
bin/paperlist "${args[@]}"
code=$?
echo "exit code $code"
echo "== second run (warm cache: no request) =="
bin/paperlist "${args[@]}"
code2=$?
echo "exit code $code2"
set -e
kill $replay_pid 2>/dev/null || true
wait $replay_pid 2>/dev/null || true
echo "== the replay proxy =="
grep -v "no recorded answer" "$work/replay.log" || true
echo "(what the archive does not hold is answered 404, as a site answers for a page that is not there:"
echo " searches that found nothing, robots.txt; see testdata/recorded/README.md)"
echo "== the cache =="
bin/paperlist cache stats --cache "$cache"
echo "== the dataset =="
ls -l "$out" | grep -v cache.sqlite
dir=$(cd "$out" && pwd)
# On a desktop, open the page (OPEN=0 to keep it closed).
if [ "${OPEN:-1}" != 0 ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then
  xdg-open "$dir/index.html" >/dev/null 2>&1 &
fi
echo
echo "page:    file://$dir/index.html"
echo "dataset: $dir/papers.json (also papers.csv, papers.bib, papers.csl.json, papers.db, $(basename "${list%.*}").enriched.md)"
if [ "$code" -ne 0 ] || [ "$code2" -ne 0 ]; then
  exit "$((code != 0 ? code : code2))"
fi
