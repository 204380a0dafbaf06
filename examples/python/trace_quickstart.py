"""Trace synthetic CyberTipline referrals to dockets and press releases, then dedupe people."""

import caselink
from caselink import Linker, block, compare

world = caselink.synth.cases(500, seed=1, flavour="dict")
result = caselink.trace(world["referrals"], world["dockets"], world["press_releases"])
print(result.summary)
print(
    "accuracy:",
    {
        k: round(v, 3)
        for k, v in caselink.evaluate(result, world["truth"]).items()
        if k in ("precision", "recall", "f1")
    },
)

people = caselink.synth.persons(300, seed=1, flavour="dict")
linker = Linker(
    comparisons=[compare.name(given="first_name", surname="surname"), compare.exact("dob"), compare.exact("zip")],
    blocking=[block.key("dob"), block.key(block.surname_soundex("surname"), "state")],
    unique_id="unique_id",
)
linker.train(people["persons"])
pairs = linker.dedupe(people["persons"], threshold=0.9)
print("dedupe f1:", round(caselink.evaluate(pairs, people["truth"])["f1"], 3))
