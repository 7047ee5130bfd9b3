#!/usr/bin/env bash
# `make audio-qa`: lip-sync to real recordings (issue 6). Renders each recording with a portrait twice, with its
# transcript (forced alignment) and without (acoustic visemes), each with --report; summary in out/audio-qa/summary.md.
# The German recording is four syllables of one native speaker (KLettres) joined with 0.3 s pauses, as AAC (.m4a).
set -euo pipefail
cd "$(dirname "$0")/.."
FACECAST=${FACECAST:-.build/release/facecast}
A=.cache/fixtures/audio
OUT=out/audio-qa
mkdir -p "$OUT"
if [ ! -f "$OUT/german.m4a" ]; then
  ffmpeg -v error -y -i $A/de_vor.ogg -i $A/de_rot.ogg -i $A/de_sitz.ogg -i $A/de_reh.ogg -filter_complex \
    "aevalsrc=0:d=0.3:s=44100[s1];aevalsrc=0:d=0.3:s=44100[s2];aevalsrc=0:d=0.3:s=44100[s3];[0:a][s1][1:a][s2][2:a][s3][3:a]concat=n=7:v=0:a=1" \
    -c:a aac -b:a 128k "$OUT/german.m4a"
fi
# NAME|AUDIO|TRANSCRIPT|LANGUAGE|PHOTO
ROWS=(
  "arctic_slt|$A/arctic_a0009.wav|He turned sharply, and faced Gregson across the table.|en-us|astronaut.png"
  "bobby|$A/bobby.wav|Bobby ripped the ledger.|en-us|frontal_face.jpg"
  "mary|$A/mary.wav|Mary rolled the barrel.|en-us|head_turned.jpg"
  "north_wind|$A/north_wind.wav|The north wind and the sun.|en-us|glasses_face.jpg"
  "german|$OUT/german.m4a|vor, rot, sitz, reh.|de|large_face.jpg"
)
NAMES=()
for row in "${ROWS[@]}"; do
  IFS='|' read -r name audio transcript language photo <<<"$row"
  echo "== $name (transcript)"
  "$FACECAST" render ".cache/fixtures/$photo" --audio "$audio" --transcript "$transcript" --language "$language" \
    -o "$OUT/$name.transcript.mp4" --timeline "$OUT/$name.transcript.timeline.json" --report -q
  echo "== $name (acoustic)"
  "$FACECAST" render ".cache/fixtures/$photo" --audio "$audio" -o "$OUT/$name.acoustic.mp4" \
    --timeline "$OUT/$name.acoustic.timeline.json" --report -q
  NAMES+=("$name.transcript" "$name.acoustic")
done
python3 - "$OUT" "${NAMES[@]}" <<'PY'
import json, sys
out, names = sys.argv[1], sys.argv[2:]
cols = ["AV offset", "sync strength", "bilabial closures", "duration"]
lines = ["| render | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
for n in names:
    r = json.load(open(f"{out}/{n}.qa.json"))
    checks = {c["metric"]: c for c in r["checks"]}
    def cell(m):
        c = checks.get(m)
        if not c: return "–"
        mark = {True: "✓", False: "✗", None: "n/a"}[c.get("pass")]
        return f"{c['value']} {mark}"
    lines.append(f"| {n} | " + " | ".join(cell(m) for m in cols) + " |")
text = "\n".join(lines) + "\n"
open(f"{out}/summary.md", "w").write(text)
print(text)
PY
