#!/usr/bin/env bash
# Damaged stores, again and again, against the real binary: for each kind of damage (zero
# bytes, truncated, bad header, an overwritten table page) a command must recover the store
# from the newest good backup — or, with none, start an empty station — keep the damaged file,
# and say so on stderr; never fail, never load the demo.
#
#   tools/soak/damaged_store.sh [--quick] [path/to/relay-kiosk]
#
# --quick: 2 rounds (CI); otherwise 25. Needs python3 (to find a table's page) and a built
# binary (default target/debug/relay-kiosk; `cargo build` or `cargo test` makes it).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=25
if [[ ${1:-} == --quick ]]; then rounds=2; shift; fi
bin=$(realpath "${1:-target/debug/relay-kiosk}")
[[ -x $bin ]] || { echo "no binary at $bin: run cargo build first" >&2; exit 2; }
export TZ=Asia/Shanghai RUST_LOG=off

fail() { echo "FAIL: $*" >&2; exit 1; }

damage() { # FILE KIND
    local db=$1 kind=$2
    case $kind in
        zero) : > "$db" ;;
        truncated) truncate -s $(( $(stat -c %s "$db") / 2 + 100 )) "$db" ;;
        header) printf 'NOT A DATABASE!' | dd of="$db" conv=notrunc status=none ;;
        page) python3 - "$db" <<'PY'
import sqlite3, sys
db = sys.argv[1]
con = sqlite3.connect(db)
root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notice'").fetchone()[0]
con.close()
with open(db, "r+b") as f:
    f.seek((root - 1) * 4096)
    f.write(b"\xa5" * 4096)
PY
        ;;
    esac
}

ms() { date +%s%N | cut -c1-13; }
total=0 runs=0
for ((round = 1; round <= rounds; round++)); do
    for kind in zero truncated header page; do
        for with_backup in yes no; do
            dir=$(mktemp -d)
            export RELAY_KIOSK_DATA_DIR=$dir
            "$bin" notice add --title "before-$round" >/dev/null
            if [[ $with_backup == yes ]]; then "$bin" backup now >/dev/null; fi
            "$bin" notice add --title "after-$round" >/dev/null
            damage "$dir/relay-kiosk.sqlite3" "$kind"
            start=$(ms)
            out=$("$bin" notice list --all --json 2>"$dir/stderr") \
                || fail "$kind/$with_backup: the command failed: $(cat "$dir/stderr")"
            total=$((total + $(ms) - start)) runs=$((runs + 1))
            ls "$dir" | grep -q '^relay-kiosk.sqlite3.damaged-' \
                || fail "$kind/$with_backup: the damaged store was not kept"
            if [[ $with_backup == yes ]]; then
                grep -q '的备份恢复' "$dir/stderr" || fail "$kind: no word on stderr"
                [[ $out == *"before-$round"* && $out != *"after-$round"* ]] \
                    || fail "$kind: not the backup's data: $out"
            else
                grep -q '没有可用的备份' "$dir/stderr" || fail "$kind/no backup: no word on stderr"
                [[ $(tr -d ' \n' <<<"$out") == '[]' ]] || fail "$kind/no backup: not empty: $out"
            fi
            # Recovered once: the next command is quiet.
            "$bin" notice list --all >/dev/null 2>"$dir/stderr2"
            [[ ! -s $dir/stderr2 ]] || fail "$kind: warned twice: $(cat "$dir/stderr2")"
            rm -rf "$dir"
        done
    done
done
echo "damaged_store: $runs recoveries ok, $((total / runs)) ms per recovering command (process start included)"
