"""What the shared concept features buy across languages: train on one language, test on the other.

    python bench/crosslingual.py

Trains on the English cases and tests on the French ones (and the reverse), with and without the
concept/actor features, then with the sentence vectors of ``casemine.vectors`` added (a pretrained encoder's
space, shared by both languages), and prints macro-F1 per family. Translated cases are left out so that no
case is seen in both languages.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.classify import CaseClassifier  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.evaluation import score_labels  # noqa: E402
from casemine.model import analyse_cases  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402


def main() -> None:
    cases = [c for c in read_cases(ROOT / "corpus" / "cases") if not c.extra.get("translation_of")]
    analyses = analyse_cases(cases)
    by_lang = {lang: [i for i, c in enumerate(cases) if c.lang == lang] for lang in ("en", "fr")}
    print(f"{len(cases)} cases without translations: {len(by_lang['en'])} en, {len(by_lang['fr'])} fr")
    print(f"{'train → test':<14}{'features':<22}" + "".join(f"{f.id:>10}" for f in SCHEME.families) + "      mean")
    for source, target in (("en", "fr"), ("fr", "en")):
        train, test = by_lang[source], by_lang[target]
        for label, concepts, vectors in (
            ("lemmas only", False, False),
            ("lemmas + concepts", True, False),
            ("+ sentence vectors", True, True),
        ):
            family_params = {f.id: {"vectors": True} for f in SCHEME.families} if vectors else {}
            clf = CaseClassifier(concepts=concepts, family_params=family_params).fit(
                [analyses[i] for i in train], [cases[i].labels for i in train]
            )
            report = score_labels([cases[i].labels for i in test], clf.predict([analyses[i] for i in test]))
            scores = [report[f.id]["macro_f1"] for f in SCHEME.families]
            print(
                f"{source + ' → ' + target:<14}{label:<22}"
                + "".join(f"{s:>10.3f}" for s in scores)
                + f"{sum(scores) / len(scores):>10.3f}"
            )
    print("macro-F1 per family (type on co-production cases only)")


if __name__ == "__main__":
    main()
