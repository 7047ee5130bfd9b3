#!/usr/bin/env bash
# Builds and runs the benchmarks (release), writing bench/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product facecast-bench
.build/release/facecast-bench
