#!/usr/bin/env bash
# `make qa`: renders every real test portrait with --report and prints one summary row per photo.
# Videos, reports (JSON), charts (NAME.qa.png) and contact sheets (NAME.sheet.png: the face at a vowel, p/b/m, f/v,
# a blink and a head turn, beside the source face) go to out/qa/; the summary to out/qa/summary.md. Its last column,
# face detail, is informational (no target): the face's fine detail as a share of a still encode's.
set -euo pipefail
cd "$(dirname "$0")/.."
FACECAST=.build/release/facecast
OUT=out/qa
mkdir -p "$OUT"
# Two one-second breaks give the jitter metric still phases to measure (it only counts frames well inside silence).
TEXT='<speak>Good morning! My name is on the door, but the work is ours. <break time="1s"/> Maybe we can map the path
before the big push. Bob and Pam will bring the plans, five boxes of paper, and a very patient mind. <break time="1s"/>
Thank you, and see you soon.</speak>'
# PHOTO or PHOTO:FACE-INDEX (two_faces_large: the larger face reads as turned 56°, so the second one talks;
# multi_faces: face 4 of six, ~104 px wide and turned ~30°; grey_pair: the man in the hat, ~125 px).
PHOTOS=(astronaut.png grace_hopper.jpg frontal_face.jpg large_face.jpg head_turned.jpg glasses_face.jpg grey_face.jpg
  two_faces_large.jpg:1 edge_face.jpg edge_face_right.jpg tall_frontal.jpg multi_faces.jpg:4 smile_teeth.jpg frown_closed.jpg open_mouth.jpg
  grey_pair.png:0 beard_smile.jpg beard_frontal.jpg)
# QA_PHOTOS="astronaut.png head_turned.jpg" make qa: only those.
[ -n "${QA_PHOTOS:-}" ] && read -r -a PHOTOS <<< "$QA_PHOTOS"
NAMES=()
for entry in "${PHOTOS[@]}"; do
  photo="${entry%%:*}"; face=0
  [[ "$entry" == *:* ]] && face="${entry##*:}"
  name="${photo%.*}"
  NAMES+=("$entry")
  if [ -f "$OUT/$name.sheet.png" ] && [ -f "$OUT/$name.qa.json" ] && [ "$OUT/$name.qa.json" -nt "$FACECAST" ]; then echo "== $photo (up to date)"; continue; fi
  echo "== $photo"
  "$FACECAST" render ".cache/fixtures/$photo" --face "$face" --text "$TEXT" -o "$OUT/$name.mp4" --timeline "$OUT/$name.timeline.json" --report -q
done
python3 - "$OUT" "${NAMES[@]}" <<'PY'
import json, sys
out, photos = sys.argv[1], sys.argv[2:]
cols = ["identity distance (mean)", "identity distance (max)", "face present", "AV offset", "sync strength",
        "bilabial closures", "blink rate", "blink durations", "background stability", "temporal jitter", "duration"]
short = ["id mean", "id max", "face", "AV offset", "sync r", "p/b/m closed", "blinks/min", "blink ms", "background", "jitter", "duration"]
lines = ["| photo | " + " | ".join(short) + " | met | face detail |", "|---" * (len(cols) + 3) + "|"]
for p in photos:
    name = p.rsplit(".", 1)[0]
    r = json.load(open(f"{out}/{name}.qa.json"))
    checks = {c["metric"]: c for c in r["checks"]}
    def cell(m):
        c = checks.get(m)
        if not c: return "–"
        mark = {True: "✓", False: "✗", None: "n/a"}[c.get("pass")]
        return f"{c['value'].split(' (')[0]} {mark}"
    met = sum(1 for c in r["checks"] if c.get("pass") is True)
    measured = sum(1 for c in r["checks"] if c.get("pass") is not None)
    detail = r.get("faceDetail")
    detail = f"{detail['share']:.2f}" if detail else "–"
    lines.append(f"| {p} | " + " | ".join(cell(m) for m in cols) + f" | {met}/{measured} | {detail} |")
text = "\n".join(lines) + "\n"
open(f"{out}/summary.md", "w").write(text)
print(text)
PY
