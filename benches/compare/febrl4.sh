#!/usr/bin/env bash
# FEBRL4 side by side: caselink vs Splink 5 on DuckDB, same data, same machine, one run.
# Usage: benches/compare/febrl4.sh [RUNS=3]   (from the repository root, after cargo build --release)
set -euo pipefail
RUNS=${1:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CASELINK=${CASELINK:-$ROOT/target/release/caselink}
WORK=${WORK:-$(mktemp -d /tmp/febrl4.XXXXXX)}
source "$ROOT/benches/compare/lib.sh"

"$PY" "$ROOT/benches/compare/febrl_data.py" "$WORK/data"
D=$WORK/data
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; work dir $WORK" >&2

measure caselink "$RUNS" "$CASELINK" link --spec "$ROOT/examples/febrl/spec.json" "$D/a.csv" "$D/b.csv" \
    --out "$WORK/caselink_pairs.csv"
CL_WALL=$MED_WALL CL_RSS=$MED_RSS
CL_PAIRS=$(grep -o '[0-9]* candidate pairs compared' "$WORK/caselink.1.err" | cut -d' ' -f1)
read -r CL_P CL_R CL_F <<<"$(eval_pairs "$WORK/caselink_pairs.csv" "$D/truth.csv")"

measure splink "$RUNS" "$PY" "$ROOT/benches/compare/splink_febrl4.py" "$D" "$WORK/splink_pairs.csv"
SP_WALL=$MED_WALL SP_RSS=$MED_RSS
SP_PAIRS=$("$PY" "$ROOT/benches/compare/splink_febrl4.py" "$D" --count-pairs)
read -r SP_P SP_R SP_F <<<"$(eval_pairs "$WORK/splink_pairs.csv" "$D/truth.csv")"

echo
echo "FEBRL4 (5,000 × 5,000), load $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
header "$RUNS"
row caselink "$CL_WALL" "$CL_RSS" "$CL_PAIRS" "$CL_P" "$CL_R" "$CL_F"
row "Splink 5 (DuckDB)" "$SP_WALL" "$SP_RSS" "$SP_PAIRS" "$SP_P" "$SP_R" "$SP_F"
awk -v a="$CL_WALL" -v b="$SP_WALL" -v c="$CL_RSS" -v d="$SP_RSS" \
    'BEGIN {printf "caselink: %.1f× faster, %.1f× less memory\n", b/a, d/c}'
