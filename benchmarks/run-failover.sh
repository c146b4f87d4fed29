#!/usr/bin/env bash
# Runs the mid-call failover table of benchmarks/RESULTS.md and prints it as markdown on standard output
# (progress goes to standard error): holdfast on the built-in configuration moved to free loopback ports, simulated
# regions, one call at a time, the primary killed mid-call, N failovers per mode (cold, warm).
#
#   benchmarks/run-failover.sh [--quick] [--skip-build] [extra FailoverBenchmark options...]
#
# --quick: 10 failovers per mode (a smoke check); default: 200 per mode. Each mode is bounded by --max-seconds
# (default 600). Extra options go to the benchmark, e.g. --modes cold or --talk-ms 500.
# Exit status 1 when a failover was missed (the table says how).
set -euo pipefail
cd "$(dirname "$0")/.."

failovers=200
build=1
extra=()
for arg in "$@"; do
  case "$arg" in
    --quick) failovers=10 ;;
    --skip-build) build=0 ;;
    *) extra+=("$arg") ;;
  esac
done

if [[ $build == 1 ]]; then
  mvn -q -o -pl benchmarks -am package -DskipTests >&2
fi

echo "### Mid-call failover ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo
echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), kernel $(uname -r)"
echo "- JDK: $(java -version 2>&1 | head -1)"
echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- command: \`benchmarks/run-failover.sh $*\` ($failovers failovers per mode; built-in configuration on free"
echo "  loopback ports; the primary dies after each call's talk time; times from the caller's RTP recording and"
echo "  holdfast's route-change events)"
echo
java -cp benchmarks/target/benchmarks.jar io.holdfast.benchmarks.failover.FailoverBenchmark \
  --failovers "$failovers" "${extra[@]}"
