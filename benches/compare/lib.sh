# Shared helpers for the side-by-side scripts (sourced, not run).
# measure NAME RUNS CMD...: runs CMD RUNS times under /usr/bin/time -v, keeps each run's stderr in
# $WORK/NAME.<i>.err, and sets MED_WALL (s) and MED_RSS (MB), the medians over the runs.
PY=${PY:-/work/benchenv/bin/python}

median() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# h:mm:ss or m:ss.ss → seconds
to_seconds() { awk -F: '{s=0; for (i=1;i<=NF;i++) s=s*60+$i; print s}'; }

measure() {
    local name=$1 runs=$2; shift 2
    local walls=() rsss=() i
    for ((i = 1; i <= runs; i++)); do
        /usr/bin/time -v "$@" 2>"$WORK/$name.$i.err" >/dev/null || { echo "$name run $i failed:"; tail -5 "$WORK/$name.$i.err"; exit 1; }
        walls+=("$(grep 'Elapsed (wall clock)' "$WORK/$name.$i.err" | awk '{print $NF}' | to_seconds)")
        rsss+=("$(grep 'Maximum resident set size' "$WORK/$name.$i.err" | awk '{printf "%.0f", $NF/1024}')")
        echo "  $name run $i: ${walls[-1]} s, ${rsss[-1]} MB" >&2
    done
    MED_WALL=$(printf '%s\n' "${walls[@]}" | median)
    MED_RSS=$(printf '%s\n' "${rsss[@]}" | median)
}

# eval_pairs PAIRS TRUTH: prints "precision recall f1" from caselink eval at p >= 0.5.
eval_pairs() {
    "$CASELINK" eval --pairs "$1" --truth "$2" --threshold 0.5 |
        "$PY" -c 'import json,sys; j=json.load(sys.stdin); print("%.4f %.4f %.4f" % (j["precision"], j["recall"], j["f1"]))'
}

row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }
header() {
    row tool "wall s (median of $1)" "peak RSS MB (median)" "pairs compared" precision recall "F1 (p ≥ 0.5)"
    row --- --- --- --- --- --- ---
}
