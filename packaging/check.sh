#!/usr/bin/env bash
# Builds the Debian package and checks what is in it:
#   packaging/check.sh            # release build + cargo deb + checks
#   packaging/check.sh --no-build # package and check the last build of this script
# Slow (a full release build on a cold target directory), so `.ci/run` does not run it.
# Needs cargo-deb (`cargo install cargo-deb`), dpkg-deb, binutils (`strings`) and lintian;
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
# _FORTIFY_SOURCE: the bundled SQLite's memcpy and friends checked (lintian's hardening tag).
export CFLAGS="${CFLAGS:-} -D_FORTIFY_SOURCE=2 -ffile-prefix-map=$root=/relay-kiosk -ffile-prefix-map=$CARGO_TARGET_DIR=/target -ffile-prefix-map=$cargo_home=/cargo"

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
check "man page relay-kiosk(1)" has "usr/share/man/man1/relay-kiosk.1.gz"
check "a man page for every command ($(ls packaging/man | wc -l))" \
    test "$(grep -c 'usr/share/man/man1/relay-kiosk.*\.1\.gz$' <<<"$listing")" -eq "$(ls packaging/man | wc -l)"
check "Debian changelog" has "usr/share/doc/relay-kiosk/changelog.Debian.gz"
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

# Debian's own checks of the package: lintian must print nothing (no error, no warning;
# packaging/lintian-overrides holds the overrides, each with its reason). Its
# informational tags are listed after, for a reader, and do not fail the check; the ones
# seen: hardening-no-fortify-functions (Rust's std calls read, poll, … itself; the C of
# the bundled SQLite is fortified), no-md5sums-control-file (cargo-deb writes none),
# package-supports-alternative-init-but-no-init.d-script (systemd only, for cage on tty1)
# and spelling-error-in-binary (letters inside compressed data: the IME tables, fonts).
if command -v lintian >/dev/null; then
    # Tags go to stdout; stderr has only lintian's own notes (as root: "running with root
    # privileges is not recommended!"), shown but not counted. A lintian that fails to
    # run at all fails the check by its exit status.
    lintian_rc=0
    lintian_out=$(lintian "$deb" 2>"$work/lintian.err") || lintian_rc=$?
    sed 's/^/note  lintian: /' "$work/lintian.err"
    if [[ -n "$lintian_out" ]]; then
        echo "$lintian_out"
    fi
    check "lintian prints nothing" test -z "$lintian_out" -a "$lintian_rc" -eq 0
    check "lintian overrides in the package" has "usr/share/lintian/overrides/relay-kiosk"
    lintian --display-info "$deb" 2>&1 | grep '^I: ' | sed 's/^/info  /' || true
else
    echo "FAIL  lintian is not installed (sudo apt install lintian)"
    fail=1
fi

if [[ $fail -ne 0 ]]; then
    echo "packaging/check.sh: FAILED"
    exit 1
fi
echo "packaging/check.sh: all checks passed"
