#!/bin/sh
# tests/explain/eval-real.sh: score `headroom explain` on a corpus file
# (CAUSE<TAB>LINE; default tests/explain/real-lines.txt, made by
# gen-real.sh) through the command line as a user runs it: each line
# alone, `headroom explain --no-live --format json -` on stdin. Prints
# every line that is not right and the figures: right first cause, wrong
# first cause, not recognised; for a ~CAUSE line (one the program prints
# alike whatever the limit) "right" means CAUSE is among the candidates.
#
#   sh tests/explain/eval-real.sh [CORPUS] [HEADROOM]
#
# Run by hand; tests/unit/test-explain-corpus checks the same file in
# make check. Exit 0 when nothing is wrong, 1 otherwise.
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-$here/real-lines.txt}
headroom=${2:-$here/../../src/headroom}
exec python3 - "$corpus" "$headroom" <<'EOF'
import json, subprocess, sys

corpus, headroom = sys.argv[1], sys.argv[2]
right = wrong = missed = 0
for n, raw in enumerate(open(corpus, encoding="utf-8", errors="replace"), 1):
    raw = raw.rstrip("\n")
    if not raw or raw.startswith("#"):
        continue
    want, line = raw.split("\t", 1)
    loose = want.startswith("~")
    want = want.lstrip("~")
    out = subprocess.run([headroom, "explain", "--no-live", "--format", "json", "-"],
                         input=line + "\n", capture_output=True, text=True).stdout
    causes = json.loads(out)["causes"] if out.strip() else []
    if not causes:
        missed += 1
        print(f"{corpus}:{n}: missed (want {want}): {line}")
        continue
    first = causes[0]
    cands = [c["cause"] for c in first.get("candidates") or []] or [first["cause"]]
    if first["cause"] == want or (loose and want in cands):
        right += 1
    else:
        wrong += 1
        print(f"{corpus}:{n}: WRONG {first['cause']} ({first['signature']}; "
              f"candidates {' '.join(cands)}), want {want}: {line}")
total = right + wrong + missed
print(f"{corpus}: {total} lines: {right} right ({100.0 * right / max(total, 1):.1f}%), "
      f"{wrong} wrong first cause, {missed} not recognised")
sys.exit(1 if wrong or missed else 0)
EOF
