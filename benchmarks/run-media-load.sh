#!/usr/bin/env bash
# Runs the media load table of benchmarks/RESULTS.md and prints it as markdown on standard output
# (progress and per-run summaries go to standard error).
#
#   benchmarks/run-media-load.sh [--quick] [--skip-build] [extra MediaLoadHarness options...]
#
# --quick: one run per rate and a short search (for a smoke check); default: 3 runs per rate (medians).
# Extra options go to every harness invocation, e.g. --transport=IO_URING or --relay-opt=--max-messages-per-read=1.
# Everything binds 127.0.0.1 only; each run is bounded (warm-up + duration) and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
search_duration=5
build=1
extra=()
for arg in "$@"; do
  case "$arg" in
    --quick) runs=1; search_duration=3 ;;
    --skip-build) build=0 ;;
    *) extra+=("$arg") ;;
  esac
done

if [[ $build == 1 ]]; then
  mvn -q -o -pl benchmarks -am package -DskipTests >&2
fi

harness() {
  java -Dlogback.configurationFile=io/holdfast/benchmarks/rtp/media-load-logback.xml \
    -cp benchmarks/target/benchmarks.jar io.holdfast.benchmarks.rtp.MediaLoadHarness "$@" "${extra[@]}"
}

echo "### Media load ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo
echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), kernel $(uname -r)"
echo "- JDK: $(java -version 2>&1 | head -1)"
echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- command: \`benchmarks/run-media-load.sh $*\` (harness options: ${extra[*]:-none})"
echo
echo "#### Fixed rates ($runs run(s) per rate, medians; warm-up 5 s, measured 10 s)"
echo
harness --rates 10000,50000,100000 --runs "$runs" --warmup-s 5 --duration-s 10
echo
echo "#### Highest lossless rate (one run per step; warm-up 3 s, measured ${search_duration} s)"
echo
harness --search --search-from 50000 --search-max 300000 --search-steps 3 --warmup-s 3 \
  --duration-s "$search_duration"
