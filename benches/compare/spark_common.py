"""Shared by the Spark side-by-side scripts (spark_dockets_press.sh): one local Spark session
configuration for both tools, and a process-tree memory poller.

`python spark_common.py --measure OUT.json CMD...` runs CMD and writes its wall time and the peak
of the summed RSS of CMD and all its descendants (the Python driver, the Spark JVM it starts and
the Python workers the JVM forks), sampled every 0.2 s from /proc through psutil. Summing RSS
counts pages shared between processes (the caselink library mapped by several Python workers,
say) more than once, so it overstates a little; both tools are measured the same way. The JVM's
share is mostly its heap, which grows towards `spark.driver.memory` (6g here, the same for both
tools) before it collects, so the peak says more about that setting than about the tool. CPU
seconds (user + system, summed over the tree, as last sampled) say what the run cost.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from typing import Any


def session(app: str, cores: int = 2, memory: str = "6g", jars: str | None = None) -> Any:
    """A loopback-only local[cores] session; the same settings for caselink and Splink."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    b = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", str(4 * cores))
        .config("spark.default.parallelism", str(4 * cores))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    )
    if jars:
        b = b.config("spark.jars", jars)
    s = b.getOrCreate()
    s.sparkContext.setLogLevel("ERROR")
    return s


def measure(out: str, cmd: list[str]) -> None:
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd)
    root = psutil.Process(proc.pid)
    peak = 0
    cpu: dict[int, float] = {}  # last user + system CPU seen per process of the tree
    while proc.poll() is None:
        total = 0
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in procs:
            with contextlib.suppress(psutil.Error):
                total += p.memory_info().rss
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
        peak = max(peak, total)
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    result = {"wall_s": round(wall, 1), "peak_rss_mb": round(peak / 2**20), "cpu_s": round(sum(cpu.values()), 1)}
    with open(out, "w") as f:
        json.dump({**result, "exit": proc.returncode}, f)
    sys.exit(proc.returncode)


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--measure":
        measure(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
