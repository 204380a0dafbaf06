"""Score name pairs with caselink.metrics: one pair, a batch, and all-against-all.

Run: python examples/python/metrics_quickstart.py
"""

from __future__ import annotations

from caselink import metrics


def main() -> None:
    press = ["John M. Smith Jr.", "Maria Garcia-Lopez", "Wei Zhang", None]
    docket = ["SMITH, JOHN M. JR.", "GARCIA LOPEZ, MARIA", "ZHANG, WEI", "DOE, JANE"]
    folded = [None if s is None else s.lower().replace(",", "").replace(".", "") for s in docket]
    press_folded = [None if s is None else s.lower().replace(".", "") for s in press]

    scores = metrics.cpdist(press_folded, folded, scorer="token_sort")
    for p, d, s in zip(press, docket, scores):
        print(f"{p!s:22} ~ {d:22} token_sort={s:.3f}")
    assert scores[0] > 0.7 and scores[2] == 1.0

    matrix = metrics.cdist(press_folded[:3], folded[:3], scorer="token_sort", workers=-1)
    best = matrix.argmax(axis=1).tolist()
    print("best docket for each press name:", best)
    assert best == [0, 1, 2]


if __name__ == "__main__":
    main()
