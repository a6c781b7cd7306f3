#!/usr/bin/env bash
# Cold release builds of the two minimal clients, one after the other, each in a fresh
# target directory with the sources already downloaded (--offline after a `cargo fetch`):
# wall time, CPU time (user + sys, all rustc and build-script processes) and the binary's
# size as built and stripped. Usage: benches/client-size/run.sh [JOBS]
set -euo pipefail
cd "$(dirname "$0")"
jobs=${1:-2}
for client in ours aws-sdk-iam; do
  (cd "$client" && cargo fetch --quiet)
  target=$(mktemp -d)
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$target/cpu" \
    cargo build --release --offline --quiet --jobs "$jobs" --manifest-path "$client/Cargo.toml" --target-dir "$target"
  end=$(date +%s.%N)
  bin=$(find "$target/release" -maxdepth 1 -type f -name 'client-size-*' -perm -u+x)
  strip -o "$target/stripped" "$bin"
  read -r user sys < "$target/cpu"
  crates=$(cd "$client" && cargo tree --prefix none -e normal --offline | sed 's/ (\*)$//' | sort -u | wc -l)
  printf '%-12s wall %6.1f s  cpu %6.1f s  binary %5.2f MB (stripped %5.2f MB)  crates %d\n' "$client" \
    "$(echo "$end - $start" | bc)" "$(echo "$user + $sys" | bc)" \
    "$(echo "scale=2; $(stat -c %s "$bin") / 1000000" | bc)" \
    "$(echo "scale=2; $(stat -c %s "$target/stripped") / 1000000" | bc)" "$crates"
  rm -rf "$target"
done
