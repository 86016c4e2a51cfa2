#!/usr/bin/env bash
# Fault injection (kill -9 during CLI writes and feed traffic). `--quick` for CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet --bin relay-kiosk --example soak
exec target/debug/examples/soak "$@"
