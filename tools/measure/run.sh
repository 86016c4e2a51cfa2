#!/usr/bin/env bash
# Measures the release kiosk under Xvfb at 1920×1080 with the demo data: time from exec to
# the first frame (the screen's centre pixel changing), then PSS and RSS after 20 s on home,
# and again after visiting every screen from home once (by clicking its tile, then
# 返回首页). Figures go in the README ("Memory and start-up").
#
#   tools/measure/run.sh [BINARY]        # default target/release/relay-kiosk
#   MEASURE_FONTS=1 tools/measure/run.sh      # also which pages of the embedded fonts are
#                                             # resident, by font table (font_pages.py)
#   MEASURE_CACHE=cold tools/measure/run.sh   # first drop the binary from the page cache
#                                             # (as after a reboot), or
#   MEASURE_CACHE=read tools/measure/run.sh   # drop it, then read it whole (as after a copy):
#                                             # how the binary sits in the page cache decides
#                                             # how many pages one touched byte maps
#   MEASURE_STORE=FILE tools/measure/run.sh   # start on a copy of FILE instead of the demo
#                                             # (e.g. the 100k-book store `cargo bench --bench
#                                             # books` leaves in target/bench-books-100k/)
#
# Needs: Xvfb and xdotool (Debian: xvfb xdotool), python3 and libX11 (for the pixel
# poll). Build first with `cargo build --release`. The tile positions below are the
# 1920×1080 home screen's (tests/snapshots/home-landscape-tiny-skia.png); update them
# when home's bottom row changes.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-target/release/relay-kiosk}
[ -x "$bin" ] || { echo "no $bin: run cargo build --release first" >&2; exit 1; }
for tool in Xvfb xdotool python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (Debian: apt install xvfb xdotool)" >&2; exit 1; }
done

display=:${MEASURE_DISPLAY:-97}
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
data=$(mktemp -d)
kiosk=
cleanup() {
    [ -n "$kiosk" ] && kill "$kiosk" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

# kB of a field of /proc/PID/smaps_rollup.
field() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$kiosk/smaps_rollup"; }
report() {
    echo "$1: PSS $(( $(field Pss) / 1024 )) MB, RSS $(( $(field Rss) / 1024 )) MB"
    if [ -n "${MEASURE_FONTS:-}" ]; then
        python3 tools/measure/font_pages.py "$kiosk" assets/fonts/*.otf | sed 's/^/    /'
    fi
}

start() {
    # First frame: the centre pixel of the (black) root window changes.
    out=$(python3 tools/measure/firstpixel.py 960 540 30 -- "$bin" --data-dir "$data" 2>/dev/null)
    kiosk=$(echo "$out" | awk '/^pid/ { print $2 }')
    echo "$1: first frame $(echo "$out" | awk '/^first_frame_ms/ { print $2 }') ms after exec"
}
stop() { kill "$kiosk"; wait "$kiosk" 2>/dev/null || true; kiosk=; sleep 0.5; }

case "${MEASURE_CACHE:-}" in
    '') ;;
    cold | read)
        python3 -c 'import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$bin"
        [ "$MEASURE_CACHE" = read ] && cat "$bin" >/dev/null ;;
    *) echo "MEASURE_CACHE is cold or read" >&2; exit 1 ;;
esac
if [ -n "${MEASURE_STORE:-}" ]; then
    cp "$MEASURE_STORE" "$data/relay-kiosk.sqlite3"
    chmod 600 "$data/relay-kiosk.sqlite3"
fi
# A new station: the store is created and the demo loaded before the window opens.
start "new data directory (demo loaded at start)"
stop
# The everyday case: the kiosk (re)starts on an existing store.
start "existing store"
sleep 20
report "after 20 s on home"

# Home's bottom row at 1920×1080, left to right; 返回首页 is at the top left of each screen.
# 公告通知, 手机充电, 微心愿, 阅读角, 许个微心愿, 提个建议, 工作人员 (长辈模式 is skipped).
tiles=("183 992" "464 992" "708 992" "951 992" "1195 992" "1439 992" "1812 992")
for tile in "${tiles[@]}"; do
    xdotool mousemove $tile click 1
    sleep 2
    xdotool mousemove 161 75 click 1
    sleep 1
done
# The staff tile opens the PIN keypad; the demo store has no PIN, so 返回首页 again.
sleep 5
report "after every screen once"
