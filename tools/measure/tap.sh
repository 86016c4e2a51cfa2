#!/usr/bin/env bash
# The tap bench: what a user feels when they tap the release kiosk in a real X window
# (Xvfb), and, in the same run, Chromium in kiosk mode showing a page like it
# (tools/measure/chromium/). For each case: taps, p50 / p90 / max of press → first
# changed frame, p50 of press → last frame, and CPU per tap (the process and its
# children, less their idle rate). tap.py says how one tap is measured.
#
#   tools/measure/tap.sh [BINARY]          # default target/release/relay-kiosk
#   TAP_REPEATS=10 tools/measure/tap.sh    # cycles per case (default 10: 20 taps a case)
#   TAP_SCREENS="1920x1080" tools/measure/tap.sh        # only some screens
#   TAP_CASES="home-charging" tools/measure/tap.sh      # only some cases (tap_bench.rs)
#   TAP_CHROMIUM=0 tools/measure/tap.sh    # without the Chromium reference
#
# Needs: Xvfb (Debian: xvfb), python3 with libX11, libXext and libXtst (Debian: libx11-6,
# libxext6, libxtst6), and for the reference Chromium (Debian: chromium). Where to tap
# comes from the UI test `tap_bench` (tests/ui/tap_bench.rs), which this runs first, so
# the bench taps what the simulator finds on each screen. Build first with
# `cargo build --release`.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-target/release/relay-kiosk}
[ -x "$bin" ] || { echo "no $bin: run cargo build --release first" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "missing Xvfb (Debian: apt install xvfb)" >&2; exit 1; }
repeats=${TAP_REPEATS:-10}
screens=${TAP_SCREENS:-1920x1080 1280x800-elder 1080x1920}

work=$(mktemp -d)
xvfb= app=
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null || true
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

TAP_BENCH_PLAN=$work cargo test -q --test ui tap_bench >/dev/null 2>&1 \
    || { echo "the tap_bench UI test fails: run cargo test --test ui tap_bench" >&2; exit 1; }

display=:${MEASURE_DISPLAY:-96}
export DISPLAY=$display
screen_on() {
    Xvfb "$display" -screen 0 "$1x24" -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
    sleep 0.5
}
screen_off() { kill "$xvfb"; wait "$xvfb" 2>/dev/null || true; xvfb=; }
stop() { kill "$app"; wait "$app" 2>/dev/null || true; app=; }

echo "| case | taps | p50 ms | p90 ms | max ms | last frame p50 ms | CPU per tap ms |"
echo "|---|---|---|---|---|---|---|"
row() { awk -F'\t' -v s="$1" '
    $2 ~ / ms\/s$/ { print "| " s " " $1 " | | | | | | " $2 " |"; next }
    { print "| " s " " $1 " | " $2 " | " $3 " | " $4 " | " $5 " | " $6 " | " $7 " |" }'; }

for screen in $screens; do
    size=${screen%-elder}
    data=$work/data-$screen
    mkdir -p "$data"
    screen_on "$size"
    # A new station loads the demo when the kiosk first starts; then the bench's 40 more
    # slots (a charging grid with 下一页) and the tests' staff PIN, as tap_bench.rs has.
    "$bin" --data-dir "$data" >/dev/null 2>&1 &
    app=$!
    sleep 5
    stop
    for i in $(seq 40); do "$bin" --data-dir "$data" slot add "C$i" --connector usb-c --note 二楼 >/dev/null; done
    echo 246813 | "$bin" --data-dir "$data" staff set-pin >/dev/null
    "$bin" --data-dir "$data" >/dev/null 2>&1 &
    app=$!
    sleep 3
    python3 tools/measure/tap.py "$work/$screen.plan" "$repeats" "$app" | row "kiosk $screen"
    echo "| kiosk $screen PSS | | | | | | $(( $(awk '$1 == "Pss:" { print $2 }' "/proc/$app/smaps_rollup") / 1024 )) MB |"
    stop
    screen_off
done

if [ "${TAP_CHROMIUM:-1}" != 0 ] && command -v chromium >/dev/null; then
    screen_on 1920x1080
    chromium --kiosk --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --disable-features=Translate \
        --user-data-dir="$work/chromium" --window-position=0,0 --window-size=1920,1080 \
        "file://$PWD/tools/measure/chromium/kiosk.html" >/dev/null 2>&1 &
    app=$!
    sleep 8
    python3 tools/measure/tap.py tools/measure/chromium/1920x1080.plan "$repeats" "$app" \
        | row "Chromium $(chromium --version | awk '{ print $2 }') 1920x1080"
    stop
    screen_off
fi
