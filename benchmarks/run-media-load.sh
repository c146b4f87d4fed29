#!/usr/bin/env bash
# Runs the media load table of benchmarks/RESULTS.md and prints it as markdown on standard output
# (progress and per-run summaries go to standard error).
#
#   benchmarks/run-media-load.sh [--quick] [--skip-build] [--pin] [extra MediaLoadHarness options...]
#
# Sections: the relay at 10k, 50k and 100k packets/s, with the harness's streams sharing its sockets (sendmmsg,
# recvmmsg) and again with one harness socket per stream (the issue's set-up); the harness alone at the same rates
# (--no-relay: the floor of latency and the generator's capacity, to subtract); flat out (the generator sends as fast
# as it can through the relay); the highest lossless rate. Syscalls and context switches per packet are counted with perf stat when it may.
# --quick: one run per rate and a short search (for a smoke check); default: 3 runs per rate (medians).
# --pin: the relay process on CPU 0, the harness (generator, receiver) on the other CPUs (taskset), so that they
#        do not preempt each other; the relay then has one core.
# Extra options go to every harness invocation (after the section's own, so they win), e.g. --sender-sockets 0 --sink-sockets 0 (one socket per stream
# on the harness's side, as the issue's C generator), --relay-loops 2, --relay-jvm-opt=-XX:+UseParallelGC.
# Everything binds 127.0.0.1 only; each run is bounded (warm-up + duration) and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
search_duration=5
build=1
pin=0
extra=(--count-syscalls)
for arg in "$@"; do
  case "$arg" in
    --quick) runs=1; search_duration=3 ;;
    --skip-build) build=0 ;;
    --pin) pin=1 ;;
    *) extra+=("$arg") ;;
  esac
done

if [[ $build == 1 ]]; then
  mvn -q -o -pl benchmarks -am package -DskipTests >&2
fi

prefix=()
if [[ $pin == 1 ]]; then
  last_cpu=$(($(nproc) - 1))
  prefix=(taskset -c "1-$last_cpu")
  extra+=(--relay-cpus 0)
fi

harness() {
  "${prefix[@]}" java -Dlogback.configurationFile=io/holdfast/benchmarks/rtp/media-load-logback.xml \
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
echo "#### Fixed rates, one harness socket per stream as the issue's C generator ($runs run(s) per rate, medians)"
echo
harness --rates 10000,50000,100000 --runs "$runs" --warmup-s 5 --duration-s 10 --sender-sockets 0 --sink-sockets 0
echo
echo "#### The harness alone, no relay (one run per rate; warm-up 5 s, measured 10 s)"
echo
harness --rates 10000,50000,100000 --no-relay --warmup-s 5 --duration-s 10
echo
echo "#### Flat out through the relay (2000 and 6000 streams, no schedule; warm-up 5 s, measured 10 s)"
echo
harness --rates 100000,300000 --flat-out --warmup-s 5 --duration-s 10
echo
echo "#### Highest lossless rate (one run per step; warm-up 3 s, measured ${search_duration} s)"
echo
harness --search --search-from 50000 --search-max 300000 --search-steps 3 --warmup-s 3 \
  --duration-s "$search_duration"
