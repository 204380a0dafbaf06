#!/usr/bin/env bash
# Dockets ↔ press releases on Spark (local[2]), side by side in one run: caselink.spark
# (caselink_spark_dockets_press.py) vs Splink 5's SparkAPI (splink_spark_dockets_press.py, the
# DuckDB script's model and preprocessing), one after the other, on `caselink synth --cases N`.
# Wall time and peak memory (summed RSS of the driver, the JVM and the Python workers) from
# spark_common.py --measure; P/R/F1 at p ≥ 0.5 over docket–release pairs.
# Usage: benches/compare/spark_dockets_press.sh CASES [DATA_DIR]  (DATA_DIR reused when it exists)
# Needs in $PY's environment: pyspark 4, splink 5, psutil, jellyfish, the caselink wheel; Java 17.
set -euo pipefail
N=${1:?cases}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CASELINK=${CASELINK:-$ROOT/target/release/caselink}
WORK=${WORK:-$(mktemp -d /tmp/spark_dockets_press.XXXXXX)}
mkdir -p "$WORK"
D=${2:-$WORK/data}
source "$ROOT/benches/compare/lib.sh"
HERE=$ROOT/benches/compare
TIMEOUT=${TIMEOUT:-2400}
export SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON=$PY

[ -f "$D/dockets.csv" ] || "$CASELINK" synth --cases "$N" --seed 1 --out "$D" >/dev/null
ND=$(($(wc -l <"$D/dockets.csv") - 1))
NP=$(($(wc -l <"$D/press_releases.csv") - 1))
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $ND dockets, $NP releases; work dir $WORK" >&2

run() { # NAME SCRIPT: measured run, then its P/R/F1
    local name=$1 script=$2
    echo "load before $name: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    timeout "$TIMEOUT" "$PY" "$HERE/spark_common.py" --measure "$WORK/$name.json" \
        "$PY" "$HERE/$script" "$D" "$WORK/${name}_pairs.csv" 2>"$WORK/$name.err" ||
        { echo "$name failed or timed out:"; tail -5 "$WORK/$name.err"; return 1; }
    tail -1 "$WORK/$name.err" >&2
    "$PY" -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["wall_s"], j["peak_rss_mb"], j.get("cpu_s", "n/a"))' "$WORK/$name.json"
}
CL=$(run caselink caselink_spark_dockets_press.py) || exit 1
read -r CL_WALL CL_RSS CL_CPU <<<"$CL"
read -r CL_P CL_R CL_F <<<"$("$PY" "$HERE/splink_dockets_press.py" --score "$WORK/caselink_pairs.csv" "$D/truth.csv")"
SP=$(run splink splink_spark_dockets_press.py) || exit 1
read -r SP_WALL SP_RSS SP_CPU <<<"$SP"
read -r SP_P SP_R SP_F <<<"$("$PY" "$HERE/splink_dockets_press.py" --score "$WORK/splink_pairs.csv" "$D/truth.csv")"

echo
echo "Dockets ↔ press releases on Spark local[2], $N cases ($ND dockets, $NP releases), load $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
row tool "wall s" "peak RSS MB (process tree)" "CPU s (process tree)" precision recall "F1 (p ≥ 0.5)"
row --- --- --- --- --- --- ---
row "caselink.spark (trace: dockets, releases)" "$CL_WALL" "$CL_RSS" "$CL_CPU" "$CL_P" "$CL_R" "$CL_F"
row "Splink 5 (SparkAPI)" "$SP_WALL" "$SP_RSS" "$SP_CPU" "$SP_P" "$SP_R" "$SP_F"
awk -v a="$CL_WALL" -v b="$SP_WALL" -v c="$CL_RSS" -v d="$SP_RSS" \
    'BEGIN {printf "caselink.spark: %.1f× faster, %.1f× less memory\n", b/a, d/c}'
