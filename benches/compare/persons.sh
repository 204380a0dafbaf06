#!/usr/bin/env bash
# Person dedupe side by side: caselink vs Splink 5 on DuckDB on `caselink synth --persons N`.
# Usage: benches/compare/persons.sh PEOPLE [RUNS=1] [SPLINK_RUNS=RUNS]
#   PEOPLE=43000 gives ≈100k records, 430000 ≈1M (Splink then needs ≈8 GB and many minutes).
set -euo pipefail
N=${1:?people}
RUNS=${2:-1}
SPLINK_RUNS=${3:-$RUNS}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CASELINK=${CASELINK:-$ROOT/target/release/caselink}
WORK=${WORK:-$(mktemp -d /tmp/persons.XXXXXX)}
source "$ROOT/benches/compare/lib.sh"

"$CASELINK" synth --persons "$N" --seed 7 --out "$WORK/data" >/dev/null
D=$WORK/data
RECORDS=$(($(wc -l <"$D/persons.csv") - 1))
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $RECORDS records; work dir $WORK" >&2

measure caselink "$RUNS" "$CASELINK" link --spec "$ROOT/examples/persons/spec.json" "$D/persons.csv" \
    --out "$WORK/caselink_pairs.csv"
CL_WALL=$MED_WALL CL_RSS=$MED_RSS
CL_PAIRS=$(grep -o '[0-9]* candidate pairs compared' "$WORK/caselink.1.err" | cut -d' ' -f1)
read -r CL_P CL_R CL_F <<<"$(eval_pairs "$WORK/caselink_pairs.csv" "$D/persons_truth.csv")"

measure splink "$SPLINK_RUNS" timeout 1800 "$PY" "$ROOT/benches/compare/splink_persons.py" "$D/persons.csv" \
    "$WORK/splink_pairs.csv"
SP_WALL=$MED_WALL SP_RSS=$MED_RSS
SP_PAIRS=${SPLINK_PAIRS:-$(timeout 1800 "$PY" "$ROOT/benches/compare/splink_persons.py" "$D/persons.csv" --count-pairs)}
read -r SP_P SP_R SP_F <<<"$(eval_pairs "$WORK/splink_pairs.csv" "$D/persons_truth.csv")"

echo
echo "Person dedupe, $RECORDS records ($N people), load $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
header "$RUNS/$SPLINK_RUNS"
row caselink "$CL_WALL" "$CL_RSS" "$CL_PAIRS" "$CL_P" "$CL_R" "$CL_F"
row "Splink 5 (DuckDB)" "$SP_WALL" "$SP_RSS" "$SP_PAIRS" "$SP_P" "$SP_R" "$SP_F"
awk -v a="$CL_WALL" -v b="$SP_WALL" -v c="$CL_RSS" -v d="$SP_RSS" \
    'BEGIN {printf "caselink: %.1f× faster, %.1f× less memory\n", b/a, d/c}'
