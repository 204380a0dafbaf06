#!/usr/bin/env bash
# Dockets ↔ press releases side by side: `caselink trace --dockets --press` vs Splink 5 on DuckDB
# (splink_dockets_press.py) on `caselink synth --cases N`.
# Usage: benches/compare/dockets_press.sh CASES [RUNS=1]
set -euo pipefail
N=${1:?cases}
RUNS=${2:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CASELINK=${CASELINK:-$ROOT/target/release/caselink}
WORK=${WORK:-$(mktemp -d /tmp/dockets_press.XXXXXX)}
source "$ROOT/benches/compare/lib.sh"
SCRIPT=$ROOT/benches/compare/splink_dockets_press.py

"$CASELINK" synth --cases "$N" --seed 7 --out "$WORK/data" >/dev/null
D=$WORK/data
ND=$(($(wc -l <"$D/dockets.csv") - 1))
NP=$(($(wc -l <"$D/press_releases.csv") - 1))
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $ND dockets, $NP releases; work dir $WORK" >&2

measure caselink "$RUNS" "$CASELINK" trace --dockets "$D/dockets.csv" --press "$D/press_releases.csv" --out "$WORK/trace"
CL_WALL=$MED_WALL CL_RSS=$MED_RSS
# Every docket–release pair trace placed in one case (clusters.csv: a release linked to one of a
# case's two dockets pairs with both), scored pairwise like Splink's pairs.
"$PY" -c 'import sys, pandas as pd
c = pd.read_csv(sys.argv[1], dtype=str)
d = c[c.record_type == "docket"][["record_id", "case_id"]].rename(columns={"record_id": "left_id"})
r = c[c.record_type == "press_release"][["record_id", "case_id"]].rename(columns={"record_id": "right_id"})
p = d.merge(r, on="case_id")[["left_id", "right_id"]]
p["match_probability"] = 1.0
p.to_csv(sys.argv[2], index=False)' \
    "$WORK/trace/clusters.csv" "$WORK/caselink_pairs.csv"
read -r CL_P CL_R CL_F <<<"$("$PY" "$SCRIPT" --score "$WORK/caselink_pairs.csv" "$D/truth.csv")"

measure splink "$RUNS" timeout 1800 "$PY" "$SCRIPT" "$D" "$WORK/splink_pairs.csv"
SP_WALL=$MED_WALL SP_RSS=$MED_RSS
read -r SP_P SP_R SP_F <<<"$("$PY" "$SCRIPT" --score "$WORK/splink_pairs.csv" "$D/truth.csv")"

echo
echo "Dockets ↔ press releases, $N cases ($ND dockets, $NP releases), load $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
header "$RUNS"
row "caselink trace" "$CL_WALL" "$CL_RSS" n/a "$CL_P" "$CL_R" "$CL_F"
row "Splink 5 (DuckDB)" "$SP_WALL" "$SP_RSS" n/a "$SP_P" "$SP_R" "$SP_F"
awk -v a="$CL_WALL" -v b="$SP_WALL" -v c="$CL_RSS" -v d="$SP_RSS" \
    'BEGIN {printf "caselink: %.1f× faster, %.1f× less memory\n", b/a, d/c}'
