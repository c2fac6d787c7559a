#!/usr/bin/env bash
# Builds the `lianjian` wheel with maturin, installs it into the repository's
# .venv and runs the binding's pytest suite. Runs from any directory.
#
#   bash bindings/python/build.sh [extra pytest arguments]
#   bash bindings/python/build.sh --no-tests    (build and install only)
#
# The network is used only to install maturin (and pytest) into a fresh .venv;
# after that, the build is maturin calling cargo with the cached crates, and the
# wheel is installed without an index.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

run_tests=1
if [[ "${1:-}" == "--no-tests" ]]; then
    run_tests=0
    shift
fi

maturin_version="1.16.0"
venv="$root/.venv"
python="$venv/bin/python"

if [[ ! -x "$python" ]]; then
    echo "build.sh: creating $venv" >&2
    python3 -m venv "$venv"
fi

if ! "$python" -m maturin --version 2>/dev/null | grep -q " $maturin_version\$"; then
    echo "build.sh: installing maturin $maturin_version into .venv" >&2
    "$python" -m pip install --quiet --disable-pip-version-check "maturin==$maturin_version"
fi

if [[ $run_tests == 1 ]] && ! "$python" -c "import pytest" 2>/dev/null; then
    # The same pytest the repository's other Python tests pin, when they do.
    pytest_req="pytest"
    pin="$(grep -E '^pytest==' "$root/tests/python/requirements.txt" 2>/dev/null || true)"
    [[ -n "$pin" ]] && pytest_req="$pin"
    echo "build.sh: installing $pytest_req into .venv" >&2
    "$python" -m pip install --quiet --disable-pip-version-check "$pytest_req"
fi

# The wheel lands in the workspace's target directory (maturin's default:
# target/wheels, or $CARGO_TARGET_DIR/wheels). Build into a fresh directory
# so that exactly one wheel is picked up, then move it next to the others.
target_dir="${CARGO_TARGET_DIR:-$root/target}"
[[ "$target_dir" = /* ]] || target_dir="$root/$target_dir"
wheels="$target_dir/wheels"
staging="$(mktemp -d "${TMPDIR:-/tmp}/lianjian-wheel.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

"$python" -m maturin build --release \
    --manifest-path "$here/Cargo.toml" \
    --interpreter "$python" \
    --out "$staging"

shopt -s nullglob
built=("$staging"/lianjian-*.whl)
shopt -u nullglob
if [[ ${#built[@]} -ne 1 ]]; then
    echo "build.sh: expected one wheel from maturin, found ${#built[@]}" >&2
    exit 1
fi
mkdir -p "$wheels"
wheel="$wheels/$(basename "${built[0]}")"
mv -f "${built[0]}" "$wheel"
echo "build.sh: built $wheel ($(du -h "$wheel" | cut -f1))" >&2

"$python" -m pip install --quiet --disable-pip-version-check \
    --no-index --no-deps --force-reinstall "$wheel"

if [[ $run_tests == 1 ]]; then
    "$python" -m pytest -q "${here#"$root"/}/tests" "$@"
fi
