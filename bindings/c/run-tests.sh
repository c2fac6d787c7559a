#!/usr/bin/env bash
# Builds the C library in release, then compiles c/test_lianjian.c with gcc
# and runs it twice:
#   1. against the static library, with AddressSanitizer (leaks fail the run)
#      and UndefinedBehaviorSanitizer;
#   2. against the shared library, under valgrind --leak-check=full when
#      valgrind is installed (plainly otherwise).
# At least one leak checker must have run. Exits non-zero on any failure.
#
#   bash bindings/c/run-tests.sh        (from any directory)
#
# Outputs go to $CARGO_TARGET_DIR (default: target/ of the workspace), under c-test/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
out="$target/c-test"
mkdir -p "$out"

step() { printf '\n==> %s\n' "$*"; }

command -v gcc >/dev/null || { echo "run-tests.sh: gcc is needed" >&2; exit 1; }

step "Build the library (release): cargo build --release -p lianjian-c"
cargo build --release -p lianjian-c
static_lib="$target/release/liblianjian.a"
shared_dir="$target/release"
[ -f "$static_lib" ] || { echo "run-tests.sh: $static_lib was not built" >&2; exit 1; }
[ -f "$shared_dir/liblianjian.so" ] || { echo "run-tests.sh: liblianjian.so was not built" >&2; exit 1; }

cflags=(-std=c11 -Wall -Wextra -Werror -pedantic -g -I "$here/include")
# What a Rust static library needs from the system on Linux
# (`cargo rustc -p lianjian-c --crate-type staticlib -- --print native-static-libs`).
system_libs=(-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc)
source_file="$here/c/test_lianjian.c"
leak_checked=0

step "AddressSanitizer + UBSan, static library"
probe="$out/asan-probe"
if printf 'int main(void) { return 0; }\n' |
  gcc -fsanitize=address,undefined -x c - -o "$probe" 2>/dev/null; then
  gcc "${cflags[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer \
    "$source_file" "$static_lib" "${system_libs[@]}" -o "$out/test_lianjian_asan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$out/test_lianjian_asan" tests/fixtures
  leak_checked=1
else
  echo "AddressSanitizer is not available (gcc cannot link -fsanitize=address: is libasan installed?); skipped."
fi

step "Shared library$(command -v valgrind >/dev/null && echo ', under valgrind')"
gcc "${cflags[@]}" -O1 "$source_file" -L "$shared_dir" -llianjian -Wl,-rpath,"$shared_dir" \
  -o "$out/test_lianjian"
if command -v valgrind >/dev/null; then
  valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=1 \
    "$out/test_lianjian" tests/fixtures
  leak_checked=1
else
  echo "valgrind is not installed; running without it."
  "$out/test_lianjian" tests/fixtures
fi

step "The --findings mode: one answer line per fixture"
fixtures=(tests/fixtures/enrollment/valid_own_branch.json tests/fixtures/enrollment/err_date_in_future.json)
lines="$("$out/test_lianjian" --findings enrollment --lang en "${fixtures[@]}")"
count="$(printf '%s\n' "$lines" | grep -c '^{"valid":' || true)"
if [ "$count" -ne "${#fixtures[@]}" ]; then
  echo "run-tests.sh: --findings printed $count answers for ${#fixtures[@]} files:" >&2
  printf '%s\n' "$lines" >&2
  exit 1
fi
echo "$count answers for ${#fixtures[@]} files"

if [ "$leak_checked" -ne 1 ]; then
  echo "run-tests.sh: neither AddressSanitizer nor valgrind could run; leaks were not checked" >&2
  exit 1
fi
echo
echo "C tests passed."
