#!/bin/sh
# Regenerates the hold prompts shipped in rtp-media's resources from their text.
#
#   espeak-ng  voice en-us, fixed speed, pitch, amplitude and word gap, 22050 Hz output
#   sox        trim leading/trailing silence, resample to 8000 Hz mono 16-bit signed PCM,
#              normalise to -1 dBFS, pad 200 ms of digital silence at both ends
#
# The output is byte-for-byte repeatable for a given espeak-ng and sox version: sox runs with
# -R (fixed seeds) and -D (no dither), and WAV files carry no time stamp. See README.md.
#
# Usage: make-prompts.sh [output-directory]   (default: the module's resource directory)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../resources/io/holdfast/rtp/prompt"}

VOICE=en-us
SPEED_WPM=150
PITCH=50
AMPLITUDE=100
WORD_GAP=1
NORMALISE_DBFS=-1
PAD_SECONDS=0.2

for tool in espeak-ng sox; do
    command -v "$tool" >/dev/null 2>&1 || { echo "make-prompts.sh: $tool is not installed" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

make_prompt() {
    name=$1
    text=$2
    espeak-ng -v "$VOICE" -s "$SPEED_WPM" -p "$PITCH" -a "$AMPLITUDE" -g "$WORD_GAP" \
        -w "$work/$name.raw.wav" "$text"
    # silence: drop everything before the first and after the last sound above 0.1 % of full scale,
    # then resample, normalise and pad. Effects run in order, left to right.
    sox -R -D -V1 "$work/$name.raw.wav" \
        -r 8000 -c 1 -b 16 -e signed-integer "$out/$name.wav" \
        silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse \
        rate -v 8000 \
        norm "$NORMALISE_DBFS" \
        pad "$PAD_SECONDS" "$PAD_SECONDS"
    echo "$out/$name.wav: $(soxi -s "$out/$name.wav") samples, $(soxi -D "$out/$name.wav") s"
}

mkdir -p "$out"
out=$(cd "$out" && pwd)
make_prompt please-hold-reconnect "Please hold while we reconnect you."
make_prompt please-hold-agent "Please hold, I am connecting you to an agent."
