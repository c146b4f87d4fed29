#!/usr/bin/env bash
# Runs the media load table with the C load generator (benchmarks/loadgen/rtp-loadgen.c: one UDP socket per stream,
# 172-byte G.711 packets, 50 packets/s per stream, as the issue's reference measurements) and prints it as markdown
# on standard output (progress and per-run summaries go to standard error).
#
#   benchmarks/run-media-load-c.sh [--quick] [--skip-build] [--pin] [extra MediaLoadHarness options...]
#
# For --relay-loops 1 and then 2: the relay at 10k, 50k and 100k packets/s (3 runs each, medians), flat out with
# 6,000 streams, and the highest lossless rate (grows by half from 100k, then bisects; 0 loss over a 10-s window and
# at least 95 % of the rate arrived). Relay CPU per packet, syscalls and context switches per packet as in
# run-media-load.sh; the "harness" columns are the C generator's two threads.
# --quick: one run per rate, 3-s windows, a short search (a smoke check).
# --pin: with one relay loop, the relay on CPU 0 and the generator (and the harness) on CPU 1 (taskset); the 2-loop
#        section is not pinned (the relay needs both CPUs).
# Extra options go to every harness invocation (after the script's, so they win), e.g. --c-sinks 4 (the generator's
# streams share 4 receiving sockets, read with recvmmsg: a cheaper receiver, the same relay work) or --warmup-s 20.
# Needs gcc (the generator is compiled into benchmarks/target/rtp-loadgen). Everything binds 127.0.0.1 only; each
# run is bounded (warm-up + duration, and the generator's own hard stop) and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v gcc > /dev/null; then
  echo "run-media-load-c.sh: gcc not found: install build-essential (apt-get install build-essential)" >&2
  exit 1
fi

runs=3
warmup=10
duration=10
search_steps=4
build=1
pin=0
extra=(--count-syscalls)
for arg in "$@"; do
  case "$arg" in
    --quick) runs=1; warmup=3; duration=3; search_steps=2 ;;
    --skip-build) build=0 ;;
    --pin) pin=1 ;;
    *) extra+=("$arg") ;;
  esac
done

if [[ $build == 1 ]]; then
  mvn -q -o -pl benchmarks -am package -DskipTests >&2
fi
mkdir -p benchmarks/target
gcc -std=c11 -O2 -Wall -Wextra -Werror -pthread -o benchmarks/target/rtp-loadgen benchmarks/loadgen/rtp-loadgen.c

harness() {
  local prefix=()
  local pinning=()
  if [[ $pin == 1 && $1 == 1 ]]; then
    prefix=(taskset -c 1)
    pinning=(--relay-cpus 0 --generator-cpus 1)
  fi
  shift
  "${prefix[@]}" java -Dlogback.configurationFile=io/holdfast/benchmarks/rtp/media-load-logback.xml \
    -cp benchmarks/target/benchmarks.jar io.holdfast.benchmarks.rtp.MediaLoadHarness \
    --c-generator benchmarks/target/rtp-loadgen "${pinning[@]}" "$@" "${extra[@]}"
}

echo "### Media load with the C generator ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo
echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), kernel $(uname -r)"
echo "- JDK: $(java -version 2>&1 | head -1); $(gcc --version | head -1)"
echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- command: \`benchmarks/run-media-load-c.sh $*\` (harness options: ${extra[*]})"
for loops in 1 2; do
  echo
  echo "#### Relay loops: $loops$([[ $pin == 1 && $loops == 1 ]] && echo ', pinned: relay CPU 0, generator CPU 1')"
  echo
  echo "##### Fixed rates ($runs run(s) per rate, medians; warm-up ${warmup} s, measured ${duration} s)"
  echo
  harness "$loops" --relay-loops "$loops" --rates 10000,50000,100000 --runs "$runs" --warmup-s "$warmup" \
    --duration-s "$duration"
  echo
  echo "##### Flat out (6000 streams, no schedule; warm-up ${warmup} s, measured ${duration} s)"
  echo
  harness "$loops" --relay-loops "$loops" --rates 300000 --flat-out --warmup-s "$warmup" --duration-s "$duration"
  echo
  echo "##### Highest lossless rate (one run per step; warm-up 5 s, measured ${duration} s)"
  echo
  harness "$loops" --relay-loops "$loops" --search --search-from 100000 --search-max 400000 \
    --search-steps "$search_steps" --warmup-s 5 --duration-s "$duration"
done
echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
