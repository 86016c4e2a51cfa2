#!/usr/bin/env bash
# Builds the Debian package and checks what is in it:
#   packaging/check.sh            # release build + cargo deb + checks
#   packaging/check.sh --no-build # package and check the last build of this script
# Slow (a full release build on a cold target directory), so `.ci/run` does not run it.
# Needs cargo-deb (`cargo install cargo-deb`), dpkg-deb and binutils (`strings`);
# uses systemd-analyze (package `systemd`) when it is there.
#
# The build gets its own target directory (default target/deb; set RELAY_DEB_TARGET_DIR
# to change it): its RUSTFLAGS and CFLAGS differ from a plain `cargo build --release`,
# so sharing one would rebuild everything each time either runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TARGET_DIR="${RELAY_DEB_TARGET_DIR:-$root/target/deb}"
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
sysroot="$(rustc --print sysroot)"
# No path of the build machine in the binary: panic messages name the source file of the
# crate they come from, and C asserts (bundled SQLite) name theirs. Remap them.
# (rustc applies the last matching prefix, so the longer ones come later.)
export RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$root=/relay-kiosk --remap-path-prefix=$CARGO_TARGET_DIR=/target --remap-path-prefix=$cargo_home=/cargo --remap-path-prefix=$sysroot=/rust"
export CFLAGS="${CFLAGS:-} -ffile-prefix-map=$root=/relay-kiosk -ffile-prefix-map=$CARGO_TARGET_DIR=/target -ffile-prefix-map=$cargo_home=/cargo"

fail=0
check() { # check DESCRIPTION COMMAND…
    local what=$1
    shift
    if "$@"; then
        echo "ok    $what"
    else
        echo "FAIL  $what"
        fail=1
    fi
}

if [[ "${1:-}" != "--no-build" ]]; then
    cargo build --release --locked
fi
rm -f "$CARGO_TARGET_DIR"/debian/relay-kiosk_*.deb
cargo deb --no-build --locked
deb=$(ls "$CARGO_TARGET_DIR"/debian/relay-kiosk_*.deb)
echo "package: $deb"

listing=$(dpkg-deb -c "$deb")
echo "$listing"
dpkg-deb -I "$deb"
has() { grep -qE " \./$1\$" <<<"$listing"; }
check "binary /usr/bin/relay-kiosk" has "usr/bin/relay-kiosk"
check "unit /usr/lib/systemd/system/relay-kiosk.service" has "(usr/)?lib/systemd/system/relay-kiosk.service"
for f in NOTICE OFL.txt copyright config.toml.example README-station.md; do
    check "/usr/share/doc/relay-kiosk/$f" has "usr/share/doc/relay-kiosk/$f"
done
check "copyright is packaging/copyright" \
    cmp -s packaging/copyright <(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/doc/relay-kiosk/copyright)
check "binary is executable (rwxr-xr-x)" grep -qE '^-rwxr-xr-x .* \./usr/bin/relay-kiosk$' <<<"$listing"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
dpkg-deb -e "$deb" "$work/control"
bin="$work/root/usr/bin/relay-kiosk"
leaks=$(strings -n 6 "$bin" | grep -E '/work/|/root/|/home/' | head -5 || true)
if [[ -n "$leaks" ]]; then
    echo "$leaks"
fi
check "no build paths (/work/, /root/, /home/) in the binary" test -z "$leaks"
check "the packaged binary runs (--version)" "$bin" --version
check "postinst creates the user and /var/lib/relay-kiosk" \
    grep -q 'adduser --system' "$work/control/postinst"
check "postrm purges /var/lib/relay-kiosk" grep -q 'rm -rf /var/lib/relay-kiosk' "$work/control/postrm"
for s in postinst postrm prerm; do
    if [[ -f "$work/control/$s" ]]; then
        check "$s is valid sh" sh -n "$work/control/$s"
    fi
done
check "unit in the package is packaging/relay-kiosk.service" \
    cmp -s packaging/relay-kiosk.service "$(find "$work/root" -name relay-kiosk.service | head -1)"

# systemd-analyze verify wants the binaries ExecStart names to exist; check against the
# unpacked package, and against cage if installed.
if command -v systemd-analyze >/dev/null; then
    if [[ -x /usr/bin/cage && -x /usr/bin/relay-kiosk ]]; then
        check "systemd-analyze verify" systemd-analyze verify packaging/relay-kiosk.service
    else
        # Not installed here: verify a copy whose paths point into the unpacked package.
        unit="$work/relay-kiosk.service"
        sed "s#/usr/bin/relay-kiosk#$bin#" packaging/relay-kiosk.service >"$unit"
        if [[ ! -x /usr/bin/cage ]]; then
            sed -i "s#/usr/bin/cage#$(command -v true)#" "$unit"
        fi
        check "systemd-analyze verify (paths into the unpacked package)" systemd-analyze verify "$unit"
    fi
else
    echo "skip  systemd-analyze verify (install the systemd package)"
fi

if [[ $fail -ne 0 ]]; then
    echo "packaging/check.sh: FAILED"
    exit 1
fi
echo "packaging/check.sh: all checks passed"
